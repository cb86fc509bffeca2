package io.github.o365watch.cli;

import io.github.o365watch.app.ConfigFile;
import io.github.o365watch.app.UsageException;
import io.github.o365watch.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = {
    "Writes a commented starter config file to edit before the first sync.",
    "The file goes to --config FILE, else $" + SiteCommand.CONFIG_ENV + ", else ./" + SiteCommand.CONFIG_FILE
            + ", where every other command then finds it."})
@Exits("5:the file could not be written (disk, permissions)")
final class InitCommand extends BaseCommand {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Where to write it (default: $" + SiteCommand.CONFIG_ENV + ", else ./" + SiteCommand.CONFIG_FILE + ").")
    Path config;

    @Option(names = "--force", description = "Replace an existing config file.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Path file = SiteCommand.named(environment(), config).file();
        if (Files.exists(file) && !force) {
            throw new UsageException(file + " already exists (--force replaces it)");
        }
        byte[] starter;
        try (InputStream in = InitCommand.class.getResourceAsStream("/o365watch/starter.yaml")) {
            starter = in.readAllBytes();
        }
        AtomicFiles.write(file, starter);
        ConfigFile.read(file); // the starter must be a valid config
        out().println("wrote " + file + "; edit it, then run: o365watch sync");
        return ExitCodes.OK;
    }
}
