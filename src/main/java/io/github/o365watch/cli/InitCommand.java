package io.github.o365watch.cli;

import io.github.o365watch.app.ConfigFile;
import io.github.o365watch.app.UsageException;
import io.github.o365watch.store.AtomicFiles;
import io.github.o365watch.store.FileKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "init", description = "Writes a commented starter config file (o365watch.yaml) to edit before the first sync.")
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    Root root;

    @Mixin
    HelpOption help;

    @Mixin
    ConfigOption config;

    @Option(names = "--force", description = "Replace an existing config file.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Path file = config.path();
        if (Files.exists(file) && !force) {
            throw new UsageException(file + " already exists (--force replaces it)");
        }
        FileKind kind = FileKind.of(file);
        if (!kind.replaceable()) {
            // a rename would replace a device node or a pipe with the starter file
            throw new UsageException("--config " + file + ": " + kind.description() + "; the config is a regular file");
        }
        byte[] starter;
        try (InputStream in = InitCommand.class.getResourceAsStream("/o365watch/starter.yaml")) {
            starter = in.readAllBytes();
        }
        AtomicFiles.write(file, starter);
        ConfigFile.read(file); // the starter must be a valid config
        root.spec.commandLine().getOut().println("wrote " + file + "; edit it, then run: o365watch sync");
        return ExitCodes.OK;
    }
}
