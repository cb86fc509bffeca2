package io.github.o365watch.cli;

import picocli.CommandLine.Option;

/** {@code --instance} for a command that works on one instance. */
final class OneInstanceOption {
    @Option(
            names = "--instance",
            paramLabel = "NAME",
            completionCandidates = Vocabulary.Instances.class,
            description = "Service instance (default: the config file's first, else Worldwide).")
    String name;
}
