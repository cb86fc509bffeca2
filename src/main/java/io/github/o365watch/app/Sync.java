package io.github.o365watch.app;

import io.github.o365watch.diff.Notice;
import io.github.o365watch.diff.Thresholds;
import io.github.o365watch.domain.Checksums;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.notify.Event;
import io.github.o365watch.render.Generated;
import io.github.o365watch.render.GeneratedFile;
import io.github.o365watch.render.Selected;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.Selector;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.report.ReportBuilder;
import io.github.o365watch.report.ReportData;
import io.github.o365watch.store.LockFile;
import io.github.o365watch.store.OutputTree;
import io.github.o365watch.store.StoredVersion;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The nightly job: fetch, compare with what was last applied, guard, generate every configured
 * target, write the reports and the feed item, publish the outputs (all at once), write the lock
 * file, notify. Quiet and touching nothing when nothing changed.
 */
public final class Sync {
    private final Workspace ws;

    public Sync(Workspace ws) {
        this.ws = ws;
    }

    /**
     * @param dryRun       say what would change; write nothing (the version is still checked)
     * @param acceptShrink apply a version the safety guard would refuse (after a review)
     * @param version      rebuild the outputs of this stored version (rollback); no fetch, no shrink guard
     */
    public record Options(boolean dryRun, boolean acceptShrink, Optional<String> version) {
    }

    /** What happened for one instance. */
    public record InstanceResult(Instance instance, Optional<Version> applied, Version version, Optional<FetchOutcome> fetched,
            List<Path> reports, Optional<Version> newerUpstream) {
    }

    /**
     * What sync did.
     *
     * @param written   output files new or changed (relative to the output directory)
     * @param removed   output files no longer produced
     * @param unchanged output files left as they were
     */
    public record Result(List<InstanceResult> instances, List<String> written, List<String> removed, List<String> unchanged,
            boolean dryRun, List<String> notifyProblems, Path output) {
        public boolean changed() {
            return !written.isEmpty() || !removed.isEmpty();
        }
    }

    public Result run(Config c, Options o) {
        return ws.locked(() -> runLocked(c, o));
    }

    private Result runLocked(Config c, Options o) {
        Instances selection = new Instances(c.instances(), false);
        LockFile lock = LockFile.read(c.lockFile()).orElse(new LockFile(LockFile.FORMAT, Map.of(), List.of()));
        Map<Instance, FetchOutcome> fetched = new LinkedHashMap<>();
        Map<Instance, Version> newer = new LinkedHashMap<>();
        if (o.version().isEmpty() && !ws.offline()) {
            if (o.dryRun()) {
                ws.upstream().latestVersions().forEach(p -> newer.put(p.instance(), p.latest()));
            } else {
                for (FetchOutcome f : new Fetch(ws).runLocked(selection, false, c.tenant())) {
                    if (f.failure().isPresent()) {
                        throw f.failure().get(); // nothing was applied; the outputs are as they were
                    }
                    fetched.put(f.instance(), f);
                }
            }
        }

        TemplateEngine engine = Generate.engine(Optional.empty());
        String hash = ConfigSelection.hash(c);
        Map<String, byte[]> files = new TreeMap<>();
        List<LockFile.Output> records = new ArrayList<>();
        Map<String, LockFile.Applied> applied = new TreeMap<>();
        List<String> refusals = new ArrayList<>();
        List<InstanceResult> results = new ArrayList<>();
        Map<Instance, StoredVersion[]> ranges = new LinkedHashMap<>();
        for (Instance instance : selection.stored(ws.store().instances())) {
            StoredVersion v = Selections.version(ws.store(), instance, o.version().orElse(null));
            Instance name = v.instance();
            Snapshot snapshot = ws.store().load(v);
            Selection sel = ConfigSelection.selection(c, snapshot);
            Optional<LockFile.Applied> was = Optional.ofNullable(lock.instances().get(name.name()));
            Optional<StoredVersion> before = was.flatMap(a -> ws.store().find(name, Version.parse(a.version())));
            if (o.version().isEmpty() && !o.acceptShrink()) {
                Selected next = Selector.select(snapshot, sel, false);
                Selected base = before.filter(b -> !b.version().equals(v.version()))
                        .map(b -> Selector.select(ws.store().load(b), sel, false)).orElse(null);
                refusals.addAll(Guard.check(base, next, c.guard()));
            }
            Outputs.render(new Generate(ws), v, snapshot, sel, ConfigSelection.jobs(c), engine, lock).forEach((path, f) -> {
                files.put(path, f.content());
                records.add(new LockFile.Output(path, f.target(), name.name(), f.version().value(), hash, f.sha256()));
            });
            applied.put(name.name(), new LockFile.Applied(v.version().value(), hash));
            if (before.isPresent() && before.get().version().compareTo(v.version()) < 0) {
                ranges.put(name, new StoredVersion[] {before.get(), v});
            }
            results.add(new InstanceResult(name, was.map(a -> Version.parse(a.version())), v.version(),
                    Optional.ofNullable(fetched.get(instance)), List.of(),
                    Optional.ofNullable(newer.get(instance)).filter(n -> n.isNewerThan(v.version()))));
        }
        if (!refusals.isEmpty()) {
            List<String> problems = o.dryRun() ? List.of() : new Notifications(c.notifications(), ws).send(
                    new Event(Event.Kind.REFUSED, "o365watch: sync refused by the safety guard", refusals, Optional.empty()));
            throw new GuardException(refusals, problems);
        }

        OutputTree tree = new OutputTree(c.output());
        Map<String, byte[]> current = tree.current();
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        files.forEach((p, b) -> (Arrays.equals(current.get(p), b) ? unchanged : written).add(p));
        List<String> removed = current.keySet().stream().filter(p -> !files.containsKey(p)).sorted().toList();
        LockFile next = new LockFile(LockFile.FORMAT, applied, records);
        boolean lockSame = next.equals(lock);
        if (o.dryRun() || written.isEmpty() && removed.isEmpty() && lockSame) {
            List<String> problems = o.dryRun() ? List.of() : pendingReminders(c, results);
            return new Result(results, written, removed, unchanged, o.dryRun(), problems, tree.path());
        }

        // reports first: if they cannot be written, nothing is published
        List<InstanceResult> withReports = new ArrayList<>();
        List<ReportData> reports = new ArrayList<>();
        for (InstanceResult r : results) {
            StoredVersion[] range = ranges.get(r.instance());
            if (range == null) {
                withReports.add(r);
                continue;
            }
            Compare compare = new Compare(ws);
            ReportData data = new ReportData(compare.review(new Compare.Range(range[0], range[1]), Thresholds.DEFAULT),
                    c.reports().formats().contains("html") ? compare.history(r.instance()) : List.of());
            reports.add(data);
            List<Path> paths = new ArrayList<>();
            for (String format : c.reports().formats()) {
                Path p = c.reports().directory().resolve(r.instance().dirName() + "-" + range[0].version() + "-" + range[1].version()
                        + "." + extension(format));
                Reports.write(p, Reports.render(data, Reports.Format.valueOf(format.toUpperCase(java.util.Locale.ROOT))));
                paths.add(p);
            }
            c.reports().feed().ifPresent(feed -> Reports.addToFeed(feed, data, c.reports().feedMax()));
            withReports.add(new InstanceResult(r.instance(), r.applied(), r.version(), r.fetched(), paths, r.newerUpstream()));
        }
        tree.publish(files);
        next.write(c.lockFile());

        List<String> problems = new ArrayList<>();
        Notifications n = new Notifications(c.notifications(), ws);
        for (ReportData data : reports) {
            problems.addAll(n.send(new Event(Event.Kind.CHANGES, "o365watch: " + ReportBuilder.title(data.review().changes()),
                    summary(data), Optional.of(data))));
        }
        problems.addAll(pendingReminders(c, withReports));
        return new Result(withReports, written, removed, unchanged, false, problems, tree.path());
    }

    /** Additions Microsoft announced that take effect within the grace period: a reminder. */
    private List<String> pendingReminders(Config c, List<InstanceResult> results) {
        List<String> lines = new ArrayList<>();
        LocalDate today = ws.today();
        for (InstanceResult r : results) {
            List<StoredVersion> versions = ws.store().versions(r.instance());
            if (versions.size() < 2) {
                continue;
            }
            StoredVersion to = versions.stream().filter(v -> v.version().equals(r.version())).findFirst().orElse(null);
            StoredVersion from = versions.stream().filter(v -> v.version().isNewerThan(Version.NONE) && to != null
                    && to.version().isNewerThan(v.version())).reduce((a, b) -> b).orElse(null);
            if (from == null) {
                continue;
            }
            Compare compare = new Compare(ws);
            for (Notice p : compare.review(new Compare.Range(from, to), Thresholds.DEFAULT).pending()) {
                LocalDate d = p.effectiveDate().orElseThrow();
                if (!d.isAfter(today.plusDays(c.graceDays()))) {
                    lines.add(r.instance() + ": " + p.change().element().type().label() + " " + p.change().element().value()
                            + " (set " + p.change().setId() + ") takes effect on " + d);
                }
            }
        }
        if (lines.isEmpty()) {
            return List.of();
        }
        return new Notifications(c.notifications(), ws).send(new Event(Event.Kind.PENDING,
                "o365watch: " + lines.size() + " announced additions take effect within " + c.graceDays() + " days", lines, Optional.empty()));
    }

    private static List<String> summary(ReportData data) {
        var c = data.review().changes();
        List<String> lines = new ArrayList<>();
        lines.add(c.sets().size() + " endpoint sets changed; " + data.review().flags().size() + " review flags; "
                + data.review().pending().size() + " additions pending");
        data.review().flags().stream().limit(10).forEach(f -> lines.add(f.kind().label() + ": set " + f.setId() + " " + f.subject()));
        return lines;
    }

    private static String extension(String format) {
        return switch (format) {
            case "markdown" -> "md";
            default -> format;
        };
    }
}
