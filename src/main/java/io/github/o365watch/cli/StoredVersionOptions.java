package io.github.o365watch.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which stored version a command reads: {@code --instance} and {@code --version}. */
final class StoredVersionOptions {
    @Mixin
    OneInstanceOption instance;

    @Option(names = "--version", paramLabel = "V", description = "Stored data version (default: the newest).")
    String version;
}
