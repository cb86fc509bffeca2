package io.github.o365watch.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.Disposition;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.source.WireFormat;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pending additions in /metrics and the textfile: entries announced with an effective date after today. */
class FiguresTest {
    static final String V = "2019082800";

    @TempDir
    Path dir;

    private String metrics(LocalDate today) {
        SiteFacts site = new SiteFacts(
                dir.resolve("o365watch.lock"), dir.resolve("snapshots"), List.of(Instance.WORLDWIDE), Optional.empty());
        return new String(
                Figures.text(Figures.collect(site, today, Optional.empty(), Optional.empty(), Optional.empty())
                        .scrape()),
                StandardCharsets.UTF_8);
    }

    private static ChangeRecord addition(int id, LocalDate effective, List<String> ips, List<String> urls) {
        return new ChangeRecord(
                id,
                11,
                Disposition.ADD,
                Optional.empty(),
                Version.parse(V),
                Map.of(),
                Map.of(),
                Optional.of(new ChangeRecord.Addition(
                        Optional.of(effective),
                        ips.stream().map(IpPrefix::parse).toList(),
                        urls.stream().map(HostPattern::parse).toList())),
                Optional.empty());
    }

    @Test
    void pendingAdditionsAreCountedUntilTheyTakeEffect() {
        new SnapshotStore(dir.resolve("snapshots"))
                .put(
                        WireFormat.endpoints(
                                Fixtures.endpoints("Worldwide", V), Instance.WORLDWIDE, Version.parse(V), "test"),
                        Optional.of(List.of(
                                addition(
                                        1,
                                        LocalDate.of(2019, 9, 27),
                                        List.of("52.112.0.0/14", "13.107.64.0/18"),
                                        List.of("new.teams.microsoft.com")),
                                addition(2, LocalDate.of(2019, 10, 15), List.of("52.120.0.0/14"), List.of()),
                                addition(3, LocalDate.of(2019, 8, 20), List.of("52.122.0.0/15"), List.of()))),
                        "0".repeat(64));

        String before = metrics(LocalDate.of(2019, 9, 1));
        String between = metrics(LocalDate.of(2019, 10, 1));
        String after = metrics(LocalDate.of(2019, 10, 15));

        assertThat(before)
                .contains("o365watch_pending_additions{instance=\"Worldwide\"} 4.0")
                .contains("o365watch_pending_next_effective_seconds{instance=\"Worldwide\"} " + 26 * 86400.0);
        assertThat(between)
                .contains("o365watch_pending_additions{instance=\"Worldwide\"} 1.0")
                .contains("o365watch_pending_next_effective_seconds{instance=\"Worldwide\"} " + 14 * 86400.0);
        assertThat(after)
                .contains("o365watch_pending_additions{instance=\"Worldwide\"} 0.0")
                .doesNotContain("o365watch_pending_next_effective_seconds{");
    }
}
