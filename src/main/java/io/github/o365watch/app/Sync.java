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
import java.util.HashMap;
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
        public Options {
            instances = List.copyOf(instances);
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

    /** What the service said: versions fetched and stored, or, in a dry run, only the versions it publishes. */
    private record Asked(Map<Instance, FetchOutcome> fetched, Map<Instance, Version> upstream) {}

    /** One instance's version to apply, chosen before its lists are read. */
    private record Choice(
            StoredVersion version,
            Optional<StoredVersion> before,
            Optional<LockFile.Applied> was,
            Optional<Version> newer) {}

    /** Everything rendering the plans gave, and what the guard and the limits refuse. */
    private static final class Rendering {
        final Map<String, byte[]> files = new TreeMap<>();
        // the SHA-256 of the rendered files, made from their bytes (the release's name needs them again)
        final Map<String, String> hashes = new HashMap<>();
        final List<LockFile.Output> records = new ArrayList<>();
        final Map<String, LockFile.Applied> applied = new TreeMap<>();
        final List<String> refusals = new ArrayList<>();
        final List<Version> refused = new ArrayList<>();
        final List<String> beyondLimits = new ArrayList<>();
        final List<String> unsafe = new ArrayList<>();
        final Map<String, List<Widening>> summarised = new TreeMap<>();
        final Map<String, List<Wildcards.ForTarget>> wildcards = new TreeMap<>();
        final List<LockFile.Held> held = new ArrayList<>();
        // per instance, the diff its report reviews, made while the guard had the applied version loaded
        final Map<String, Compare.Diffed> diffs = new HashMap<>();
    }

    private Result runLocked(Config c, Options o) {
        List<String> names = o.instances().isEmpty() ? c.instances() : only(c, o.instances());
        InstanceSelection selection = new InstanceSelection(names, false);
        LockFile lock = LockFile.read(c.lockFile()).orElse(new LockFile(LockFile.FORMAT, Map.of(), List.of()));
        Asked asked = ask(c, o, selection, lock);
        List<Choice> choices = choose(c, o, selection, lock, asked);
        String hash = ConfigSelection.hash(c);
        Optional<Result> current = alreadyCurrent(c, o, lock, choices, asked, hash);
        if (current.isPresent()) {
            return current.get();
        }
        List<Plan> plans = plans(choices, asked, lock);
        Rendering r = render(c, o, lock, names, plans, hash);
        refuseIfAny(c, o, r);

        OutputTree tree = new OutputTree(c.output());
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> removed = compare(tree, r.files, written, unchanged);
        LockFile next = new LockFile(
                LockFile.FORMAT, r.applied, r.records, r.held, Fingerprint.of(c, hash, r.applied, r.records));
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
                    r.summarised,
                    r.wildcards,
                    r.held);
        }
        return publish(c, plans, results, r, tree, next, new Changes(written, removed, unchanged, lockChanged));
    }

    /**
     * Asks the service (unless offline or rolling back): a dry run only which versions it
     * publishes, a real run fetches and stores what is new. A version stored but not applied
     * (refused by the guard) is downloaded again: the service may have corrected it.
     */
    private Asked ask(Config c, Options o, InstanceSelection selection, LockFile lock) {
        Map<Instance, FetchOutcome> fetched = new LinkedHashMap<>();
        Map<Instance, Version> upstream = new LinkedHashMap<>();
        if (o.version().isPresent() || ws.offline()) {
            return new Asked(fetched, upstream);
        }
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
            return new Asked(fetched, upstream);
        }
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
        return new Asked(fetched, upstream);
    }

    /** Per instance, the stored version to apply and what was applied before; no lists read yet. */
    private List<Choice> choose(Config c, Options o, InstanceSelection selection, LockFile lock, Asked asked) {
        List<Choice> out = new ArrayList<>();
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
            if (ws.offline() && ws.store().versions(instance).isEmpty()) {
                // "run sync" would be no advice to someone who just did: offline, sync has only the store
                throw new StoreException(
                        "nothing is stored for " + instance + " in "
                                + ws.store().root() + ", and --offline uses only the"
                                + " store: run sync without --offline, or set store: to a snapshot directory (the repository's snapshots/)");
            }
            StoredVersion v = Selections.version(ws, instance, o.version().orElse(null));
            out.add(new Choice(
                    v, before, was, Optional.ofNullable(asked.upstream().get(instance))));
        }
        return out;
    }

    /**
     * The result of a run that renders nothing, when nothing an output depends on can have
     * changed: the lock's fingerprint is what this run's would be, nothing is held, and every
     * output is on disk as the lock records it (a file edited, added or removed is regenerated).
     * Only for a plain run: a dry run, a rollback and a run of some instances take the long way.
     */
    private Optional<Result> alreadyCurrent(
            Config c, Options o, LockFile lock, List<Choice> choices, Asked asked, String hash) {
        if (o.dryRun()
                || o.version().isPresent()
                || !o.instances().isEmpty()
                || lock.fingerprint() == null
                || !lock.heldOrNone().isEmpty()) {
            return Optional.empty();
        }
        Map<String, LockFile.Applied> would = new TreeMap<>();
        for (Choice ch : choices) {
            if (ch.newer().isPresent() || !applied(lock, ch.version())) {
                return Optional.empty();
            }
            StoredVersion v = ch.version();
            would.put(v.instance().name(), new LockFile.Applied(v.version().value(), v.revision(), hash));
        }
        if (!would.equals(lock.instances())
                || !Fingerprint.of(c, hash, would, lock.outputs()).equals(lock.fingerprint())) {
            return Optional.empty();
        }
        OutputTree tree = new OutputTree(c.output());
        Map<String, byte[]> onDisk = tree.current();
        if (!onDisk.keySet()
                        .equals(lock.outputs().stream()
                                .map(LockFile.Output::path)
                                .collect(java.util.stream.Collectors.toSet()))
                || lock.outputs().stream()
                        .anyMatch(x -> !io.github.o365watch.domain.Checksums.sha256(onDisk.get(x.path()))
                                .equals(x.sha256()))) {
            return Optional.empty();
        }
        List<InstanceResult> results = new ArrayList<>();
        for (Choice ch : choices) {
            results.add(new InstanceResult(
                    ch.version().instance(),
                    ch.was().map(a -> Version.parse(a.version())),
                    ch.version().version(),
                    Optional.ofNullable(asked.fetched().get(ch.version().instance())),
                    List.of(),
                    Optional.empty()));
        }
        return Optional.of(new Result(
                results,
                List.of(),
                List.of(),
                new ArrayList<>(onDisk.keySet()),
                false,
                false,
                pendingReminders(c, results, false),
                tree.path(),
                Map.of(),
                Map.of(),
                List.of()));
    }

    /** Reads each instance's lists: from the store, or, for a dry run facing a newer version, from the service. */
    private List<Plan> plans(List<Choice> choices, Asked asked, LockFile lock) {
        List<Plan> plans = new ArrayList<>();
        for (Choice ch : choices) {
            StoredVersion v = ch.version();
            Optional<Version> newer = ch.newer();
            // a version stored but not applied is one sync would download again: the dry run reads it too
            if (newer.isPresent()
                    && (newer.get().isNewerThan(v.version()) || newer.get().equals(v.version()) && !applied(lock, v))) {
                // a dry run reads the newer version to say what it would change, and keeps nothing
                Snapshot next = ws.upstream()
                        .endpoints(v.instance(), newer.get(), EndpointQuery.ALL)
                        .snapshot();
                plans.add(
                        new Plan(v.instance(), Optional.empty(), next, ch.before(), ch.was(), Optional.empty(), newer));
            } else {
                plans.add(new Plan(
                        v.instance(),
                        Optional.of(v),
                        ws.store().load(v),
                        ch.before(),
                        ch.was(),
                        Optional.ofNullable(asked.fetched().get(v.instance())),
                        Optional.empty()));
            }
        }
        return plans;
    }

    /**
     * Renders every plan's targets (instances the config no longer names keep nothing: their files
     * are removed with the rest) and runs the guard; with --instance, the other instances' outputs
     * and holds stay as they are.
     */
    private Rendering render(Config c, Options o, LockFile lock, List<String> names, List<Plan> plans, String hash) {
        TemplateEngine engine = Generate.engine(c.templates());
        Rendering r = new Rendering();
        if (!o.instances().isEmpty()) {
            keepOthers(lock, names, r.files, r.records, r.applied, c);
            // the holds of instances this run leaves alone stay as they are
            lock.heldOrNone().stream()
                    .filter(h -> names.stream().noneMatch(n -> Instance.parse(n).equals(Instance.parse(h.instance()))))
                    .forEach(r.held::add);
        }
        for (Plan p : plans) {
            Selection sel = ConfigSelection.selection(c, p.snapshot());
            Selected next = Selector.select(p.snapshot(), sel, false);
            r.unsafe.addAll(Guard.unsafe(next));
            List<LockFile.Held> holds = checkApplied(c, o, lock, p, sel, next, r);
            r.held.addAll(holds);
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
                        g -> r.wildcards.put(
                                p.instance().name(),
                                Wildcards.of(g, sel.filter().categories())));
            } catch (LimitException e) {
                // what would be published breaks the limits: refused like the guard, whatever the flags
                r.beyondLimits.addAll(e.reasons());
                continue;
            }
            rendered.forEach((path, f) -> {
                r.files.put(path, f.content());
                r.hashes.put(path, f.sha256());
                r.records.add(new LockFile.Output(
                        path, f.target(), p.instance().name(), f.version().value(), hash, f.sha256()));
                if (!f.widenings().isEmpty()) {
                    r.summarised.put(path, f.widenings());
                }
            });
            r.applied.put(
                    p.instance().name(),
                    new LockFile.Applied(
                            p.snapshot().version().value(),
                            p.stored().map(StoredVersion::revision).orElse(1),
                            hash));
        }
        return r;
    }

    /**
     * What sync does with the applied version, read (and verified) once: the guard compares with it, the holds keep
     * what it listed and this one does not, and the report's diff is made from it now, so that it is neither held
     * while the targets render nor read again to report. Returns the holds.
     */
    private List<LockFile.Held> checkApplied(
            Config c, Options o, LockFile lock, Plan p, Selection sel, Selected next, Rendering r) {
        // the applied copy is the base, also for a new revision of the same version (a list republished under the
        // applied number is judged like a new version); only a rebuild of the applied copy has none
        Optional<StoredVersion> base = o.version().isEmpty() && !o.acceptShrink()
                ? p.before()
                        .filter(b ->
                                p.stored().isEmpty() || !sameCopy(b, p.stored().get()))
                : Optional.empty();
        boolean holding = c.selection().holdRemovalsDays() > 0;
        boolean reported = !o.dryRun() && reported(p);
        Snapshot applied =
                base.isPresent() || (holding || reported) && p.before().isPresent()
                        ? ws.store().load(p.before().get())
                        : null;
        List<String> why = List.of();
        if (o.version().isEmpty() && !o.acceptShrink()) {
            why = Guard.check(
                    base.map(b -> Selector.select(applied, sel, false)).orElse(null), next, c.guard());
            r.refusals.addAll(why);
            if (!why.isEmpty()) {
                r.refused.add(p.snapshot().version());
            }
        }
        if (reported && why.isEmpty()) {
            r.diffs.put(
                    p.instance().name(),
                    Compare.diff(new Compare.Range(p.before().get(), p.stored().get()), applied, p.snapshot()));
        }
        // what the applied version listed and this one does not stays for holdRemovalsDays, with its reason
        return Holds.of(
                c.selection().holdRemovalsDays(),
                ws.today(),
                p.instance(),
                lock.heldOrNone(),
                holding ? p.before().map(b -> Selector.select(applied, sel, false)) : Optional.empty(),
                next,
                p.snapshot().version());
    }

    /** Refused by the guard or the limits: nothing applied, and (unless a dry run) the refusal notified. */
    private void refuseIfAny(Config c, Options o, Rendering r) {
        if (r.refusals.isEmpty() && r.beyondLimits.isEmpty() && r.unsafe.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>(r.unsafe);
        all.addAll(r.refusals);
        all.addAll(r.beyondLimits);
        List<String> problems = o.dryRun()
                ? List.of()
                : new Notifications(c.notifications(), ws)
                        .send(new Event(
                                Event.Kind.REFUSED,
                                "o365watch: sync refused by the safety guard",
                                all,
                                Optional.empty()));
        throw new GuardException(r.refusals, choices(o, r.refused), r.beyondLimits, r.unsafe, problems);
    }

    /** How the rendered files compare with those on disk, and whether the lock file changes. */
    private record Changes(List<String> written, List<String> removed, List<String> unchanged, boolean lockChanged) {}

    /**
     * Publishes the outputs, writes the reports, then the lock, then notifies. A run killed before
     * the lock is written left it as it was, so the next sync does the work again (the same bytes)
     * and writes the reports; a failure here puts the outputs back and takes back the reports, so
     * only what was applied is reported.
     */
    private Result publish(
            Config c,
            List<Plan> plans,
            List<InstanceResult> results,
            Rendering r,
            OutputTree tree,
            LockFile next,
            Changes changes) {
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
        tree.publish(r.files, r.hashes);
        CrashPoint.at("sync.published", tree.path());
        Written reportFiles = new Written();
        List<InstanceResult> withReports = new ArrayList<>();
        List<ReportData> reports = new ArrayList<>();
        try {
            for (int i = 0; i < plans.size(); i++) {
                Plan p = plans.get(i);
                InstanceResult ir = results.get(i);
                if (!reported(p)) {
                    withReports.add(ir);
                    continue;
                }
                ReportData data = reportData(c, p, r);
                reports.add(data);
                withReports.add(new InstanceResult(
                        ir.instance(),
                        ir.applied(),
                        ir.version(),
                        ir.fetched(),
                        writeReports(c, p, data, reportFiles),
                        ir.newerUpstream()));
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
                changes.written(),
                changes.removed(),
                changes.unchanged(),
                changes.lockChanged(),
                false,
                problems,
                tree.path(),
                r.summarised,
                r.wildcards,
                r.held);
    }

    /** Whether publishing the plan reports its change: a newer version stored over an applied one. */
    private static boolean reported(Plan p) {
        return p.before().isPresent()
                && p.stored().isPresent()
                && p.before().get().version().compareTo(p.stored().get().version()) < 0;
    }

    /** The review of one instance's change from the version applied before, for its reports and notification. */
    private ReportData reportData(Config c, Plan p, Rendering r) {
        Compare compare = new Compare(ws);
        String dir = p.instance().dirName() + "/";
        Map<String, List<Widening>> figures = new TreeMap<>(r.summarised);
        figures.keySet().removeIf(path -> !path.startsWith(dir));
        List<ReportData.Held> keeping = r.held.stream()
                .filter(h -> h.instance().equalsIgnoreCase(p.instance().name()))
                .map(h -> new ReportData.Held(h.entry(), h.category(), h.setId(), h.until()))
                .toList();
        return new ReportData(
                Optional.ofNullable(r.diffs.get(p.instance().name()))
                        .map(d -> compare.review(d, Thresholds.DEFAULT, p.snapshot()))
                        .orElseGet(() -> compare.review(
                                new Compare.Range(p.before().get(), p.stored().get()),
                                Thresholds.DEFAULT,
                                p.snapshot())),
                c.reports().formats().contains(OutputFormat.HTML) ? compare.history(p.instance()) : List.of(),
                figures,
                keeping);
    }

    /** One report per configured format and the feed's item; each file remembered first, so a failure can take it back. */
    private static List<Path> writeReports(Config c, Plan p, ReportData data, Written reportFiles) {
        List<Path> paths = new ArrayList<>();
        for (OutputFormat f : c.reports().formats()) {
            Path file = c.reports()
                    .directory()
                    .resolve(Reports.fileName(
                            p.instance(),
                            p.before().get().version().value(),
                            p.stored().get().version().value(),
                            f));
            reportFiles.remember(file);
            Reports.write(file, Reports.render(data, f));
            paths.add(file);
        }
        c.reports().feed().ifPresent(feed -> {
            reportFiles.remember(feed);
            Reports.addToFeed(feed, data, c.reports().feedMax());
        });
        return paths;
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
        if (!new Notifications(c.notifications(), ws).sends(Event.Kind.PENDING)) {
            return List.of(); // nobody to remind: no need to read and compare two versions to find out what
        }
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
