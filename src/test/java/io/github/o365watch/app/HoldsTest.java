package io.github.o365watch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.Item;
import io.github.o365watch.render.Selected;
import io.github.o365watch.render.Selection;
import io.github.o365watch.store.LockFile;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Held removals one rule at a time (HoldRemovalsTest runs them through two syncs and checks). */
class HoldsTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");
    private static final Version NEXT = Version.parse("2019112700");

    private static Item ip(String prefix, int set) {
        return new Item(
                new Entry.Ip(IpPrefix.parse(prefix)),
                Category.OPTIMIZE,
                PortSet.parse("443"),
                PortSet.parse("3478-3481"),
                set,
                ServiceArea.parse("Skype"),
                "");
    }

    private static Item host(String name) {
        return new Item(
                new Entry.Host(HostPattern.parse(name)),
                Category.ALLOW,
                PortSet.parse("443"),
                PortSet.parse(""),
                12,
                ServiceArea.parse("Skype"),
                "");
    }

    private static Selected selected(String version, List<Item> items) {
        return new Selected(Instance.WORLDWIDE, Version.parse(version), Selection.defaults(), items, List.of());
    }

    private static List<LockFile.Held> holds(int days, List<LockFile.Held> before, List<Item> was, List<Item> is) {
        return Holds.of(
                days,
                TODAY,
                Instance.WORLDWIDE,
                before,
                Optional.of(selected("2019102800", was)),
                selected(NEXT.value(), is),
                NEXT);
    }

    @Test
    void whatTheNewVersionNoLongerListsIsHeldForTheDaysFromToday() {
        List<LockFile.Held> held = holds(
                30,
                List.of(),
                List.of(ip("13.107.64.0/18", 11), host("teams.microsoft.com")),
                List.of(host("teams.microsoft.com")));
        assertThat(held)
                .containsExactly(new LockFile.Held(
                        "Worldwide",
                        "13.107.64.0/18",
                        "Optimize",
                        11,
                        "443",
                        "3478-3481",
                        "2019112700",
                        "2026-11-25",
                        "2026-12-25"));
        assertThat(Holds.comment(held.get(0)))
                .isEqualTo("held: set 11 no longer lists it since 2019112700 (applied 2026-11-25); until 2026-12-25"
                        + " (holdRemovalsDays)");
    }

    @Test
    void noDaysNoHolds() {
        assertThat(holds(0, List.of(), List.of(ip("13.107.64.0/18", 11)), List.of(host("teams.microsoft.com"))))
                .isEmpty();
    }

    @Test
    void aHoldEndsOnItsDayOrWhenTheEntryIsListedAgain() {
        LockFile.Held ending = new LockFile.Held(
                "Worldwide", "52.112.0.0/14", "Optimize", 11, "443", "", "2019102800", "2026-10-26", "2026-11-25");
        LockFile.Held running = new LockFile.Held(
                "Worldwide", "52.120.0.0/14", "Optimize", 11, "443", "", "2019102800", "2026-11-01", "2026-12-01");
        LockFile.Held listedAgain = new LockFile.Held(
                "Worldwide", "13.107.64.0/18", "Optimize", 11, "443", "", "2019102800", "2026-11-01", "2026-12-01");
        LockFile.Held otherInstance = new LockFile.Held(
                "USGovDoD", "52.127.0.0/16", "Optimize", 11, "443", "", "2019102800", "2026-11-01", "2026-12-01");
        assertThat(holds(
                        30,
                        List.of(ending, running, listedAgain, otherInstance),
                        List.of(),
                        List.of(ip("13.107.64.0/18", 11))))
                .containsExactly(running);
    }

    @Test
    void heldEntriesJoinTheSelectionAsLocalEntriesWithTheirReason() {
        LockFile.Held h = new LockFile.Held(
                "Worldwide", "teams.microsoft.com", "Allow", 12, "443", "", "2019102800", "2026-11-01", "2026-12-01");
        Selection with = Holds.with(Selection.defaults(), List.of(h));
        assertThat(with.overrides().add()).hasSize(1);
        assertThat(with.overrides().add().get(0).comment()).startsWith("held: set 12 no longer lists it");
        assertThat(Holds.with(Selection.defaults(), List.of())).isEqualTo(Selection.defaults());
        assertThat(Holds.lastUntil(List.of(h))).contains(LocalDate.parse("2026-12-01"));
    }
}
