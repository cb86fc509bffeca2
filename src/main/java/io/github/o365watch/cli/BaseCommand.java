package io.github.o365watch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command has: its parent, --help, the output streams and the run's environment. */
@Exits({
    "0:success",
    "2:usage error: a bad option or value",
    "70:internal error (a bug: rerun with --stacktrace and report it)"
})
abstract class BaseCommand implements Callable<Integer> {
    @ParentCommand
    Root root;

    @Spec
    CommandSpec spec;

    // not the root's mixinStandardHelpOptions: its --version would clash with the commands' own --version
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Environment environment() {
        return root.environment;
    }
}
