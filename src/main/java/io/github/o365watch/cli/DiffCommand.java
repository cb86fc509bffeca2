package io.github.o365watch.cli;

import io.github.o365watch.app.OutputFormat;
import io.github.o365watch.app.Reports;
import io.github.o365watch.report.ReportData;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "diff",
        description = {
            "Compares two stored versions (default: the two newest).",
            "Per endpoint set, and across all sets as a firewall sees it; joined to Microsoft's change records (effective"
                    + " dates, pending items, cross-check) with review flags. With --exit-code, exits 1 when there are differences,"
                    + " like git diff."
        })
@Exits("1:with --exit-code: the versions differ")
final class DiffCommand extends StoreCommand {
    /** The formats diff offers. */
    static final class Formats extends Vocabulary.Formats {
        Formats() {
            super(OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON);
        }
    }

    @Mixin
    CompareOptions compare;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = Formats.class,
            completionCandidates = Formats.class,
            description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--exit-code", description = "Exit 1 when the versions differ, 0 when they do not.")
    boolean exitCode;

    @Override
    public Integer call() {
        ReportData data = new Reports(offlineWorkspace())
                .data(instance(compare.instance.name), compare.from, compare.to, compare.thresholds(), format);
        out().print(new String(Reports.render(data, format), StandardCharsets.UTF_8));
        return exitCode && !data.review().changes().isEmpty() ? ExitCodes.FOUND : ExitCodes.OK;
    }
}
