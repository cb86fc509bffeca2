package io.github.o365watch.app;

import io.github.o365watch.diff.Notice;
import io.github.o365watch.diff.Thresholds;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.Widening;
import io.github.o365watch.notify.Event;
import io.github.o365watch.render.LimitException;
import io.github.o365watch.render.Selected;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.Selector;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.report.ReportBuilder;
import io.github.o365watch.report.ReportData;
import io.github.o365watch.source.EndpointQuery;
import io.github.o365watch.store.AtomicFiles;
import io.github.o365watch.store.CrashPoint;
import io.github.o365watch.store.LockFile;
import io.github.o365watch.store.OutputTree;
import io.github.o365watch.store.StoreException;
import io.github.o365watch.store.StoredVersion;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The nightly job: fetch, compare with what was last applied, guard, generate every configured
 * target, publish the outputs (all at once), write the reports and the feed item, write the lock
 * file, notify. Quiet and touching nothing when nothing changed.
 */
public final class Sync {
    private final Workspace ws;
    // read by the shutdown hook of an interrupted run, in another thread
    private volatile Stage stage = Stage.PREPARING;

    /** How far a run got, for what an interrupted one says about the state it leaves. */
    public enum Stage {
        /** Fetching, comparing, rendering: the outputs, reports and lock file are as they were (a fetched version is stored whole). */
        PREPARING(
                "before it changed any output: the outputs and o365watch.lock are as they were, and the next sync does the work"),
        /** Publishing the outputs and writing the reports: the lock file is not written yet. */
        PUBLISHING(
                "while publishing the outputs and writing the reports, before it wrote o365watch.lock: the outputs are the old set"
                        + " or the new one, never a mix, and check reports an interrupted sync until the next sync finishes the job"),
        /** The lock file is written; notifying. */
        NOTIFYING(
                "while notifying: the outputs, the reports and o365watch.lock are written; a notification not yet sent is lost"
                        + " (the next sync does not send it again)");

        private final String state;

        Stage(String state) {
            this.state = state;
        }

        /** The line an interrupted run prints (SIGINT, SIGTERM). */
        public String interrupted() {
            return "sync was interrupted " + state;
        }
    }

    /** How far this run got (see {@link Stage}). */
    public Stage stage() {
        return stage;
    }

    public Sync(Workspace ws) {
        this.ws = ws;
    }

    /**
     * @param dryRun       say what would change; write nothing (a newer published version is read, not stored)
     * @param acceptShrink apply a version the safety guard would refuse (after a review)
     * @param version      rebuild the outputs of this stored version (rollback); no fetch, no shrink guard
     * @param instances    only these of the config's instances (empty: all)
     * @param acceptOlder  when the store holds a version newer than the service publishes, withdraw it and apply the service's
     */
    public record Options(
            boolean dryRun,
            boolean acceptShrink,
            Optional<String> version,
            List<String> instances,
            boolean acceptOlder) {
        public Options(boolean dryRun, boolean acceptShrink, Optional<String> version) {
            this(dryRun, acceptShrink, version, List.of(), false);
        }

        public Options(boolean dryRun, boolean acceptShrink, Optional<String> version, List<String> instances) {
            this(dryRun, acceptShrink, version, instances, false);
        }
    }

    /** What happened for one instance. */
    public record InstanceResult(
            Instance instance,
            Optional<Version> applied,
            Version version,
            Optional<FetchOutcome> fetched,
            List<Path> reports,
            Optional<Version> newerUpstream) {}

    /**
     * What sync did.
     *
     * @param written     output files new or changed (relative to the output directory)
     * @param removed     output files no longer produced
     * @param unchanged   output files left as they were
     * @param lockChanged the lock file was (or, in a dry run, would be) rewritten
     * @param summarised  by output file, what summarising did to its lists (files with exact lists are not in it)
     * @param wildcards   by instance, what the hostname patterns of each target's lists admit
     * @param held        entries no longer listed that the outputs keep ({@code selection.holdRemovalsDays})
     */
    public record Result(
            List<InstanceResult> instances,
            List<String> written,
            List<String> removed,
            List<String> unchanged,
            boolean lockChanged,
            boolean dryRun,
            List<String> notifyProblems,
            Path output,
            Map<String, List<Widening>> summarised,
            Map<String, List<Wildcards.ForTarget>> wildcards,
            List<LockFile.Held> held) {
        public boolean changed() {
            return !written.isEmpty() || !removed.isEmpty() || lockChanged;
        }
    }

    public Result run(Config c, Options o) {
        List<String> names = o.instances().isEmpty() ? c.instances() : o.instances();
        if (o.version().isPresent() && names.size() > 1) {
            // instances share version numbers: the rollback a person asked for would reach every one of them
            throw UsageException.commandLine("--version " + o.version().get() + " rolls back one instance, and the "
                    + (o.instances().isEmpty() ? "config lists " : "command names ") + String.join(", ", names)
                    + ": name it with --instance");
        }
        checkStore(c);
        Result r;
        try {
            r = ws.locked(() -> runLocked(c, o));
        } catch (RuntimeException e) {
            if (!o.dryRun()) {
                try {
                    writeFigures(c, false);
                } catch (RuntimeException x) {
                    e.addSuppressed(x);
                }
            }
            throw e;
        }
        if (!o.dryRun()) {
            writeFigures(c, true);
        }
        return r;
    }

    /**
     * The node_exporter textfile, when the config names one: the figures {@code serve} gives at
     * {@code /metrics} (request counts aside), and how this run ended. Written on every run that is
     * not a dry run, whatever its result, so a failing job shows in monitoring.
     */
    private void writeFigures(Config c, boolean success) {
        c.reports().metricsFile().ifPresent(file -> {
            io.github.o365watch.serve.ReleaseState state = new io.github.o365watch.serve.Releases(
                            c.output(), io.github.o365watch.serve.ServeSettings.MAX_RELEASE_BYTES)
                    .current();
            byte[] text = io.github.o365watch.serve.Figures.text(io.github.o365watch.serve.Figures.collect(
                            Serve.facts(c),
                            ws.today(),
                            state.release(),
                            state.problem(),
                            Optional.of(new io.github.o365watch.serve.LastSync(
                                    success, ws.clock().instant().getEpochSecond())))
                    .scrape());
            AtomicFiles.write(file, text);
        });
    }

    /** A store named on the command line must keep out of the config's output, releases and reports, as the config's own must. */
    private void checkStore(Config c) {
        Path store = ws.store().root();
        if (SiteLayout.real(store).equals(SiteLayout.real(c.store()))) {
            return; // the config's own, checked when it was read
        }
        SiteLayout.overlap(SiteLayout.places(
                        "--store",
                        store,
                        c.output(),
                        c.reports().directory(),
                        c.reports().feed()))
                .ifPresent(x -> {
                    throw new UsageException(x.inner().key() + " "
                            + x.message(k -> k.startsWith("--") ? k : k + " in config file " + c.file()));
                });
    }

    /** One instance's part of the run. */
    private record Plan(
            Instance instance,
            Optional<StoredVersion> stored,
            Snapshot snapshot,
            Optional<StoredVersion> before,
            Optional<LockFile.Applied> was,
            Optional<FetchOutcome> fetched,
            Optional<Version> newerUpstream) {}

    private Result runLocked(Config c, Options o) {
        List<String> names = o.instances().isEmpty() ? c.instances() : only(c, o.instances());
        InstanceSelection selection = new InstanceSelection(names, false);
        LockFile lock = LockFile.read(c.lockFile()).orElse(new LockFile(LockFile.FORMAT, Map.of(), List.of()));
        Map<Instance, FetchOutcome> fetched = new LinkedHashMap<>();
        Map<Instance, Version> upstream = new LinkedHashMap<>();
        if (o.version().isEmpty() && !ws.offline()) {
            if (o.dryRun()) {
                ws.upstream().latestVersions().forEach(p -> upstream.put(p.instance(), p.latest()));
                for (Instance i : selection.stored(ws.store().instances())) {
                    Optional<StoredVersion> newest = ws.store().newest(i);
                    Version published = upstream.get(i);
                    if (!o.acceptOlder()
                            && published != null
                            && newest.isPresent()
                            && newest.get().version().isNewerThan(published)) {
                        throw ahead(
                                new AheadException(i, newest.get().version(), published, "sync"),
                                i,
                                newest.get().version(),
                                published,
                                List.of());
                    }
                }
            } else {
                // a version stored but not applied (refused by the guard) is downloaded again: the service may have
                // corrected it
                for (FetchOutcome f : new Fetch(ws)
                        .runLocked(selection, false, c.tenant(), s -> !applied(lock, s), o.acceptOlder(), "sync")) {
                    if (f.failure().isPresent() && f.failure().get() instanceof AheadException) {
                        // loud like a refusal: the nightly job tells someone, every night, until a person decides
                        Version stored = f.previous().orElseThrow();
                        Version published = f.published().orElseThrow();
                        List<String> problems = new Notifications(c.notifications(), ws)
                                .send(new Event(
                                        Event.Kind.REFUSED,
                                        "o365watch: sync refused by the safety guard",
                                        List.of(f.failure().get().getMessage()),
                                        Optional.empty()));
                        throw ahead((AheadException) f.failure().get(), f.instance(), stored, published, problems);
                    }
                    if (f.failure().isPresent()) {
                        throw f.failure().get(); // nothing was applied; the outputs are as they were
                    }
                    fetched.put(f.instance(), f);
                }
            }
        }

        List<Plan> plans = new ArrayList<>();
        for (Instance instance : selection.stored(ws.store().instances())) {
            Optional<LockFile.Applied> was = Optional.ofNullable(lock.instances()
                    .get(instance.spelledAsIn(ws.store().instances()).name()));
            Optional<StoredVersion> before = was.map(a -> ws.store()
                    .find(instance, Version.parse(a.version()), a.revisionOrFirst())
                    .orElseThrow(() ->
                            new StoreException("the lock file " + c.lockFile() + " says " + instance + " " + a.version()
                                    + revisionText(a.revisionOrFirst()) + " was applied, but the store "
                                    + ws.store().root()
                                    + " lacks it; restore the store, or delete the lock file to start afresh")));
            Optional<Version> newer = Optional.ofNullable(upstream.get(instance));
            if (ws.offline() && ws.store().versions(instance).isEmpty()) {
                // "run sync" would be no advice to someone who just did: offline, sync has only the store
                throw new StoreException(
                        "nothing is stored for " + instance + " in "
                                + ws.store().root() + ", and --offline uses only the"
                                + " store: run sync without --offline, or set store: to a snapshot directory (the repository's snapshots/)");
            }
            StoredVersion v = Selections.version(ws, instance, o.version().orElse(null));
            // a version stored but not applied is one sync would download again: the dry run reads it too
            if (newer.isPresent()
                    && (newer.get().isNewerThan(v.version()) || newer.get().equals(v.version()) && !applied(lock, v))) {
                // a dry run reads the newer version to say what it would change, and keeps nothing
                Snapshot next = ws.upstream()
                        .endpoints(v.instance(), newer.get(), EndpointQuery.ALL)
                        .snapshot();
                plans.add(new Plan(v.instance(), Optional.empty(), next, before, was, Optional.empty(), newer));
            } else {
                plans.add(new Plan(
                        v.instance(),
                        Optional.of(v),
                        ws.store().load(v),
                        before,
                        was,
                        Optional.ofNullable(fetched.get(instance)),
                        Optional.empty()));
            }
        }
        // instances the config no longer names keep nothing: their files are removed with the rest
        TemplateEngine engine = Generate.engine(c.templates());
        String hash = ConfigSelection.hash(c);
        Map<String, byte[]> files = new TreeMap<>();
        List<LockFile.Output> records = new ArrayList<>();
        Map<String, LockFile.Applied> applied = new TreeMap<>();
        List<String> refusals = new ArrayList<>();
        List<Version> refused = new ArrayList<>();
        List<String> beyondLimits = new ArrayList<>();
        List<String> unsafe = new ArrayList<>();
        Map<String, List<Widening>> summarised = new TreeMap<>();
        Map<String, List<Wildcards.ForTarget>> wildcards = new TreeMap<>();
        List<LockFile.Held> held = new ArrayList<>();
        if (!o.instances().isEmpty()) {
            keepOthers(lock, names, files, records, applied, c);
            // the holds of instances this run leaves alone stay as they are
            lock.heldOrNone().stream()
                    .filter(h -> names.stream().noneMatch(n -> Instance.parse(n).equals(Instance.parse(h.instance()))))
                    .forEach(held::add);
        }
        for (Plan p : plans) {
            Selection sel = ConfigSelection.selection(c, p.snapshot());
            Selected next = Selector.select(p.snapshot(), sel, false);
            unsafe.addAll(Guard.unsafe(next));
            if (o.version().isEmpty() && !o.acceptShrink()) {
                // the applied copy is the base, also for a new revision of the same version (a list republished
                // under the applied number is judged like a new version); only a rebuild of the applied copy has none
                Selected base = p.before()
                        .filter(b ->
                                p.stored().isEmpty() || !sameCopy(b, p.stored().get()))
                        .map(b -> Selector.select(ws.store().load(b), sel, false))
                        .orElse(null);
                List<String> why = Guard.check(base, next, c.guard());
                refusals.addAll(why);
                if (!why.isEmpty()) {
                    refused.add(p.snapshot().version());
                }
            }
            // what the applied version listed and this one does not stays for holdRemovalsDays, with its reason
            List<LockFile.Held> holds = Holds.of(
                    c.selection().holdRemovalsDays(),
                    ws.today(),
                    p.instance(),
                    lock.heldOrNone(),
                    c.selection().holdRemovalsDays() > 0
                            ? p.before().map(b -> Selector.select(ws.store().load(b), sel, false))
                            : Optional.empty(),
                    next,
                    p.snapshot().version());
            held.addAll(holds);
            Selection withHolds = Holds.with(sel, holds);
            Map<String, Outputs.File> rendered;
            try {
                rendered = Outputs.render(
                        new Generate(ws),
                        p.stored().orElse(null),
                        p.snapshot(),
                        withHolds,
                        ConfigSelection.jobs(c),
                        engine,
                        lock,
                        g -> wildcards.put(
                                p.instance().name(),
                                Wildcards.of(g, sel.filter().categories())));
            } catch (LimitException e) {
                // what would be published breaks the limits: refused like the guard, whatever the flags
                beyondLimits.addAll(e.reasons());
                continue;
            }
            rendered.forEach((path, f) -> {
                files.put(path, f.content());
                records.add(new LockFile.Output(
                        path, f.target(), p.instance().name(), f.version().value(), hash, f.sha256()));
                if (!f.widenings().isEmpty()) {
                    summarised.put(path, f.widenings());
                }
            });
            applied.put(
                    p.instance().name(),
                    new LockFile.Applied(
                            p.snapshot().version().value(),
                            p.stored().map(StoredVersion::revision).orElse(1),
                            hash));
        }
        if (!refusals.isEmpty() || !beyondLimits.isEmpty() || !unsafe.isEmpty()) {
            List<String> all = new ArrayList<>(unsafe);
            all.addAll(refusals);
            all.addAll(beyondLimits);
            List<String> problems = o.dryRun()
                    ? List.of()
                    : new Notifications(c.notifications(), ws)
                            .send(new Event(
                                    Event.Kind.REFUSED,
                                    "o365watch: sync refused by the safety guard",
                                    all,
                                    Optional.empty()));
            throw new GuardException(refusals, choices(o, refused), beyondLimits, unsafe, problems);
        }

        OutputTree tree = new OutputTree(c.output());
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> removed = compare(tree, files, written, unchanged);
        LockFile next = new LockFile(LockFile.FORMAT, applied, records, held);
        boolean lockChanged = !next.equals(lock);
        List<InstanceResult> results = new ArrayList<>();
        for (Plan p : plans) {
            results.add(new InstanceResult(
                    p.instance(),
                    p.was().map(a -> Version.parse(a.version())),
                    p.snapshot().version(),
                    p.fetched(),
                    List.of(),
                    p.newerUpstream()));
        }
        if (o.dryRun() || written.isEmpty() && removed.isEmpty() && !lockChanged) {
            // a dry run reports what would keep a notification from going out, not only on the night it is due
            List<String> problems = o.dryRun()
                    ? new Notifications(c.notifications(), ws).unavailable()
                    : pendingReminders(c, results, false);
            return new Result(
                    results,
                    written,
                    removed,
                    unchanged,
                    lockChanged,
                    o.dryRun(),
                    problems,
                    tree.path(),
                    summarised,
                    wildcards,
                    held);
        }

        // publish, write the reports, then the lock. A run killed before the lock is written left it as it was,
        // so the next sync does the work again (the same bytes) and writes the reports; a failure here puts the
        // outputs back and takes back the reports, so only what was applied is reported.
        // a run killed while writing left temporary files beside the lock file, the output link and the reports
        AtomicFiles.removeLeftovers(c.lockFile().toAbsolutePath().getParent(), 1);
        AtomicFiles.removeLeftovers(tree.path().getParent(), 1);
        AtomicFiles.removeLeftovers(c.reports().directory(), 1);
        c.reports()
                .feed()
                .ifPresent(feed ->
                        AtomicFiles.removeLeftovers(feed.toAbsolutePath().getParent(), 1));
        Optional<Path> previous = tree.release();
        CrashPoint.at("sync.rendered", tree.path());
        stage = Stage.PUBLISHING;
        tree.publish(files);
        CrashPoint.at("sync.published", tree.path());
        Written reportFiles = new Written();
        List<InstanceResult> withReports = new ArrayList<>();
        List<ReportData> reports = new ArrayList<>();
        try {
            for (int i = 0; i < plans.size(); i++) {
                Plan p = plans.get(i);
                InstanceResult r = results.get(i);
                if (p.before().isEmpty()
                        || p.stored().isEmpty()
                        || p.before().get().version().compareTo(p.stored().get().version()) >= 0) {
                    withReports.add(r);
                    continue;
                }
                Compare compare = new Compare(ws);
                String dir = r.instance().dirName() + "/";
                Map<String, List<Widening>> figures = new TreeMap<>(summarised);
                figures.keySet().removeIf(path -> !path.startsWith(dir));
                List<ReportData.Held> keeping = held.stream()
                        .filter(h -> h.instance().equalsIgnoreCase(r.instance().name()))
                        .map(h -> new ReportData.Held(h.entry(), h.category(), h.setId(), h.until()))
                        .toList();
                ReportData data = new ReportData(
                        compare.review(
                                new Compare.Range(p.before().get(), p.stored().get()), Thresholds.DEFAULT),
                        c.reports().formats().contains(OutputFormat.HTML) ? compare.history(r.instance()) : List.of(),
                        figures,
                        keeping);
                reports.add(data);
                List<Path> paths = new ArrayList<>();
                for (OutputFormat format : c.reports().formats()) {
                    Path file = c.reports()
                            .directory()
                            .resolve(Reports.fileName(
                                    r.instance(),
                                    p.before().get().version().value(),
                                    p.stored().get().version().value(),
                                    format));
                    reportFiles.remember(file);
                    Reports.write(file, Reports.render(data, format));
                    paths.add(file);
                }
                c.reports().feed().ifPresent(feed -> {
                    reportFiles.remember(feed);
                    Reports.addToFeed(feed, data, c.reports().feedMax());
                });
                withReports.add(new InstanceResult(
                        r.instance(), r.applied(), r.version(), r.fetched(), paths, r.newerUpstream()));
            }
            CrashPoint.at("sync.reported", c.reports().directory());
            next.write(c.lockFile());
        } catch (RuntimeException e) {
            reportFiles.takeBack(e);
            tree.restore(previous);
            stage = Stage.PREPARING;
            throw e;
        }
        stage = Stage.NOTIFYING;
        CrashPoint.at("sync.locked", c.lockFile());

        List<String> problems = new ArrayList<>();
        Notifications n = new Notifications(c.notifications(), ws);
        for (ReportData data : reports) {
            problems.addAll(n.send(new Event(
                    Event.Kind.CHANGES,
                    "o365watch: " + ReportBuilder.title(data.review().changes()),
                    summary(data),
                    Optional.of(data))));
        }
        problems.addAll(pendingReminders(c, withReports, !reports.isEmpty()));
        return new Result(
                withReports,
                written,
                removed,
                unchanged,
                lockChanged,
                false,
                problems,
                tree.path(),
                summarised,
                wildcards,
                held);
    }

    /**
     * Sorts the files into written and unchanged against the published release, and returns the
     * paths it holds that the files do not, sorted. Its bytes are read here and dropped on return,
     * not held while the rest of the run holds the new ones.
     */
    private static List<String> compare(
            OutputTree tree, Map<String, byte[]> files, List<String> written, List<String> unchanged) {
        Map<String, byte[]> current = tree.current();
        files.forEach((p, b) -> (Arrays.equals(current.get(p), b) ? unchanged : written).add(p));
        return current.keySet().stream()
                .filter(p -> !files.containsKey(p))
                .sorted()
                .toList();
    }

    /** Report files a run wrote, with what they held before, so that a failed run can put them back. */
    private static final class Written {
        private final Map<Path, Optional<byte[]>> before = new LinkedHashMap<>();
        private final List<Path> newDirs = new ArrayList<>();

        void remember(Path file) {
            if (before.containsKey(file)) {
                return;
            }
            try {
                for (Path d = file.toAbsolutePath().getParent(); d != null && !Files.exists(d); d = d.getParent()) {
                    newDirs.add(d);
                }
                before.put(file, Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty());
            } catch (IOException e) {
                throw new StoreException("cannot read " + file + ": " + Printable.reason(e), e);
            }
        }

        /** New files go first: on a full disk, that makes room to restore the ones replaced. */
        void takeBack(RuntimeException failure) {
            List<Map.Entry<Path, Optional<byte[]>>> all = new ArrayList<>(before.entrySet());
            all.sort(Comparator.comparing(e -> e.getValue().isPresent()));
            for (Map.Entry<Path, Optional<byte[]>> e : all) {
                try {
                    if (e.getValue().isEmpty()) {
                        Files.deleteIfExists(e.getKey());
                    } else if (!AtomicFiles.sameContent(e.getKey(), e.getValue().get())) {
                        AtomicFiles.write(e.getKey(), e.getValue().get());
                    }
                } catch (IOException | RuntimeException x) {
                    failure.addSuppressed(x);
                }
            }
            for (Path d : newDirs) { // deepest first, as they were found
                try {
                    Files.deleteIfExists(d);
                } catch (IOException x) {
                    failure.addSuppressed(x);
                }
            }
        }
    }

    /** The store is ahead of the service: refused like a shrink, until a person says the service is right. */
    private static GuardException ahead(
            AheadException e, Instance instance, Version stored, Version published, List<String> problems) {
        GuardException g = new GuardException(
                List.of(AheadException.reason(instance, stored, published)),
                "review it (o365watch show --instance " + instance + " --version " + stored
                        + "), then sync --accept-older withdraws " + stored
                        + " (kept in the store for review) and applies " + published,
                List.of(),
                problems);
        g.initCause(e);
        return g;
    }

    /** True when the lock says this revision of this version of its instance is the one applied. */
    private static boolean applied(LockFile lock, StoredVersion s) {
        return lock.instances().entrySet().stream()
                .anyMatch(e -> Instance.parse(e.getKey()).equals(s.instance())
                        && e.getValue().version().equals(s.version().value())
                        && e.getValue().revisionOrFirst() == s.revision());
    }

    private static boolean sameCopy(StoredVersion a, StoredVersion b) {
        return a.version().equals(b.version()) && a.revision() == b.revision();
    }

    private static String revisionText(int revision) {
        return revision == 1 ? "" : " (revision " + revision + ")";
    }

    /** What happens after a refusal and what a person can do, in the refusal's message. */
    private String choices(Options o, List<Version> refused) {
        String versions = refused.stream()
                .distinct()
                .map(Version::value)
                .reduce((a, b) -> a + ", " + b)
                .orElse("the version");
        if (o.dryRun()) {
            return "a sync would refuse it; review it, then sync --accept-shrink applies it";
        }
        String review = "if the shrink is real, review it (o365watch report) and run sync --accept-shrink";
        if (ws.offline()) {
            return "the lists stay in the store for review; " + review
                    + "; if the service was wrong, o365watch fetch --force" + " downloads " + versions
                    + " again and the next sync applies corrected lists without a flag";
        }
        return "the lists stay in the store for review; the next sync downloads " + versions
                + " again and applies it without a flag"
                + " once the service serves lists the guard accepts (or a newer version): wait for that, or check now with"
                + " o365watch fetch --force; " + review;
    }

    /** --instance: names the config lists, in its spelling. */
    private static List<String> only(Config c, List<String> asked) {
        List<String> out = new ArrayList<>();
        for (String a : asked) {
            Instance i = Instance.parse(a);
            String found = c.instances().stream()
                    .filter(x -> Instance.parse(x).equals(i))
                    .findFirst()
                    .orElseThrow(
                            () -> UsageException.commandLine("--instance " + a + ": the config file does not list it"));
            out.add(found);
        }
        return out;
    }

    /** With --instance, the other instances' outputs and lock entries stay as they are. */
    private static void keepOthers(
            LockFile lock,
            List<String> names,
            Map<String, byte[]> files,
            List<LockFile.Output> records,
            Map<String, LockFile.Applied> applied,
            Config c) {
        Map<String, byte[]> current = new OutputTree(c.output()).current();
        lock.instances().forEach((name, a) -> {
            if (names.stream().noneMatch(n -> Instance.parse(n).equals(Instance.parse(name)))) {
                applied.put(name, a);
                lock.outputs().stream()
                        .filter(x -> Instance.parse(x.instance()).equals(Instance.parse(name)))
                        .forEach(x -> {
                            records.add(x);
                            if (current.containsKey(x.path())) {
                                files.put(x.path(), current.get(x.path()));
                            }
                        });
            }
        });
    }

    /**
     * Additions Microsoft announced that take effect within the grace period. Sent with a change
     * that was applied, and otherwise on the day an addition enters the period, so that a quiet
     * night does not repeat yesterday's reminder.
     */
    private List<String> pendingReminders(Config c, List<InstanceResult> results, boolean applied) {
        List<String> lines = new ArrayList<>();
        LocalDate today = ws.today();
        LocalDate horizon = today.plusDays(c.graceDays());
        boolean enteringToday = false;
        for (InstanceResult r : results) {
            List<StoredVersion> versions = ws.store().versions(r.instance());
            StoredVersion to = versions.stream()
                    .filter(v -> v.version().equals(r.version()))
                    .findFirst()
                    .orElse(null);
            StoredVersion from = to == null
                    ? null
                    : versions.stream()
                            .filter(v -> to.version().isNewerThan(v.version()))
                            .reduce((a, b) -> b)
                            .orElse(null);
            if (from == null) {
                continue;
            }
            for (Notice p : new Compare(ws)
                    .review(new Compare.Range(from, to), Thresholds.DEFAULT)
                    .pending()) {
                LocalDate d = p.effectiveDate().orElseThrow();
                if (!d.isAfter(horizon) && !d.isBefore(today)) {
                    lines.add(r.instance() + ": " + p.change().element().type().label() + " "
                            + p.change().element().value() + " (set "
                            + p.change().setId() + ") takes effect on " + d);
                    enteringToday |= d.equals(horizon);
                }
            }
        }
        if (lines.isEmpty() || !applied && !enteringToday) {
            return List.of();
        }
        return new Notifications(c.notifications(), ws)
                .send(new Event(
                        Event.Kind.PENDING,
                        "o365watch: "
                                + io.github.o365watch.domain.Plural.of(
                                        lines.size(), "announced addition takes", "announced additions take")
                                + " effect within "
                                + io.github.o365watch.domain.Plural.of(c.graceDays(), "day", "days"),
                        lines,
                        Optional.empty()));
    }

    private static List<String> summary(ReportData data) {
        var c = data.review().changes();
        List<String> lines = new ArrayList<>();
        long cosmetic = c.sets().stream()
                .filter(io.github.o365watch.diff.SetChange::cosmeticOnly)
                .count();
        lines.add(io.github.o365watch.domain.Plural.of(c.sets().size(), "endpoint set", "endpoint sets") + " changed"
                + (cosmetic == 0 ? "" : ", " + cosmetic + " of them only in " + ReportBuilder.COSMETIC) + "; "
                + io.github.o365watch.domain.Plural.of(data.review().flags().size(), "review flag", "review flags")
                + "; "
                + io.github.o365watch.domain.Plural.of(data.review().pending().size(), "addition", "additions")
                + " pending");
        data.review().flags().stream()
                .limit(10)
                .forEach(f -> lines.add(f.kind().label() + ": set " + f.setId() + " " + f.subject()));
        return lines;
    }
}
