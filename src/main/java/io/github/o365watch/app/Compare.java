package io.github.o365watch.app;

import io.github.o365watch.diff.ChangeRecords;
import io.github.o365watch.diff.ChangeSet;
import io.github.o365watch.diff.Differ;
import io.github.o365watch.diff.Review;
import io.github.o365watch.diff.Reviewer;
import io.github.o365watch.diff.Thresholds;
import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.report.HistoryPoint;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.store.StoredVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares two stored versions (default: the two newest) and reviews the change with the change
 * records stored for the versions in between. Used by {@code diff} and {@code report}.
 */
public final class Compare {
    private final Workspace ws;
    // the counts of the versions a review read, so the history does not read and parse them again
    private final Map<Copy, HistoryPoint> counted = new HashMap<>();

    /** One stored copy of a version. */
    private record Copy(Instance instance, Version version, int revision) {
        static Copy of(StoredVersion v) {
            return new Copy(v.instance(), v.version(), v.revision());
        }
    }

    public Compare(Workspace ws) {
        this.ws = ws;
    }

    /** The two versions compared. */
    public record Range(StoredVersion from, StoredVersion to) {}

    public Range range(Instance instance, String from, String to) {
        SnapshotStore store = ws.store();
        List<StoredVersion> all = store.versions(instance);
        if (all.size() < 2 && (from == null || to == null)) {
            if (all.isEmpty()) {
                throw Selections.nothingStored(ws, instance);
            }
            throw new UsageException("only one version of " + instance + " is stored ("
                    + all.get(0).version() + "); nothing to compare yet");
        }
        StoredVersion t = to == null ? all.get(all.size() - 1) : Selections.version(ws, instance, to);
        StoredVersion f;
        if (from == null) {
            f = all.stream()
                    .filter(v -> v.version().compareTo(t.version()) < 0)
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> new UsageException(
                            t.version() + " is the oldest stored version of " + instance + "; give --from"));
        } else {
            f = Selections.version(ws, instance, from);
        }
        if (f.version().compareTo(t.version()) >= 0) {
            throw new UsageException("--from " + f.version() + " must be older than --to " + t.version());
        }
        return new Range(f, t);
    }

    public ChangeSet changes(Range range) {
        return Differ.diff(ws.store().load(range.from()), ws.store().load(range.to()));
    }

    public Review review(Range range, Thresholds thresholds) {
        return Reviewer.review(changes(range), records(range), ws.today(), thresholds);
    }

    /**
     * As above, the newer version already loaded ({@code to}, as the store reads {@code range.to()}:
     * sync holds it); the two versions' counts are kept for {@link #history}.
     */
    public Review review(Range range, Thresholds thresholds, Snapshot to) {
        Snapshot from = ws.store().load(range.from());
        ChangeSet changes = Differ.diff(from, to);
        counted.put(Copy.of(range.from()), HistoryPoint.of(from));
        counted.put(Copy.of(range.to()), HistoryPoint.of(to));
        return Reviewer.review(changes, records(range), ws.today(), thresholds);
    }

    /** Two versions' diff and the older one's counts: what a review needs of the older version, made while it is loaded. */
    public record Diffed(Range range, ChangeSet changes, HistoryPoint from) {}

    /** The diff of the versions of {@code range}, both loaded (sync reads the older one for its guard). */
    public static Diffed diff(Range range, Snapshot from, Snapshot to) {
        return new Diffed(range, Differ.diff(from, to), HistoryPoint.of(from));
    }

    /**
     * As {@link #review(Range, Thresholds, Snapshot)}, from a diff made earlier: the older version is neither held
     * nor read again.
     */
    public Review review(Diffed diffed, Thresholds thresholds, Snapshot to) {
        counted.put(Copy.of(diffed.range().from()), diffed.from());
        counted.put(Copy.of(diffed.range().to()), HistoryPoint.of(to));
        return Reviewer.review(diffed.changes(), records(diffed.range()), ws.today(), thresholds);
    }

    /**
     * The records of the versions after {@code from} up to {@code to}. Each stored version keeps
     * the records fetched with it (those after the version stored before it), so the range is
     * covered when every stored version in it has its records.
     */
    public ChangeRecords records(Range range) {
        SnapshotStore store = ws.store();
        List<String> missing = new ArrayList<>();
        Map<Integer, ChangeRecord> byId = new LinkedHashMap<>();
        for (StoredVersion v : store.versions(range.from().instance())) {
            if (v.version().compareTo(range.from().version()) <= 0
                    || v.version().compareTo(range.to().version()) > 0) {
                continue;
            }
            Optional<List<ChangeRecord>> records = store.changes(v);
            if (records.isEmpty()) {
                missing.add(v.version().value());
                continue;
            }
            for (ChangeRecord r : records.get()) {
                if (r.version().isNewerThan(range.from().version())
                        && !r.version().isNewerThan(range.to().version())) {
                    byId.put(r.id(), r);
                }
            }
        }
        if (!missing.isEmpty()) {
            return ChangeRecords.unavailable("no change records were fetched with " + String.join(", ", missing)
                    + "; the store was built from archived lists or from a mirror without them");
        }
        return ChangeRecords.of(new ArrayList<>(byId.values()));
    }

    /** Counts over every stored version, for the history chart. */
    public List<HistoryPoint> history(Instance instance) {
        List<HistoryPoint> out = new ArrayList<>();
        for (StoredVersion v : ws.store().versions(instance)) {
            HistoryPoint known = counted.get(Copy.of(v));
            out.add(known != null ? known : HistoryPoint.of(ws.store().load(v)));
        }
        return out;
    }
}
