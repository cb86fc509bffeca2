package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * selection.holdRemovalsDays: what a new version no longer lists stays in the outputs for N days
 * from the sync that applied it, marked in the files and the report; check says when the last hold
 * ends and calls the outputs not current once one has; the next sync takes them out. Worldwide
 * 2019093000 no longer lists four IPv6 prefixes SharePoint's Optimize set 31 listed in 2019082800.
 */
class HoldRemovalsTest {
    static final String A = "2019082800";
    static final String B = "2019093000";
    static final String REMOVED = "2603:1039:e01::/48"; // one of the four; 2603:1026:630::/44 merges with a neighbour

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path dir;

    Nightly n;

    @BeforeEach
    void firstSync() throws IOException {
        n = new Nightly(wm, dir);
        n.writeConfig("selection:\n  holdRemovalsDays: 30\n");
        n.service.publish("Worldwide", A);
        Result first = n.sync();
        assertThat(first.code()).as(first.toString()).isZero();
    }

    private String all() throws IOException {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : n.outputs().entrySet()) {
            s.append(e.getValue());
        }
        return s.toString();
    }

    @Test
    void aRemovedEntryIsHeldThenLeftOutWhenItsHoldEnds() throws IOException {
        n.service.publish("Worldwide", B);
        Result applied = n.sync();
        Result current = n.check("--offline");
        Result again = n.sync();

        assertThat(applied.code()).as(applied.toString()).isZero();
        assertThat(applied.out())
                .contains(
                        "holding 4 entries Microsoft no longer lists (selection.holdRemovalsDays), marked in the files'"
                                + " comments; the last hold ends on 2026-12-25");
        assertThat(all())
                .contains(REMOVED)
                .contains("held: set 31 no longer lists it since " + B + " (applied 2026-11-25); until 2026-12-25");
        assertThat(Files.readString(dir.resolve("o365watch.lock")))
                .contains("\"held\"")
                .contains("\"until\": \"2026-12-25\"");
        try (Stream<Path> reports = Files.list(dir.resolve("reports"))) {
            Path md = reports.filter(p -> p.toString().endsWith(A + "-" + B + ".md"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(md))
                    .contains("## Held removals")
                    .contains(REMOVED)
                    .contains("2026-12-25");
        }
        assertThat(current.code()).as(current.toString()).isZero();
        assertThat(current.out())
                .contains(
                        "held: 4 removed entries kept in the outputs (selection.holdRemovalsDays); the last hold ends on"
                                + " 2026-12-25");
        assertThat(again.out()).startsWith("up to date");

        n.cli.clock(Instant.parse("2026-12-25T12:00:00Z"));
        Result ended = n.check("--offline");
        Result dropped = n.sync();

        assertThat(ended.code()).as(ended.toString()).isEqualTo(1);
        assertThat(ended.out())
                .contains("4 held removals of Worldwide ended (")
                .contains("run sync, which takes them out of the outputs");
        assertThat(dropped.code()).as(dropped.toString()).isZero();
        assertThat(all()).doesNotContain(REMOVED).doesNotContain("held: ");
        assertThat(Files.readString(dir.resolve("o365watch.lock"))).doesNotContain("\"held\"");
        assertThat(n.check("--offline").code()).isZero();
    }

    @Test
    void withoutAHoldARemovedEntryGoesAtOnce() throws IOException {
        n.writeConfig("");
        Result rebuilt = n.sync(); // the configuration changed: outputs rebuilt, nothing held
        n.service.publish("Worldwide", B);
        Result applied = n.sync();

        assertThat(rebuilt.code()).as(rebuilt.toString()).isZero();
        assertThat(applied.code()).as(applied.toString()).isZero();
        assertThat(applied.out()).doesNotContain("holding");
        assertThat(all()).doesNotContain(REMOVED);
    }

    @Test
    void aHoldOutOfRangeIsAConfigMistake() throws IOException {
        n.writeConfig("selection:\n  holdRemovalsDays: 400\n");
        Result r = n.sync();
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("selection.holdRemovalsDays: between 0 and 365");
    }
}
