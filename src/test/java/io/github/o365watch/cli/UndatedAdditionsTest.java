package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.Disposition;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An addition whose change record gives no effective date is listed in the report as "no date given: review". */
class UndatedAdditionsTest {
    @TempDir
    Path tmp;

    @Test
    void anAdditionWithoutAnEffectiveDateIsListedForReview() {
        SnapshotStore s = new SnapshotStore(tmp.resolve("store"));
        s.put(Fixtures.snapshot("Worldwide", "2019082800"), Optional.of(List.of()), "00".repeat(32));
        ChangeRecord undated = new ChangeRecord(
                4711,
                64,
                Disposition.CHANGE,
                Optional.empty(),
                Version.parse("2019093000"),
                Map.of(),
                Map.of(),
                Optional.of(new ChangeRecord.Addition(
                        Optional.empty(), List.of(IpPrefix.parse("2603:1006:1400::/40")), List.of())),
                Optional.empty());
        s.put(Fixtures.snapshot("Worldwide", "2019093000"), Optional.of(List.of(undated)), "00".repeat(32));

        Result r = new TestCli(tmp.resolve("machine"))
                .clock(Instant.parse("2019-10-15T09:00:00Z"))
                .run(
                        "report",
                        "--store",
                        tmp.resolve("store").toString(),
                        "--from",
                        "2019082800",
                        "--to",
                        "2019093000");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("## Pending")
                .contains("No date given: review.")
                .containsPattern(
                        "\\| no date given: review \\| 64 \\| Common \\| Allow \\| [^|]*2603:1006:1400::/40[^|]* \\| 4711 \\|");
    }
}
