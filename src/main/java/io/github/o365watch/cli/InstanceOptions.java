package io.github.o365watch.cli;

import io.github.o365watch.app.Config;
import io.github.o365watch.app.InstanceSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** --instance (repeatable) and --all-instances. */
final class InstanceOptions {
    @Option(
            names = "--instance",
            paramLabel = "NAME",
            completionCandidates = Vocabulary.Instances.class,
            description =
                    "Service instance, case-insensitive: ${COMPLETION-CANDIDATES}, or any the service lists. Repeatable."
                            + " Default: the config file's instances, else Worldwide.")
    List<String> names = new ArrayList<>();

    @Option(names = "--all-instances", description = "Every instance the service lists (offline: every stored one).")
    boolean all;

    /** The instances named, else all, else the config file's. */
    InstanceSelection get(Optional<Config> config) {
        if (names.isEmpty() && !all && config.isPresent()) {
            return new InstanceSelection(config.get().instances(), false);
        }
        return new InstanceSelection(names, all);
    }
}
