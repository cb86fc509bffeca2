package io.github.o365watch.cli;

import io.github.o365watch.app.UsageException;
import io.github.o365watch.diff.Thresholds;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which two versions to compare, and the review thresholds. */
final class CompareOptions {
    @Mixin
    OneInstanceOption instance;

    @Option(names = "--from", paramLabel = "V", description = "Older stored version (default: the one before --to).")
    String from;

    @Option(names = "--to", paramLabel = "V", description = "Newer stored version (default: the newest).")
    String to;

    @Option(
            names = "--broad-ipv4",
            paramLabel = "BITS",
            defaultValue = "16",
            description = "Flag an added IPv4 prefix holding a block no set listed before that is shorter than this"
                    + " (default: ${DEFAULT-VALUE}).")
    int broadIpv4;

    @Option(
            names = "--broad-ipv6",
            paramLabel = "BITS",
            defaultValue = "32",
            description = "Flag an added IPv6 prefix holding a block no set listed before that is shorter than this"
                    + " (default: ${DEFAULT-VALUE}).")
    int broadIpv6;

    Thresholds thresholds() {
        try {
            return new Thresholds(broadIpv4, broadIpv6);
        } catch (IllegalArgumentException e) {
            throw UsageException.commandLine("--broad-ipv4/--broad-ipv6: " + e.getMessage());
        }
    }
}
