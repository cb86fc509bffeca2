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
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSet;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.Generated;
import io.github.o365watch.render.GeneratedFile;
import io.github.o365watch.render.Item;
import io.github.o365watch.render.Selected;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.Selector;
import io.github.o365watch.render.TargetSpec;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.source.EndpointQuery;
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
    public record Change(String entry, boolean added, Optional<LocalDate> effectiveDate, boolean due, Optional<Integer> recordId) {
    }

    /** What one output (an instance's target) needs. */
    public record Outstanding(Instance instance, String target, Version applied, Version latest, List<Change> entries) {
        public boolean due() {
            return entries.stream().anyMatch(Change::due);
        }
    }

    /** A file that does not match the lock: edited by hand, stale, missing, or unknown to the lock. */
    public record FileProblem(String path, String target, String problem) {
    }

    /** The verdict and everything behind it. */
    public record Result(boolean current, List<FileProblem> files, List<Outstanding> outstanding, Map<String, String> versions,
            int graceDays, List<String> outputs) {
    }

    public Result run(Config c, int graceDays) {
        LocalDate dueBy = ws.today().plusDays(graceDays);
        Optional<LockFile> maybeLock = LockFile.read(c.lockFile());
        if (maybeLock.isEmpty()) {
            return new Result(false, List.of(new FileProblem(c.lockFile().getFileName().toString(), "",
                    "no lock file: the outputs were never written by sync")), List.of(), Map.of(), graceDays, List.of());
        }
        LockFile lock = maybeLock.get();
        List<FileProblem> files = new ArrayList<>();
        Map<String, byte[]> current = new OutputTree(c.output()).current();
        for (LockFile.Output o : lock.outputs()) {
            byte[] b = current.get(o.path());
            if (b == null) {
                files.add(new FileProblem(o.path(), o.target(), "missing"));
            } else if (!Checksums.sha256(b).equals(o.sha256())) {
                files.add(new FileProblem(o.path(), o.target(), "differs from what the lock file records (edited by hand, or stale)"));
            }
        }
        current.keySet().stream().filter(p -> lock.output(p).isEmpty())
                .forEach(p -> files.add(new FileProblem(p, "", "not in the lock file")));

        TemplateEngine engine = Generate.engine(Optional.empty());
        List<Outstanding> outstanding = new ArrayList<>();
        Map<String, String> versions = new TreeMap<>();
        Map<Instance, Version> upstream = new TreeMap<>();
        if (!ws.offline()) {
            for (PublishedVersion p : ws.upstream().latestVersions()) {
                upstream.put(p.instance(), p.latest());
            }
        }
        String hash = ConfigSelection.hash(c);
        for (String name : c.instances()) {
            Instance instance = Instance.parse(name).spelledAsIn(ws.store().instances());
            LockFile.Applied applied = lock.instances().get(instance.name());
            if (applied == null) {
                files.add(new FileProblem(instance.dirName(), "", "no outputs were written for " + instance + ": run sync"));
                continue;
            }
            Version was = Version.parse(applied.version());
            StoredVersion oldStored = ws.store().find(instance, was).orElseThrow(() -> new io.github.o365watch.store.StoreException(
                    "the lock file says " + instance + " " + was + " was applied, but the store " + ws.store().root() + " lacks it"));
            Snapshot old = ws.store().load(oldStored);
            Optional<StoredVersion> newestStored = ws.store().newest(instance);
            Version latest = ws.offline() ? newestStored.map(StoredVersion::version).orElse(was)
                    : Optional.ofNullable(upstream.get(instance)).orElse(was);
            versions.put(instance.name(), latest.value());
            if (!latest.isNewerThan(was) && applied.selectionHash().equals(hash)) {
                continue;
            }
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
                next = up.endpoints(instance, latest, EndpointQuery.ALL).snapshot();
                records = up.changes(instance, was, latest).orElse(List.of());
            }
            Selection selOld = ConfigSelection.selection(c, old);
            Selection selNew = ConfigSelection.selection(c, next);
            Review review = Reviewer.review(Differ.diff(old, next), ChangeRecords.of(records), ws.today(), Thresholds.DEFAULT);
            for (Generate.Job job : ConfigSelection.jobs(c)) {
                TargetSpec spec = TargetSpec.parse(job.target(), engine.properties(job.target()));
                List<Generated> rendered = new Generate(ws).render(stored.orElse(null), next, selNew, List.of(job), engine, false);
                boolean same = true;
                for (GeneratedFile f : rendered.get(0).files()) {
                    String path = instance.dirName() + "/" + job.target() + "/" + f.name();
                    same &= lock.output(path).map(o -> o.sha256().equals(Checksums.sha256(f.content()))).orElse(false);
                }
                if (same) {
                    continue; // the newer version changes nothing this target writes
                }
                List<Change> entries = new ArrayList<>(delta(spec, Selector.select(old, selOld, false),
                        Selector.select(next, selNew, false), review, dueBy));
                if (!applied.selectionHash().equals(hash)) {
                    entries.add(0, new Change("the configuration changed since the last sync", true, Optional.empty(), true,
                            Optional.empty()));
                }
                outstanding.add(new Outstanding(instance, job.target(), was, latest, entries));
            }
        }
        boolean currentNow = files.isEmpty() && outstanding.stream().noneMatch(Outstanding::due);
        return new Result(currentNow, files, outstanding, versions, graceDays,
                lock.outputs().stream().map(LockFile.Output::path).toList());
    }

    /** Entries the target can express that the newer version adds or removes, with their dates. */
    private static List<Change> delta(TargetSpec spec, Selected before, Selected after, Review review, LocalDate dueBy) {
        PrefixSet a = ips(before, spec);
        PrefixSet b = ips(after, spec);
        TreeSet<HostPattern> ha = hosts(before, spec);
        TreeSet<HostPattern> hb = hosts(after, spec);
        List<Change> out = new ArrayList<>();
        for (IpPrefix p : b.subtract(a).prefixes()) {
            out.add(added(p.toString(), notice(review, e -> e instanceof io.github.o365watch.diff.Element.Ip ip && ip.prefix().overlaps(p)), dueBy));
        }
        for (HostPattern h : hb) {
            if (!ha.contains(h)) {
                out.add(added(h.pattern(), notice(review, e -> e instanceof io.github.o365watch.diff.Element.Url u && u.host().equals(h)), dueBy));
            }
        }
        for (IpPrefix p : a.subtract(b).prefixes()) {
            out.add(new Change(p.toString(), false, Optional.empty(), true, Optional.empty()));
        }
        for (HostPattern h : ha) {
            if (!hb.contains(h)) {
                out.add(new Change(h.pattern(), false, Optional.empty(), true, Optional.empty()));
            }
        }
        return out;
    }

    private static Change added(String entry, Optional<Notice> n, LocalDate dueBy) {
        Optional<LocalDate> date = n.flatMap(Notice::effectiveDate);
        boolean due = date.map(d -> !d.isAfter(dueBy)).orElse(true);
        return new Change(entry, true, date, due, n.map(Notice::recordId));
    }

    private static Optional<Notice> notice(Review review, java.util.function.Predicate<io.github.o365watch.diff.Element> match) {
        return review.notices().stream().filter(n -> n.change().direction() == ElementChange.Direction.ADDED
                && match.test(n.change().element())).findFirst();
    }

    private static PrefixSet ips(Selected s, TargetSpec spec) {
        List<IpPrefix> out = new ArrayList<>();
        for (Item i : s.items()) {
            if (i.entry() instanceof Entry.Ip ip && (ip.prefix().family() == io.github.o365watch.domain.net.Family.IPV4 ? spec.ipv4() : spec.ipv6())) {
                out.add(ip.prefix());
            }
        }
        return PrefixSet.of(out);
    }

    private static TreeSet<HostPattern> hosts(Selected s, TargetSpec spec) {
        TreeSet<HostPattern> out = new TreeSet<>();
        for (Item i : s.items()) {
            if (i.entry() instanceof Entry.Host h && spec.hosts().refuse(h.host()) == null) {
                out.add(h.host());
            }
        }
        return out;
    }
}
