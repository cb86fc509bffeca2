package io.github.o365watch.cli;

import io.github.o365watch.app.Instances;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** --instance (repeatable) and --all-instances. */
final class InstanceOptions {
    @Option(names = "--instance", paramLabel = "NAME",
            description = "Service instance, case-insensitive: Worldwide (default), USGovDoD, USGovGCCHigh, China,"
                    + " or any the service lists. Repeatable.")
    List<String> names = new ArrayList<>();

    @Option(names = "--all-instances", description = "Every instance the service lists (offline: every stored one).")
    boolean all;

    Instances get() {
        return new Instances(names, all);
    }
}
