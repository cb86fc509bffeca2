package io.github.o365watch.cli;

import io.github.o365watch.app.Destinations;
import io.github.o365watch.app.OutputFormat;
import io.github.o365watch.app.Reports;
import io.github.o365watch.app.UsageException;
import io.github.o365watch.report.FeedWriter;
import io.github.o365watch.report.ReportData;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "report",
        description = {
            "Writes a change report on two stored versions for a security review.",
            "Summary, flags, pending items with their dates, the cross-check with Microsoft's change records, and details per"
                    + " service area; by default on the two newest versions.",
            "Markdown for a ticket or pull request, one self-contained HTML file, JSON (schema in"
                    + " docs/report-schema.md) or CSV. With --feed, also adds the report to an RSS feed"
                    + " (re-running for the same versions replaces the item); with --feed alone, only the feed is written."
        })
final class ReportCommand extends StoreCommand {
    /** The formats report offers: those sync writes report files in. */
    static final class Formats extends Vocabulary.Formats {
        Formats() {
            super(Reports.FILE_FORMATS);
        }
    }

    @Mixin
    CompareOptions compare;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = Formats.class,
            completionCandidates = Formats.class,
            description = "${COMPLETION-CANDIDATES}. Default: markdown.")
    OutputFormat format;

    @Option(
            names = "--out",
            paramLabel = "FILE|DIR",
            description =
                    "Write the report here instead of stdout: a file is replaced atomically,"
                            + " a device or named pipe written into; into a directory under the name sync gives it (worldwide-FROM-TO.md); - is stdout.")
    Path out;

    @Option(
            names = "--feed",
            paramLabel = "FILE",
            description = "RSS 2.0 feed file to add the report to (a regular file, created if missing).")
    Path feed;

    @Option(
            names = "--feed-max",
            paramLabel = "N",
            defaultValue = "50",
            description = "Items the feed keeps, newest first (default: ${DEFAULT-VALUE}).")
    int feedMax;

    @Override
    public Integer call() {
        if (feedMax < 1 || feedMax > 10000) {
            throw UsageException.commandLine("--feed-max must be between 1 and 10000");
        }
        OutputFormat f = format == null ? OutputFormat.MARKDOWN : format;
        // where the report and the feed go is checked before anything is written
        if (out != null
                && !Destinations.isStandardOutput(out)
                && !Destinations.isStandardError(out)
                && !java.nio.file.Files.isDirectory(out)) {
            Destinations.checkReport("--out", out);
        }
        if (feed != null) {
            Destinations.checkFeed("--feed", feed);
        }
        ReportData data = new Reports(offlineWorkspace())
                .data(instance(compare.instance.name), compare.from, compare.to, compare.thresholds(), f);
        PrintWriter w = out();
        boolean feedOnly = feed != null && format == null && out == null;
        if (!feedOnly) {
            byte[] body = Reports.render(data, f);
            if (out == null || Destinations.isStandardOutput(out)) {
                w.print(new String(body, StandardCharsets.UTF_8));
            } else if (Destinations.isStandardError(out)) {
                err().print(new String(body, StandardCharsets.UTF_8));
            } else {
                // a directory gets the file sync would write there
                Path file = java.nio.file.Files.isDirectory(out) ? out.resolve(Reports.fileName(data, f)) : out;
                Destinations.writeReport("--out", file, body);
                if (!file.equals(out)) {
                    w.println("wrote " + file);
                }
            }
        }
        if (feed != null) {
            Reports.addToFeed(feed, data, feedMax);
            err().println("o365watch: " + feed + ": item "
                    + FeedWriter.guid(data.review().changes()));
        }
        return ExitCodes.OK;
    }
}
