package io.github.o365watch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(
        name = "o365watch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Keeps firewalls and proxies in step with the Microsoft 365 endpoint lists.",
            "It fetches the published versions, keeps each as a snapshot, shows what changed, and writes firewall, proxy and PAC"
                    + " configs. Start with: o365watch init; o365watch sync; o365watch check."
        })
final class Root implements Callable<Integer> {
    /** Every command, in the order --help lists them; Main adds them (only the one a run names, when it names one). */
    static final java.util.List<Class<?>> COMMANDS = java.util.List.of(
            InitCommand.class,
            SyncCommand.class,
            CheckCommand.class,
            FetchCommand.class,
            StatusCommand.class,
            VersionsCommand.class,
            ShowCommand.class,
            LookupCommand.class,
            DiffCommand.class,
            ReportCommand.class,
            GenerateCommand.class,
            TargetsCommand.class,
            MirrorCommand.class,
            VerifyCommand.class,
            AuditCommand.class,
            ServeCommand.class,
            CompletionCommand.class,
            picocli.CommandLine.HelpCommand.class);

    @Option(
            names = "--stacktrace",
            scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error (for bug reports).")
    boolean stacktrace;

    @Spec
    CommandSpec spec;

    Environment environment;

    Root(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
