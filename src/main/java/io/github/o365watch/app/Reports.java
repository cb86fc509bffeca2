package io.github.o365watch.app;

import io.github.o365watch.diff.Review;
import io.github.o365watch.diff.Thresholds;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.report.CsvReport;
import io.github.o365watch.report.FeedWriter;
import io.github.o365watch.report.HtmlRenderer;
import io.github.o365watch.report.JsonReport;
import io.github.o365watch.report.MarkdownRenderer;
import io.github.o365watch.report.ReportBuilder;
import io.github.o365watch.report.ReportData;
import io.github.o365watch.report.TextRenderer;
import io.github.o365watch.store.AtomicFiles;
import io.github.o365watch.store.CanonicalJson;
import io.github.o365watch.store.StoreException;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds change reports from two stored versions and writes them (atomically) where asked. */
public final class Reports {
    /** The formats a report renders to ({@link #render}). */
    public static final List<OutputFormat> FORMATS =
            List.of(OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.HTML, OutputFormat.JSON, OutputFormat.CSV);

    /** The formats sync writes report files in ({@code reports.formats}). */
    public static final List<OutputFormat> FILE_FORMATS =
            List.of(OutputFormat.MARKDOWN, OutputFormat.HTML, OutputFormat.JSON, OutputFormat.CSV);

    /** What sync writes without {@code reports.formats}. */
    public static final List<OutputFormat> DEFAULT_FILE_FORMATS = List.of(OutputFormat.MARKDOWN, OutputFormat.HTML);

    private final Workspace ws;

    public Reports(Workspace ws) {
        this.ws = ws;
    }

    /** The review of two stored versions, with the history of all stored versions when the format draws it (HTML's charts). */
    public ReportData data(Instance instance, String from, String to, Thresholds thresholds, OutputFormat format) {
        Compare compare = new Compare(ws);
        Compare.Range range = compare.range(instance, from, to);
        Review review = compare.review(range, thresholds);
        return new ReportData(review, format == OutputFormat.HTML ? compare.history(instance) : List.of());
    }

    /** The report in one of {@link #FORMATS}. */
    public static byte[] render(ReportData data, OutputFormat format) {
        String text = switch (format) {
            case TEXT -> TextRenderer.render(ReportBuilder.build(data, false));
            case MARKDOWN -> MarkdownRenderer.render(ReportBuilder.build(data, false));
            case HTML -> HtmlRenderer.render(ReportBuilder.build(data, true));
            case JSON -> CanonicalJson.writeString(JsonReport.tree(data));
            case CSV -> CsvReport.render(data);
            default -> throw new IllegalArgumentException("a report has no " + format.id() + " form");
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The name sync gives a report: {@code worldwide-2019102800-2019112700.md}. */
    public static String fileName(ReportData data, OutputFormat format) {
        var c = data.review().changes();
        return fileName(c.instance(), c.from().value(), c.to().value(), format);
    }

    static String fileName(Instance instance, String from, String to, OutputFormat format) {
        String ext = switch (format) {
            case MARKDOWN -> "md";
            case TEXT -> "txt";
            default -> format.id();
        };
        return instance.dirName() + "-" + from + "-" + to + "." + ext;
    }

    /** Writes a rendered report to a file, atomically. */
    public static void write(Path out, byte[] content) {
        AtomicFiles.write(out, content);
    }

    /** Adds the report to the RSS feed at {@code feed} (created if missing), atomically. */
    public static void addToFeed(Path feed, ReportData data, int maxItems) {
        Optional<byte[]> existing;
        try {
            existing = Optional.of(Files.readAllBytes(feed));
        } catch (NoSuchFileException e) {
            existing = Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read the feed " + feed + ": " + Printable.reason(e), e);
        }
        AtomicFiles.write(feed, FeedWriter.add(existing, data, maxItems));
    }
}
