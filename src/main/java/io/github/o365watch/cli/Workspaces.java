package io.github.o365watch.cli;

import io.github.o365watch.app.Workspace;
import io.github.o365watch.source.SourceOptions;
import io.github.o365watch.app.UsageException;
import io.github.o365watch.store.FileKind;
import io.github.o365watch.store.SnapshotStore;
import java.nio.file.Path;
import java.time.Duration;

/** Builds the app's workspace from the parsed options. */
final class Workspaces {
    private Workspaces() {}

    static Workspace of(Root root, SourceOptionsMixin source, boolean offline, int lockTimeoutSeconds, String command) {
        SourceOptions options = source == null
                ? SourceOptions.defaults(SourceOptions.DEFAULT_LOCATION, root.environment.configDir(), root.environment.env())
                : source.build(root.environment);
        return new Workspace(store(root.store(), root.store != null), options, offline, root.environment.clock(),
                Duration.ofSeconds(lockTimeoutSeconds),
                "pid " + ProcessHandle.current().pid() + " (o365watch " + command + ")");
    }

    /** For sync and check: the config file's store and source, unless --store or --source say otherwise. */
    static Workspace of(Root root, io.github.o365watch.app.Config config, SourceOptionsMixin source, boolean offline,
            int lockTimeoutSeconds, String command) {
        SourceOptions options = source.build(root.environment, config.source());
        return new Workspace(root.store != null ? store(root.store, true) : new SnapshotStore(config.store()), options, offline,
                root.environment.clock(), Duration.ofSeconds(lockTimeoutSeconds),
                "pid " + ProcessHandle.current().pid() + " (o365watch " + command + ")");
    }

    /**
     * The store a command names (the config's is checked with the config): a directory, or nothing
     * yet. A file there would read as an empty store, "nothing stored", and exit 0.
     */
    private static SnapshotStore store(Path dir, boolean named) {
        FileKind kind = FileKind.of(dir);
        if (kind != FileKind.ABSENT && kind != FileKind.DIRECTORY) {
            throw new UsageException((named ? "--store " + dir : "the store " + dir + " (the default; --store names another)") + ": "
                    + kind.description() + ", not a snapshot directory");
        }
        return new SnapshotStore(dir);
    }

    /** Offline-only commands. */
    static Workspace offline(Root root, String command) {
        return of(root, null, true, 0, command);
    }

    /** Offline-only commands on a config file's store. */
    static Workspace offline(Root root, String command, java.nio.file.Path store) {
        return new Workspace(new SnapshotStore(store), SourceOptions.defaults(SourceOptions.DEFAULT_LOCATION, root.environment.configDir(),
                root.environment.env()), true, root.environment.clock(), Duration.ZERO,
                "pid " + ProcessHandle.current().pid() + " (o365watch " + command + ")");
    }
}
