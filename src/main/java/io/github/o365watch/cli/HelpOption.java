package io.github.o365watch.cli;

import picocli.CommandLine.Option;

/** -h/--help for subcommands (the root's --version would clash with their own --version). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
