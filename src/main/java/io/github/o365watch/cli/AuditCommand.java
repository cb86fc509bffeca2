package io.github.o365watch.cli;

import io.github.o365watch.app.Audit;
import io.github.o365watch.app.Destinations;
import io.github.o365watch.app.OutputFormat;
import io.github.o365watch.app.Selections;
import io.github.o365watch.app.UsageException;
import io.github.o365watch.app.Workspace;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.inspect.Columns;
import io.github.o365watch.inspect.LogFormat;
import io.github.o365watch.store.StoredVersion;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "audit",
        description = {
            "Finds Microsoft 365 traffic that firewall and proxy logs show denied or failed.",
            "Groups it by endpoint set, prefix or hostname pattern, protocol and port: the rule gaps. Flows to Microsoft's"
                    + " addresses on ports no set lists are shown apart.",
            "Logs: CSV with a header (--columns maps it), iptables/nftables kernel log lines, Squid access.log, a list of IPs,"
                    + " Cisco ASA/FTD syslog, PAN-OS syslog, FortiGate key=value logs, Windows Firewall pfirewall.log, Zeek conn.log"
                    + " (TSV or JSON), and Teams Call Quality Dashboard (CQD) exports (failures per media relay, building and subnet);"
                    + " .gz files are read compressed, - reads standard input. Logs are streamed: memory stays flat.",
            "A log that yields no flow, or whose lines (blank lines, comments and headers aside) are more often malformed or of"
                    + " another kind than flows, could not be read: the report says so first, stderr names the format tried and the"
                    + " first line not read, and the exit code is 2 whatever --exit-code says."
        })
@Exits({
    "1:with --exit-code: denied or failed Microsoft 365 traffic found, or CQD streams that failed to set up",
    "2:usage error: a bad option or value, a mistake in the config file, or a log that could not be read"
})
final class AuditCommand extends StoreCommand {
    /** The formats audit offers. */
    static final class Formats extends Vocabulary.Formats {
        Formats() {
            super(OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON, OutputFormat.CSV);
        }
    }

    @Option(
            names = "--log",
            paramLabel = "FILE",
            required = true,
            arity = "1..*",
            description = "Log files, or - for standard input.")
    List<String> logs = new ArrayList<>();

    @Option(
            names = "--log-format",
            paramLabel = "F",
            defaultValue = "auto",
            completionCandidates = Vocabulary.LogFormats.class,
            description =
                    "${COMPLETION-CANDIDATES}: auto tells each file's format from its first lines. Default: ${DEFAULT-VALUE}.")
    String logFormat;

    @Option(
            names = "--columns",
            paramLabel = "SPEC",
            description =
                    "For CSV logs: which columns hold what, e.g. dst=DestinationIP,port=DstPort,proto=Protocol,action=Action,time=Time"
                            + " (dst is required; common header names are recognised without it).")
    String columns;

    @Mixin
    StoredVersionOptions stored;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = Formats.class,
            completionCandidates = Formats.class,
            description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the report here instead of standard output: a file is replaced"
                    + " atomically, a device or named pipe written into; - is standard output.")
    Path out;

    @Option(
            names = "--exit-code",
            description =
                    "Exit 1 when denied or failed Microsoft 365 traffic, or CQD streams that failed to set up, were"
                            + " found (2 when a log could not be read).")
    boolean exitCode;

    @Override
    public Integer call() {
        Optional<LogFormat> f = Vocabulary.LogFormats.parse(logFormat);
        Optional<Columns> cols = Optional.ofNullable(columns).map(AuditCommand::parseColumns);
        Instance i = instance(stored.instance.name);
        boolean toFile = out != null && !Destinations.isStandardOutput(out) && !Destinations.isStandardError(out);
        if (toFile) {
            Destinations.checkReport("--out", out); // before reading a log that may take minutes
        }
        Workspace ws = offlineWorkspace();
        StoredVersion v = Selections.version(ws, i, stored.version);
        PrintWriter err = err();
        LongConsumer progress = environment().terminal()
                ? n -> {
                    err.print("\raudit: " + String.format(java.util.Locale.ROOT, "%,d", n) + " lines");
                    err.flush();
                }
                : n -> {};
        Audit.Result r = new Audit(ws)
                .run(new Audit.Request(v, logs, f, cols, environment().stdin(), progress));
        if (environment().terminal()) {
            err.print("\r\033[K");
            err.flush();
        }
        String report = switch (format) {
            case MARKDOWN -> AuditOutput.markdown(r);
            case JSON -> Json.text(AuditOutput.json(r));
            case CSV -> AuditOutput.csv(r);
            default -> AuditOutput.text(r);
        };
        if (toFile) {
            Destinations.writeReport("--out", out, report.getBytes(StandardCharsets.UTF_8));
            out().println("wrote " + out);
        } else if (out != null && Destinations.isStandardError(out)) {
            err.print(report);
            err.flush();
        } else {
            out().print(report);
        }
        if (!r.complete()) {
            // after the report, which says it first too: a cron job mails stderr, a CI gate sees the code
            r.unreadable()
                    .forEach(x -> err.println(
                            "o365watch: audit: " + x.failure().orElseThrow() + "; nothing in the report covers this log"
                                    + " (audit reads " + LogFormat.described() + ")"));
            err.flush();
            return ExitCodes.USAGE;
        }
        return exitCode && (!r.gaps().isEmpty() || !r.relayFailures().isEmpty()) ? ExitCodes.FOUND : ExitCodes.OK;
    }

    private static Columns parseColumns(String spec) {
        try {
            return Columns.parse(spec);
        } catch (IllegalArgumentException e) {
            throw UsageException.commandLine("--columns: " + e.getMessage());
        }
    }
}
