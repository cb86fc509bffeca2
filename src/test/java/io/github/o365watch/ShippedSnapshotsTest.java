package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.store.StoredVersion;
import io.github.o365watch.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snapshots/ a fresh clone works from: real published versions, intact, consecutive. */
class ShippedSnapshotsTest {
    @Test
    void theShippedStoreVerifiesAndHoldsWhatMicrosoftPublished() {
        SnapshotStore store = new SnapshotStore(Path.of("snapshots"));
        assertThat(store.instances()).contains(Instance.WORLDWIDE, Instance.parse("USGovDoD"));
        for (Instance i : store.instances()) {
            List<StoredVersion> versions = store.versions(i);
            for (StoredVersion v : versions) {
                assertThat(store.load(v))
                        .as(v.toString())
                        .isEqualTo(Fixtures.snapshot(i.name(), v.version().value()));
            }
        }
        List<String> ww = store.versions(Instance.WORLDWIDE).stream()
                .map(v -> v.version().value())
                .toList();
        assertThat(ww).hasSizeGreaterThanOrEqualTo(3);
        int first = Fixtures.WORLDWIDE.indexOf(ww.get(0));
        assertThat(ww)
                .as("consecutive published versions")
                .isEqualTo(Fixtures.WORLDWIDE.subList(first, first + ww.size()));
    }
}
