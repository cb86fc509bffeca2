package io.github.o365watch.cli;

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
    enum Format {
        text,
        markdown,
        json
    }

    @Mixin
    CompareOptions compare;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (default), markdown or json.")
    Format format;

    @Option(names = "--exit-code", description = "Exit 1 when the versions differ, 0 when they do not.")
    boolean exitCode;

    @Override
    public Integer call() {
        ReportData data = new Reports(offlineWorkspace())
                .data(instance(compare.instance), compare.from, compare.to, compare.thresholds(), false);
        Reports.Format f = switch (format) {
            case markdown -> Reports.Format.MARKDOWN;
            case json -> Reports.Format.JSON;
            default -> Reports.Format.TEXT;
        };
        out().print(new String(Reports.render(data, f), StandardCharsets.UTF_8));
        return exitCode && !data.review().changes().isEmpty() ? ExitCodes.FOUND : ExitCodes.OK;
    }
}
