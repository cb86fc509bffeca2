package io.github.o365watch.cli;

import io.github.o365watch.app.Check;
import io.github.o365watch.report.Doc;
import io.github.o365watch.report.MarkdownRenderer;
import io.github.o365watch.text.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * check's verdict for people and for CI systems. Everything is grouped by output: an instance's
 * target directory ({@code worldwide/nftables}), or the lock file itself.
 */
final class CheckOutput {
    /** An output whose files differ in comments only. */
    private static final String OTHER = "~ comments only (no entry the target writes is added or removed)";

    private CheckOutput() {}

    /** One output: its file problems and outstanding entries. */
    record Output(String name, List<Check.FileProblem> files, List<Check.Outstanding> outstanding) {
        boolean current() {
            return files.isEmpty() && outstanding.stream().noneMatch(Check.Outstanding::due);
        }

        String status() {
            if (!current()) {
                return "needs sync";
            }
            boolean pending = outstanding.stream().anyMatch(x -> !x.entries().isEmpty());
            return pending ? "pending, not yet due" : outstanding.isEmpty() ? "current" : "comments only, nothing due";
        }

        List<String> problems() {
            List<String> out = new ArrayList<>();
            files.forEach(f -> out.add(f.path() + ": " + f.problem()));
            for (Check.Outstanding o : outstanding) {
                long due = o.entries().stream().filter(Check.Change::due).count();
                out.add(o.entries().size() + (o.entries().size() == 1 ? " entry" : " entries") + " outstanding (" + due
                        + " due) from " + o.instance() + " " + o.applied() + " to " + o.to());
            }
            return out;
        }
    }

    static List<Output> outputs(Check.Result r) {
        Map<String, List<Check.FileProblem>> files = new TreeMap<>();
        Map<String, List<Check.Outstanding>> outstanding = new TreeMap<>();
        r.outputs().forEach(p -> files.computeIfAbsent(group(p), k -> new ArrayList<>()));
        r.files()
                .forEach(f -> files.computeIfAbsent(group(f.path()), k -> new ArrayList<>())
                        .add(f));
        r.outstanding()
                .forEach(o -> outstanding
                        .computeIfAbsent(o.instance().dirName() + "/" + o.target(), k -> new ArrayList<>())
                        .add(o));
        TreeMap<String, Output> all = new TreeMap<>();
        files.keySet().forEach(k -> all.put(k, null));
        outstanding.keySet().forEach(k -> all.put(k, null));
        List<Output> out = new ArrayList<>();
        for (String k : all.keySet()) {
            out.add(new Output(k, files.getOrDefault(k, List.of()), outstanding.getOrDefault(k, List.of())));
        }
        return out;
    }

    /** {@code worldwide/edl/ipv4.txt} belongs to {@code worldwide/edl}; a path with fewer parts is its own group. */
    private static String group(String path) {
        String[] parts = path.split("/");
        return parts.length >= 2 ? parts[0] + "/" + parts[1] : path;
    }

    private static String entry(Check.Change e) {
        StringBuilder s = new StringBuilder(e.added() ? "+ " : "- ")
                .append(Printable.line(e.entry(), 300))
                .append(" (")
                .append(e.where())
                .append(')');
        e.effectiveDate().ifPresent(d -> s.append("  takes effect ").append(d));
        e.recordId().ifPresent(id -> s.append("  (change record ").append(id).append(')'));
        if (!e.due()) {
            s.append("  [not yet due]");
        }
        return s.toString();
    }

    static String text(Check.Result r) {
        StringBuilder s = new StringBuilder();
        List<Output> outputs = outputs(r);
        String versions = r.versions().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        if (r.current()) {
            s.append("current: ")
                    .append(io.github.o365watch.domain.Plural.of(
                            r.outputs().size(), "output file matches", "output files match"))
                    .append(" the lock file");
            if (!versions.isEmpty()) {
                s.append("; latest ").append(versions);
            }
            s.append('\n');
            r.heldUntil()
                    .ifPresent(d -> s.append("held: ")
                            .append(io.github.o365watch.domain.Plural.of(
                                    r.held().size(), "removed entry", "removed entries"))
                            .append(" kept in the outputs (selection.holdRemovalsDays); the last hold ends on ")
                            .append(d)
                            .append('\n'));
        } else {
            long failing = outputs.stream().filter(o -> !o.current()).count();
            s.append("not current: ")
                    .append(failing)
                    .append(failing == 1 ? " output needs" : " outputs need")
                    .append(" sync (grace period ")
                    .append(io.github.o365watch.domain.Plural.of(r.graceDays(), "day", "days"))
                    .append(")\n");
        }
        for (Output o : outputs) {
            if (o.files().isEmpty() && o.outstanding().isEmpty()) {
                continue;
            }
            s.append(o.name())
                    .append(o.current() ? " (" + o.status() + ")" : "")
                    .append(":\n");
            // the same lines as the job summary's details, one level further in
            details(o).lines().forEach(l -> s.append("  ").append(l).append('\n'));
        }
        return s.toString();
    }

    static Map<String, Object> json(Check.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("current", r.current());
        m.put("graceDays", r.graceDays());
        m.put("latest", r.versions());
        r.heldUntil().ifPresent(d -> m.put("held", Map.of("entries", r.held().size(), "lastUntil", d.toString())));
        List<Object> outputs = new ArrayList<>();
        for (Output o : outputs(r)) {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("output", o.name());
            om.put("current", o.current());
            List<Object> files = new ArrayList<>();
            o.files().forEach(f -> files.add(Map.of("path", f.path(), "problem", f.problem())));
            om.put("files", files);
            List<Object> changes = new ArrayList<>();
            for (Check.Outstanding out : o.outstanding()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("instance", out.instance().name());
                c.put("applied", out.applied().value());
                c.put("latest", out.latest().value());
                List<Object> entries = new ArrayList<>();
                for (Check.Change e : out.entries()) {
                    Map<String, Object> em = new LinkedHashMap<>();
                    em.put("entry", e.entry());
                    em.put("where", e.where());
                    em.put("change", e.added() ? "added" : "removed");
                    em.put(
                            "effectiveDate",
                            e.effectiveDate().map(Object::toString).orElse(null));
                    em.put("due", e.due());
                    em.put("changeRecord", e.recordId().orElse(null));
                    entries.add(em);
                }
                c.put("entries", entries);
                changes.add(c);
            }
            om.put("outstanding", changes);
            outputs.add(om);
        }
        m.put("outputs", outputs);
        return m;
    }

    /** JUnit XML: one test case per output, failed when it is not current. No timestamps, so the bytes are stable. */
    static String junit(Check.Result r) {
        List<JUnitXml.Case> cases = new ArrayList<>();
        for (Output o : outputs(r)) {
            String details = o.current() && o.outstanding().isEmpty() ? null : details(o);
            cases.add(
                    o.current()
                            ? JUnitXml.Case.passed(o.name(), details)
                            : JUnitXml.Case.failed(
                                    o.name(),
                                    "NotCurrent",
                                    Printable.line(String.join("; ", o.problems()), 1000),
                                    details));
        }
        return JUnitXml.suite("o365watch check", "o365watch.check", cases);
    }

    private static String details(Output o) {
        StringBuilder s = new StringBuilder();
        o.files()
                .forEach(
                        f -> s.append(f.path()).append(": ").append(f.problem()).append('\n'));
        for (Check.Outstanding out : o.outstanding()) {
            s.append("from ")
                    .append(out.instance())
                    .append(' ')
                    .append(out.applied())
                    .append(" to ")
                    .append(out.to())
                    .append(":\n");
            out.entries().forEach(e -> s.append("  ").append(entry(e)).append('\n'));
            if (out.entries().isEmpty()) {
                s.append("  ").append(OTHER).append('\n');
            }
        }
        return s.toString();
    }

    /**
     * GitHub Actions workflow commands: an error per output that is not current (pointing at its
     * file where one is at fault), a notice per output with additions not yet due.
     */
    static String githubAnnotations(Check.Result r, Path outputDir) {
        StringBuilder s = new StringBuilder();
        for (Output o : outputs(r)) {
            if (o.files().isEmpty() && o.outstanding().isEmpty()) {
                continue;
            }
            String level = o.current() ? "notice" : "error";
            for (Check.FileProblem f : o.files()) {
                s.append("::error ")
                        .append(fileProperty(outputDir, f.path()))
                        .append("title=")
                        .append(property("o365watch check: " + o.name()))
                        .append("::")
                        .append(data(f.path() + ": " + f.problem()))
                        .append('\n');
            }
            if (!o.outstanding().isEmpty()) {
                StringBuilder msg = new StringBuilder();
                for (Check.Outstanding out : o.outstanding()) {
                    msg.append("from ")
                            .append(out.instance())
                            .append(' ')
                            .append(out.applied())
                            .append(" to ")
                            .append(out.to())
                            .append(":\n");
                    out.entries().forEach(e -> msg.append(entry(e)).append('\n'));
                    if (out.entries().isEmpty()) {
                        msg.append(OTHER).append('\n');
                    }
                }
                s.append("::")
                        .append(level)
                        .append(" title=")
                        .append(property("o365watch check: " + o.name() + " " + o.status()))
                        .append("::")
                        .append(data(msg.toString().stripTrailing()))
                        .append('\n');
            }
        }
        if (r.current()) {
            s.append("::notice title=o365watch check::")
                    .append(data("current: "
                            + io.github.o365watch.domain.Plural.of(
                                    r.outputs().size(), "output file matches", "output files match")
                            + " the lock file"))
                    .append('\n');
        }
        return s.toString();
    }

    private static String fileProperty(Path outputDir, String path) {
        Path file = outputDir.resolve(path).toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? "file=" + property(cwd.relativize(file).toString()) + "," : "";
    }

    /** The escaping GitHub's runner undoes for a command's message. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** ... and for a property value, which also ends at ',' and ':'. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    /** The Markdown step summary. */
    static String markdown(Check.Result r) {
        return MarkdownRenderer.render(doc(r));
    }

    /**
     * The check as a report document without a title of its own: its first heading is level 2, as
     * a job summary is one section of a page.
     */
    static Doc doc(Check.Result r) {
        Doc.Builder d = new Doc.Builder("");
        d.add(new Doc.Heading(2, "o365watch check: " + (r.current() ? "current" : "not current")));
        List<Output> outputs = outputs(r);
        List<List<String>> rows = new ArrayList<>();
        for (Output o : outputs) {
            long added = o.outstanding().stream()
                    .flatMap(x -> x.entries().stream())
                    .filter(Check.Change::added)
                    .count();
            long removed = o.outstanding().stream()
                    .flatMap(x -> x.entries().stream())
                    .filter(e -> !e.added())
                    .count();
            rows.add(List.of(
                    o.name(),
                    o.status(),
                    Long.toString(added),
                    Long.toString(removed),
                    o.files().isEmpty()
                            ? ""
                            : o.files().size()
                                    + (o.files().size() == 1 ? " file differs" : " files differ")
                                    + " from the lock file"));
        }
        d.add(new Doc.Table(List.of("Output", "Status", "Added", "Removed", "Files"), rows, List.of(0), List.of(2, 3)));
        for (Output o : outputs) {
            if (!o.outstanding().isEmpty() || !o.files().isEmpty()) {
                d.add(new Doc.Details(o.name(), details(o)));
            }
        }
        return d.build();
    }
}
