package io.github.o365watch.app;

import io.github.o365watch.diff.ChangeRecords;
import io.github.o365watch.diff.Differ;
import io.github.o365watch.diff.ElementChange;
import io.github.o365watch.diff.Notice;
import io.github.o365watch.diff.Review;
import io.github.o365watch.diff.Reviewer;
import io.github.o365watch.diff.Thresholds;
import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.Checksums;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.Item;
import io.github.o365watch.render.LimitException;
import io.github.o365watch.render.Selected;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.Selector;
import io.github.o365watch.render.TargetSpec;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.source.EndpointQuery;
import io.github.o365watch.source.FetchedSnapshot;
import io.github.o365watch.source.PublishedVersion;
import io.github.o365watch.source.Upstream;
import io.github.o365watch.store.LockFile;
import io.github.o365watch.store.OutputTree;
import io.github.o365watch.store.StoredVersion;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The CI gate: are the committed outputs current? Not current when an output differs from what
 * the lock file records (hand-edited or stale), or when a newer version (upstream, or the store
 * with {@code --offline}) changes what a target writes in a way that is due: a removal, an
 * addition without an effective date, or one that takes effect within the grace period. A newer
 * version that changes nothing selected is not a failure; additions due later are listed as
 * pending. Writes nothing.
 */
public final class Check {
    private final Workspace ws;

    public Check(Workspace ws) {
        this.ws = ws;
    }

    /** One entry a target's outputs lack or still carry. */
    public record Change(
            String entry,
            String where,
            boolean added,
            Optional<LocalDate> effectiveDate,
            boolean due,
            Optional<Integer> recordId) {}

    /**
     * What one output (an instance's target) needs. No entries: the files differ only in comments
     * (such as the list of entries the target cannot express), which is never due.
     */
    public record Outstanding(
            Instance instance,
            String target,
            Version applied,
            Version latest,
            int latestRevision,
            List<Change> entries) {
        public boolean due() {
            return entries.stream().anyMatch(Change::due);
        }

        /** The version the outputs should come from, with its revision when the service republished it. */
        public String to() {
            return latestRevision > 1 ? latest + " (revision " + latestRevision + ")" : latest.value();
        }
    }

    /** A file that does not match the lock: edited by hand, stale, missing, or unknown to the lock. */
    public record FileProblem(String path, String target, String problem) {}

    /** The verdict and everything behind it. */
    /**
     * @param notifyProblems what would keep sync's notifications from going out (a secret's variable not set); never
     *                       changes the verdict, which is about the outputs
     */
    public record Result(
            boolean current,
            List<FileProblem> files,
            List<Outstanding> outstanding,
            Map<String, String> versions,
            int graceDays,
            List<String> outputs,
            List<String> notifyProblems,
            List<LockFile.Held> held) {
        public Result(
                boolean current,
                List<FileProblem> files,
                List<Outstanding> outstanding,
                Map<String, String> versions,
                int graceDays,
                List<String> outputs,
                List<String> notifyProblems) {
            this(current, files, outstanding, versions, graceDays, outputs, notifyProblems, List.of());
        }

        /** The day the last held removal ends, if the outputs hold any. */
        public Optional<LocalDate> heldUntil() {
            return Holds.lastUntil(held);
        }
    }

    /** What outputs that match their release but not the lock file come from. */
    static final String INTERRUPTED =
            "an interrupted sync (run sync): the outputs are as a sync published them, and it stopped"
                    + " before it wrote the lock file";

    public Result run(Config c, int graceDays) {
        Optional<LockFile> maybeLock = LockFile.read(c.lockFile());
        OutputTree tree = new OutputTree(c.output());
        // published outputs exactly as sync published them (their release is named for its content), but not what the
        // lock file records: a sync stopped between publishing and writing the lock, not a person's edit
        boolean interrupted = tree.intact();
        if (maybeLock.isEmpty()) {
            return noLock(c, graceDays, interrupted);
        }
        LockFile lock = maybeLock.get();
        Findings f = new Findings(ws.today().plusDays(graceDays));
        compareFiles(lock, tree.current(), interrupted, f);
        Map<Instance, Version> upstream = new TreeMap<>();
        if (!ws.offline()) {
            for (PublishedVersion p : ws.upstream().latestVersions()) {
                upstream.put(p.instance(), p.latest());
            }
        }
        for (String name : lock.instances().keySet()) {
            if (c.instances().stream().noneMatch(i -> Instance.parse(i).equals(Instance.parse(name)))) {
                f.files.add(new FileProblem(
                        Instance.parse(name).dirName(),
                        "",
                        "the lock file has outputs for " + name
                                + ", which the config no longer lists: run sync to remove them"));
            }
        }
        String hash = ConfigSelection.hash(c);
        for (String name : c.instances()) {
            judge(c, lock, Instance.parse(name).spelledAsIn(ws.store().instances()), upstream, hash, f);
        }
        boolean currentNow = f.files.isEmpty() && f.outstanding.stream().noneMatch(Outstanding::due);
        return new Result(
                currentNow,
                f.files,
                f.outstanding,
                f.versions,
                graceDays,
                lock.outputs().stream().map(LockFile.Output::path).toList(),
                new Notifications(c.notifications(), ws).unavailable(),
                lock.heldOrNone());
    }

    /** What check finds, as it goes: file problems, outstanding changes, the newest version per instance. */
    private static final class Findings {
        final LocalDate dueBy;
        final List<FileProblem> files = new ArrayList<>();
        final List<Outstanding> outstanding = new ArrayList<>();
        final Map<String, String> versions = new TreeMap<>();
        // made when a newer version or another config has to be rendered: a run with current outputs loads no templates
        TemplateEngine engine;

        Findings(LocalDate dueBy) {
            this.dueBy = dueBy;
        }

        TemplateEngine engine(Config c) {
            if (engine == null) {
                engine = Generate.engine(c.templates());
            }
            return engine;
        }
    }

    /** No lock file: never synced, or a sync stopped before it wrote one. */
    private Result noLock(Config c, int graceDays, boolean interrupted) {
        return new Result(
                false,
                List.of(new FileProblem(
                        c.lockFile().getFileName().toString(),
                        "",
                        interrupted
                                ? "no lock file: " + INTERRUPTED
                                : "no lock file: the outputs were never written by sync")),
                List.of(),
                Map.of(),
                graceDays,
                List.of(),
                new Notifications(c.notifications(), ws).unavailable());
    }

    /** Every file the lock records is there with its hash, and no other file is. */
    private static void compareFiles(LockFile lock, Map<String, byte[]> current, boolean interrupted, Findings f) {
        for (LockFile.Output o : lock.outputs()) {
            byte[] b = current.get(o.path());
            if (b == null) {
                f.files.add(new FileProblem(o.path(), o.target(), interrupted ? "missing: " + INTERRUPTED : "missing"));
            } else if (Checksums.crlfOf(b, o.sha256())) {
                f.files.add(new FileProblem(
                        o.path(), o.target(), "differs from what the lock file records: " + Checksums.CRLF_ADVICE));
            } else if (!Checksums.sha256(b).equals(o.sha256())) {
                f.files.add(new FileProblem(
                        o.path(),
                        o.target(),
                        interrupted
                                ? "differs from what the lock file records: " + INTERRUPTED
                                : "differs from what the lock file records (edited by hand, or stale)"));
            }
        }
        current.keySet().stream()
                .filter(p -> lock.output(p).isEmpty())
                .forEach(p -> f.files.add(new FileProblem(
                        p, "", interrupted ? "not in the lock file: " + INTERRUPTED : "not in the lock file")));
    }

    /**
     * One instance: whether its outputs come from the newest version (the service's, or with
     * --offline the store's) and the config as it is; if not, what each target would change.
     */
    private void judge(
            Config c, LockFile lock, Instance instance, Map<Instance, Version> upstream, String hash, Findings f) {
        LockFile.Applied applied = lock.instances().get(instance.name());
        if (applied == null) {
            f.files.add(
                    new FileProblem(instance.dirName(), "", "no outputs were written for " + instance + ": run sync"));
            return;
        }
        Version was = Version.parse(applied.version());
        StoredVersion oldStored = ws.store()
                .find(instance, was, applied.revisionOrFirst())
                .orElseThrow(() -> new io.github.o365watch.store.StoreException("the lock file says " + instance
                        + " " + was
                        + (applied.revisionOrFirst() == 1 ? "" : " (revision " + applied.revisionOrFirst() + ")")
                        + " was applied, but the store " + ws.store().root() + " lacks it"));
        Snapshot old = ws.store().load(oldStored);
        Optional<StoredVersion> newestStored = ws.store().newest(instance);
        Version latest = ws.offline()
                ? newestStored.map(StoredVersion::version).orElse(was)
                : Optional.ofNullable(upstream.get(instance)).orElse(was);
        f.versions.put(instance.name(), latest.value());
        if (!ws.offline() && upstream.containsKey(instance) && ahead(c, instance, was, latest, newestStored, f)) {
            return;
        }
        // lists republished under the applied number (a newer revision in the store) are a change like a new
        // version
        boolean newerCopy = latest.equals(was)
                && ws.store()
                        .find(instance, was)
                        .map(StoredVersion::revision)
                        .filter(r -> r > oldStored.revision())
                        .isPresent();
        // a hold that has ended keeps an entry Microsoft removed in the outputs: sync takes it out
        List<LockFile.Held> ended = lock.heldOrNone().stream()
                .filter(h -> h.instance().equalsIgnoreCase(instance.name())
                        && !LocalDate.parse(h.until()).isAfter(ws.today()))
                .toList();
        if (!ended.isEmpty()) {
            f.files.add(new FileProblem(
                    c.file().getFileName().toString(),
                    "",
                    io.github.o365watch.domain.Plural.of(ended.size(), "held removal", "held removals") + " of "
                            + instance + " ended (" + ended.get(0).entry() + " on "
                            + ended.get(0).until()
                            + (ended.size() > 1 ? ", ..." : "")
                            + "): run sync, which takes them out of the outputs"));
        }
        if (!latest.isNewerThan(was) && !newerCopy && applied.selectionHash().equals(hash)) {
            return;
        }
        if (!applied.selectionHash().equals(hash)) {
            f.files.add(new FileProblem(
                    c.file().getFileName().toString(),
                    "",
                    "the configuration changed since the last sync for " + instance + ": run sync"));
        }
        outstanding(c, lock, instance, oldStored, old, was, latest, newestStored, f);
    }

    /** The service's word is older than the store's or the outputs': never "current", sync refuses until a person decides. */
    private static boolean ahead(
            Config c,
            Instance instance,
            Version was,
            Version latest,
            Optional<StoredVersion> newestStored,
            Findings f) {
        Version ahead = newestStored
                .map(StoredVersion::version)
                .filter(v -> v.isNewerThan(latest))
                .orElse(was);
        if (!ahead.isNewerThan(latest)) {
            return false;
        }
        f.files.add(new FileProblem(
                c.file().getFileName().toString(),
                "",
                (ahead.equals(was)
                        ? "the outputs come from "
                                + instance + " " + was + ", newer than the " + latest
                                + " the service publishes: review, then run sync"
                                + (newestStored
                                                .map(StoredVersion::version)
                                                .filter(v -> v.isNewerThan(latest))
                                                .isPresent()
                                        ? " --accept-older"
                                        : "")
                        : "sync would refuse: " + AheadException.reason(instance, ahead, latest)
                                + "; review, then run sync --accept-older")));
        return true;
    }

    /** What each target of an instance would change to come from {@code latest} and the config as it is. */
    private void outstanding(
            Config c,
            LockFile lock,
            Instance instance,
            StoredVersion oldStored,
            Snapshot old,
            Version was,
            Version latest,
            Optional<StoredVersion> newestStored,
            Findings f) {
        Snapshot next;
        List<ChangeRecord> records;
        Optional<StoredVersion> stored = ws.store().find(instance, latest);
        if (stored.isPresent()) {
            next = ws.store().load(stored.get());
            ChangeRecords r = new Compare(ws).records(new Compare.Range(oldStored, stored.get()));
            records = r.records();
        } else {
            // newer than the store: read it, keep nothing
            Upstream up = ws.upstream();
            FetchedSnapshot fetched = up.endpoints(instance, latest, EndpointQuery.ALL);
            records = up.changes(instance, was, latest).orElse(List.of());
            // old lists under the new number would make check call the outputs current (exit 3, as fetch and sync)
            Fetch.checkNotLagging(ws.store(), newestStored, fetched, records, latest);
            next = fetched.snapshot();
        }
        Selection selOld = ConfigSelection.selection(c, old);
        Selection selNew = ConfigSelection.selection(c, next);
        List<String> unsafe = Guard.unsafe(Selector.select(next, selNew, false));
        if (!unsafe.isEmpty()) {
            f.files.add(new FileProblem(
                    c.file().getFileName().toString(),
                    "",
                    "sync would refuse " + instance + " " + latest + " whatever the flags: "
                            + String.join("; ", unsafe)));
        }
        Review review =
                Reviewer.review(Differ.diff(old, next), ChangeRecords.of(records), ws.today(), Thresholds.DEFAULT);
        TemplateEngine engine = f.engine(c);
        Map<String, Outputs.File> rendered;
        try {
            rendered = Outputs.render(
                    new Generate(ws), stored.orElse(null), next, selNew, ConfigSelection.jobs(c), engine, lock);
        } catch (LimitException e) {
            // sync would refuse these outputs: not current, and the entries each target would change are listed
            f.files.add(new FileProblem(
                    c.file().getFileName().toString(),
                    "",
                    "sync would refuse " + instance + " " + latest + ": " + e.getMessage()));
            rendered = null;
        }
        for (Generate.Job job : ConfigSelection.jobs(c)) {
            TargetSpec spec = TargetSpec.parse(job.target(), engine.properties(job.target()));
            String prefix = instance.dirName() + "/" + job.target() + "/";
            if (rendered != null) {
                Map<String, String> want = new TreeMap<>();
                rendered.forEach((path, file) -> {
                    if (path.startsWith(prefix)) {
                        want.put(path, file.sha256());
                    }
                });
                Map<String, String> have = new TreeMap<>();
                lock.outputs().stream()
                        .filter(o -> o.path().startsWith(prefix))
                        .forEach(o -> have.put(o.path(), o.sha256()));
                if (want.equals(have)) {
                    continue; // the newer version changes nothing this target writes
                }
            }
            List<Change> entries = delta(
                    spec,
                    Selector.select(old, Generate.forTarget(spec, selOld), false),
                    Selector.select(next, Generate.forTarget(spec, selNew), false),
                    review,
                    f.dueBy);
            if (rendered != null || !entries.isEmpty()) {
                f.outstanding.add(new Outstanding(
                        instance,
                        job.target(),
                        was,
                        latest,
                        stored.map(StoredVersion::revision).orElse(1),
                        entries));
            }
        }
    }

    /** An entry as a target writes it: the value, its category and, for a target that writes ports, its ports. */
    private record Key(String value, String where, Object raw) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = value.compareTo(o.value);
            return c != 0 ? c : where.compareTo(o.where);
        }
    }

    /**
     * Entries the target can express that the newer version adds or removes (an entry whose
     * category or ports change is removed and added), with Microsoft's effective dates.
     */
    private static List<Change> delta(
            TargetSpec spec, Selected before, Selected after, Review review, LocalDate dueBy) {
        TreeSet<Key> a = expressed(before, spec);
        TreeSet<Key> b = expressed(after, spec);
        List<Change> out = new ArrayList<>();
        for (Key k : b) {
            if (!a.contains(k)) {
                Optional<Notice> n = notice(
                        review,
                        e -> k.raw() instanceof IpPrefix p
                                ? e instanceof io.github.o365watch.diff.Element.Ip ip
                                        && ip.prefix().overlaps(p)
                                : e instanceof io.github.o365watch.diff.Element.Url u
                                        && u.host().equals(k.raw()));
                Optional<LocalDate> date = n.flatMap(Notice::effectiveDate);
                boolean due = date.map(d -> !d.isAfter(dueBy)).orElse(true);
                out.add(new Change(k.value(), k.where(), true, date, due, n.map(Notice::recordId)));
            }
        }
        for (Key k : a) {
            if (!b.contains(k)) {
                out.add(new Change(k.value(), k.where(), false, Optional.empty(), true, Optional.empty()));
            }
        }
        return out;
    }

    private static Optional<Notice> notice(
            Review review, java.util.function.Predicate<io.github.o365watch.diff.Element> match) {
        return review.notices().stream()
                .filter(n -> n.change().direction() == ElementChange.Direction.ADDED
                        && match.test(n.change().element()))
                .findFirst();
    }

    private static TreeSet<Key> expressed(Selected s, TargetSpec spec) {
        TreeSet<Key> out = new TreeSet<>();
        for (Item i : s.items()) {
            String where = i.category() + (spec.ports() ? ports(i) : "");
            if (i.entry() instanceof Entry.Ip ip
                    && (ip.prefix().family() == io.github.o365watch.domain.net.Family.IPV4
                            ? spec.ipv4()
                            : spec.ipv6())) {
                out.add(new Key(ip.prefix().toString(), where, ip.prefix()));
            } else if (i.entry() instanceof Entry.Host h && spec.hosts().refuse(h.host()) == null) {
                out.add(new Key(h.host().pattern(), where, h.host()));
            }
        }
        return out;
    }

    private static String ports(Item i) {
        return (i.tcp().ranges().isEmpty() ? "" : "; TCP " + i.tcp())
                + (i.udp().ranges().isEmpty() ? "" : "; UDP " + i.udp());
    }
}
