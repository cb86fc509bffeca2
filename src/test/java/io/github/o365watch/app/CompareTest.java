package io.github.o365watch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.diff.Review;
import io.github.o365watch.diff.Thresholds;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.report.HistoryPoint;
import io.github.o365watch.source.SourceOptions;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.store.StoredVersion;
import io.github.o365watch.testing.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A review from the newer version already loaded (sync's) says what the review that reads both says, and the history after it too. */
class CompareTest {
    @TempDir
    Path dir;

    @Test
    void aReviewFromTheLoadedNewerVersionAndTheHistoryAfterItAreThoseReadFromTheStore() {
        SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
        for (String v : List.of("2019082800", "2019093000", "2019102800", "2019112700")) {
            store.put(Fixtures.snapshot("Worldwide", v), Optional.empty(), "0".repeat(64));
        }
        Workspace ws = new Workspace(
                store,
                SourceOptions.defaults(dir.toString(), dir.resolve(".config"), Map.of()),
                Workspace.Network.OFFLINE,
                Clock.fixed(Instant.parse("2019-12-01T00:00:00Z"), ZoneOffset.UTC),
                Duration.ZERO,
                "test");
        List<StoredVersion> stored = store.versions(Instance.WORLDWIDE);
        Compare.Range range = new Compare.Range(stored.get(1), stored.get(3));
        Snapshot to = store.load(stored.get(3));

        Review read = new Compare(ws).review(range, Thresholds.DEFAULT);
        List<HistoryPoint> history = new Compare(ws).history(Instance.WORLDWIDE);
        Compare compare = new Compare(ws);
        Review loaded = compare.review(range, Thresholds.DEFAULT, to);

        assertThat(loaded).isEqualTo(read);
        assertThat(loaded.changes().elements()).isNotEmpty();
        assertThat(compare.history(Instance.WORLDWIDE)).isEqualTo(history).hasSize(4);
        assertThat(history.get(3).prefixes()).isNotEqualTo(history.get(0).prefixes());

        // the diff made while both were loaded (sync's guard), reviewed later: the same review and history
        Compare later = new Compare(ws);
        Compare.Diffed diffed = Compare.diff(range, store.load(stored.get(1)), to);
        assertThat(later.review(diffed, Thresholds.DEFAULT, to)).isEqualTo(read);
        assertThat(later.history(Instance.WORLDWIDE)).isEqualTo(history);
    }
}
