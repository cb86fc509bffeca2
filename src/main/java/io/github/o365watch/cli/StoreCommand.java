package io.github.o365watch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** A site command that works on a snapshot store: --store, else the config file's store, else ./snapshots. */
@Exits("5:store problem: nothing stored, a corrupt or edited snapshot, the store busy, a disk error")
abstract class StoreCommand extends SiteCommand {
    @Option(
            names = "--store",
            paramLabel = "DIR",
            description = "The snapshot directory (default: the config file's store, else ./snapshots).")
    Path store;

    @Override
    Path storeOption() {
        return store;
    }
}
