package io.github.o365watch.cli;

import io.github.o365watch.app.Config;
import io.github.o365watch.app.ConfigFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --config FILE (default ./o365watch.yaml). */
final class ConfigOption {
    static final String DEFAULT = "o365watch.yaml";

    @Option(names = "--config", paramLabel = "FILE", description = "The config file (default: ./" + DEFAULT + ").")
    Path file;

    Path path() {
        return file != null ? file : Path.of(DEFAULT);
    }

    Config read() {
        return ConfigFile.read(path());
    }
}
