package io.github.o365watch.cli;

import io.github.o365watch.app.Versions;
import io.github.o365watch.app.VersionsReport;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "versions",
        description = {
            "Lists the stored versions beside every version the service has published.",
            "Unless --offline, asks the service for every version it has published (AllVersions), with the summary of its RSS"
                    + " feed."
        })
final class VersionsCommand extends StoreCommand {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Mixin
    InstanceOptions instances;

    @Mixin
    SourceOptionsMixin source;

    @Option(names = "--offline", description = "Do not ask the service; list only stored versions.")
    boolean offline;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        List<VersionsReport> reports = new Versions(workspace(source, offline, 0)).run(instances.get(config()));
        int code = ExitCodes.OK;
        List<Map<String, Object>> all = new ArrayList<>();
        for (VersionsReport r : reports) {
            if (json) {
                all.add(json(r));
            } else {
                print(out, r);
            }
            if (r.feedFailure().isPresent()) {
                err.println("o365watch: warning: "
                        + io.github.o365watch.text.Printable.line(
                                r.instance() + ": RSS summaries unavailable: "
                                        + r.feedFailure().get().getMessage(),
                                2000));
            }
            if (r.upstreamFailure().isPresent()) {
                out.flush();
                int c = ExitCodes.report(r.upstreamFailure().get(), r.instance() + ": ", err, root.stacktrace);
                code = code == ExitCodes.OK ? c : code;
            }
        }
        if (json) {
            Json.print(out, all);
        }
        return code;
    }

    private static void print(PrintWriter out, VersionsReport r) {
        long stored = r.rows().stream().filter(x -> x.revisions() > 0).count();
        long published = r.rows().stream().filter(VersionsReport.Row::published).count();
        out.println(r.instance() + ": " + stored + " stored"
                + (r.upstreamAsked() && r.upstreamFailure().isEmpty() ? ", " + published + " published" : ""));
        Table t = r.upstreamAsked()
                ? new Table("VERSION", "STORED", "PUBLISHED", "SUMMARY")
                : new Table("VERSION", "STORED", "SETS");
        for (VersionsReport.Row row : r.rows()) {
            String storedText = row.revisions() == 0
                    ? "-"
                    : row.revisions() == 1 ? "yes" : "yes (" + row.revisions() + " revisions)";
            if (r.upstreamAsked()) {
                t.row(
                        row.version(),
                        storedText,
                        row.feed().flatMap(f -> f.published()).map(DAY::format).orElse(row.published() ? "yes" : "-"),
                        row.feed().map(f -> f.summary()).orElse(""));
            } else {
                t.row(
                        row.version(),
                        storedText,
                        row.stored()
                                .map(s -> Integer.toString(s.endpointSets()))
                                .orElse(""));
            }
        }
        t.print(out, "  ");
    }

    private static Map<String, Object> json(VersionsReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance", r.instance().name());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (VersionsReport.Row row : r.rows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("version", row.version().value());
            x.put("storedRevisions", row.revisions());
            row.stored().ifPresent(s -> x.put("endpointSets", s.endpointSets()));
            if (r.upstreamAsked()) {
                x.put("published", row.published());
            }
            row.feed().ifPresent(f -> {
                x.put("summary", f.summary());
                f.published().ifPresent(p -> x.put("publishedAt", p.toString()));
            });
            rows.add(x);
        }
        m.put("versions", rows);
        r.upstreamFailure().ifPresent(e -> m.put("error", e.getMessage()));
        return m;
    }
}
