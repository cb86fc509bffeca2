package io.github.o365watch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.source.WireFormat;
import io.github.o365watch.testing.Fixtures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewerTest {
    static final Snapshot AUG = Fixtures.snapshot("Worldwide", "2019082800");
    static final Snapshot SEP = Fixtures.snapshot("Worldwide", "2019093000");

    /** The hand-made records of 2019093000 (see upstream/README.md); they describe the real change exactly. */
    static List<ChangeRecord> septemberRecords() {
        return WireFormat.changes(Fixtures.resource("upstream/worldwide-changes.json"), "test").stream()
                .filter(r -> r.version().value().equals("2019093000"))
                .toList();
    }

    @Test
    void additionsArePendingBeforeTheirEffectiveDateAndActiveFromIt() {
        ChangeSet c = Differ.diff(AUG, SEP);

        Review before = Reviewer.review(
                c, ChangeRecords.of(septemberRecords()), LocalDate.of(2019, 10, 29), Thresholds.DEFAULT);
        Review on = Reviewer.review(
                c, ChangeRecords.of(septemberRecords()), LocalDate.of(2019, 10, 30), Thresholds.DEFAULT);

        assertThat(before.pending()).hasSize(13).allSatisfy(n -> {
            assertThat(n.effectiveDate()).contains(LocalDate.of(2019, 10, 30));
            assertThat(n.change().direction()).isEqualTo(ElementChange.Direction.ADDED);
        });
        assertThat(before.pending()).extracting(n -> n.recordId()).containsOnly(1942, 1943, 1944);
        assertThat(on.pending()).isEmpty();
        assertThat(on.notices()).hasSize(24); // 13 additions and 11 removals, each joined to its record
        assertThat(on.crossCheck().agrees()).isTrue();
        assertThat(on.flags()).extracting(Flag::kind).doesNotContain(Flag.Kind.UNANNOUNCED);
    }

    @Test
    void theCrossCheckFindsAnAnnouncedChangeTheSnapshotsLackAndOneNoRecordAnnounced() {
        List<ChangeRecord> records = new ArrayList<>(septemberRecords());
        records.removeIf(r -> r.id() == 1944); // the addition to set 71 goes unannounced
        records.addAll(WireFormat.changes(
                ("[{\"id\": 1950, \"endpointSetId\": 12, \"disposition\": \"Change\","
                                + " \"impact\": \"AddedIp\", \"version\": \"2019093000\","
                                + " \"add\": {\"effectiveDate\": \"20191030\", \"ips\": [\"52.120.0.0/14\"]}}]")
                        .getBytes(),
                "test"));

        Review r = Reviewer.review(
                Differ.diff(AUG, SEP), ChangeRecords.of(records), LocalDate.of(2019, 10, 1), Thresholds.DEFAULT);

        assertThat(r.crossCheck().disagreements())
                .containsExactly(
                        new Disagreement(
                                Disagreement.Kind.ANNOUNCED_NOT_SEEN,
                                12,
                                "IPv4 52.120.0.0/14 added",
                                java.util.Optional.of(1950)),
                        new Disagreement(
                                Disagreement.Kind.UNANNOUNCED,
                                71,
                                "IPv6 2603:1020:600::1f0/128 added",
                                java.util.Optional.empty()));
        assertThat(r.flags())
                .filteredOn(f -> f.kind() == Flag.Kind.UNANNOUNCED)
                .extracting(Flag::setId)
                .containsExactly(71);
    }

    @Test
    void anAdditionLaterWithdrawnInTheRangeIsNotAnnouncedAsPresent() {
        List<ChangeRecord> records = new ArrayList<>(septemberRecords());
        records.addAll(WireFormat.changes(
                ("[{\"id\": 1946, \"endpointSetId\": 12, \"disposition\": \"Change\", \"version\": \"2019093000\","
                                + " \"add\": {\"ips\": [\"52.120.0.0/14\"]}},"
                                + "{\"id\": 1947, \"endpointSetId\": 12, \"disposition\": \"Change\", \"version\": \"2019093000\","
                                + " \"remove\": {\"ips\": [\"52.120.0.0/14\"]}}]")
                        .getBytes(),
                "test"));

        Review r = Reviewer.review(
                Differ.diff(AUG, SEP), ChangeRecords.of(records), LocalDate.of(2019, 10, 1), Thresholds.DEFAULT);

        assertThat(r.crossCheck().agrees()).isTrue();
    }

    @Test
    void withoutRecordsThereIsNoCrossCheckAndNothingIsCalledUnannounced() {
        Review r = Reviewer.review(
                Differ.diff(AUG, SEP),
                ChangeRecords.unavailable("none fetched"),
                LocalDate.of(2019, 10, 1),
                Thresholds.DEFAULT);
        assertThat(r.crossCheck().unavailable()).contains("none fetched");
        assertThat(r.notices()).isEmpty();
        assertThat(r.flags()).extracting(Flag::kind).containsExactly(Flag.Kind.OPTIMIZE_REMOVAL);
    }

    /** 2019093000 with one edit per flag kind (the comments say which). */
    static Snapshot everyKindOfFlag() {
        EndpointSet s1 = SEP.set(1).orElseThrow(); // Exchange Optimize
        EndpointSet s9 = SEP.set(9).orElseThrow(); // Exchange Allow, TCP 443
        EndpointSet s11 = SEP.set(11).orElseThrow(); // Skype Optimize, UDP 3478-3481
        EndpointSet s46 = SEP.set(46).orElseThrow(); // Common Allow
        EndpointSet s50 = SEP.set(50).orElseThrow(); // Common Default, *.microsoft.com ...
        EndpointSet s64 = SEP.set(64).orElseThrow(); // Common Allow, required
        EndpointSet s119 =
                SEP.set(119).orElseThrow(); // Common Default, tasks.office.com (under *.office.com of set 78)
        EndpointSet s41 =
                SEP.set(41).orElseThrow(); // Default, api. and web.microsoftstream.com (no wildcard covers them)
        List<String> s9ips =
                new ArrayList<>(s9.ips().stream().map(Object::toString).toList());
        s9ips.add("40.0.0.0/10");
        s9ips.add("2603:1000::/24");
        List<String> s1urls =
                new ArrayList<>(s1.urls().stream().map(HostPattern::pattern).toList());
        s1urls.add("*.msecnd.net"); // moves here from Default set 50
        s1urls.add("*.blob.core.windows.net"); // every storage account's names, in an Optimize set
        List<String> s50urls =
                new ArrayList<>(s50.urls().stream().map(HostPattern::pattern).toList());
        s50urls.remove("*.msecnd.net");
        return Sets.replace(
                SEP,
                Sets.withUrls(s1, s1urls),
                Sets.attributes(
                        Sets.with(s9, s9ips, s9.urls()), s9.category(), true, true, "443,50000-59999", "3478", ""),
                Sets.with(s11, List.of("13.107.64.0/18"), s11.urls()),
                Sets.attributes(s46, Category.OPTIMIZE, true, true, "443", null, s46.notes()),
                Sets.withUrls(s50, s50urls),
                Sets.attributes(s64, s64.category(), false, false, "443", null, s64.notes()),
                Sets.withUrls(s119, List.of("*.office.com", "*.example-new.net")),
                Sets.withUrls(s41, List.of("*.microsoftstream.com")));
    }

    @Test
    void flagsWhatAReviewerShouldLookAt() {
        Snapshot after = everyKindOfFlag();
        Review r = Reviewer.review(
                Differ.diff(SEP, after), ChangeRecords.of(List.of()), LocalDate.of(2019, 10, 1), Thresholds.DEFAULT);

        assertThat(r.flags())
                .extracting(f -> f.kind() + " " + f.setId() + " " + f.subject())
                .contains(
                        "CATEGORY_PROMOTED 46 set 46 Allow -> Optimize",
                        "MOVED_TO_TRUSTED 1 URL *.blob.core.windows.net, *.msecnd.net",
                        "BROAD_PREFIX 9 IPv4 40.0.0.0/10",
                        "BROAD_PREFIX 9 IPv6 2603:1000::/24",
                        "NEW_WILDCARD 119 URL *.example-new.net",
                        "WILDCARD_REPLACES_NAMES 41 URL *.microsoftstream.com",
                        "TENANT_SHARED_WILDCARD 1 URL *.blob.core.windows.net",
                        "NEW_PORTS 9 UDP 3478",
                        "NEW_PORT_RANGE 9 TCP 50000-59999",
                        "REQUIRED_CHANGED 64 required true -> false",
                        "EXPRESSROUTE_CHANGED 64 expressRoute true -> false",
                        "OPTIMIZE_REMOVAL 11 IPv4 52.112.0.0/14",
                        "UNANNOUNCED 46 category Allow -> Optimize");
        assertThat(r.flags())
                .filteredOn(f -> f.kind() == Flag.Kind.WILDCARD_REPLACES_NAMES)
                .first()
                .extracting(Flag::reason)
                .asString()
                .contains("replaces *.api.microsoftstream.com, *.notification.api.microsoftstream.com,"
                        + " api.microsoftstream.com, web.microsoftstream.com in set 41");
        // *.office.com was already listed (set 78, Default): set 119 taking it widens nothing
        assertThat(r.flags())
                .filteredOn(f -> f.setId() == 119 && f.kind() != Flag.Kind.UNANNOUNCED)
                .extracting(Flag::subject)
                .containsExactly("URL *.example-new.net");
        assertThat(r.flags())
                .filteredOn(f -> f.kind() == Flag.Kind.BROAD_PREFIX)
                .first()
                .extracting(Flag::reason)
                .asString()
                .contains("4,194,304 addresses");
        // IPv6 in /64s, as every message writes it: 2603:1000::/24 less what set 9 listed before
        assertThat(r.flags())
                .filteredOn(
                        f -> f.kind() == Flag.Kind.BROAD_PREFIX && f.subject().startsWith("IPv6"))
                .first()
                .extracting(Flag::reason)
                .asString()
                .containsPattern("[0-9,]+ /64s no set listed before")
                .doesNotContain("2^");
        // wider thresholds flag less
        Review lax = Reviewer.review(
                Differ.diff(SEP, after), ChangeRecords.of(List.of()), LocalDate.of(2019, 10, 1), new Thresholds(8, 16));
        assertThat(lax.flags()).extracting(Flag::kind).doesNotContain(Flag.Kind.BROAD_PREFIX);
    }

    @Test
    void aNewOrRemovedSetIsOneUnannouncedLineNotOnePerEntry() {
        Snapshot after = Sets.without(SEP, 78);
        Review r = Reviewer.review(
                Differ.diff(SEP, after), ChangeRecords.of(List.of()), LocalDate.of(2019, 10, 1), Thresholds.DEFAULT);
        assertThat(r.crossCheck().disagreements())
                .containsExactly(new Disagreement(
                        Disagreement.Kind.UNANNOUNCED, 78, "endpoint set removed", java.util.Optional.empty()));
    }

    static final Snapshot OCT = Fixtures.snapshot("Worldwide", "2019102800");
    static final Snapshot NOV = Fixtures.snapshot("Worldwide", "2019112700");

    @Test
    void prefixesReSplitInsideTheirOwnSetAreNotRemovedFromOptimize() {
        // set 1 (Optimize) swapped 19 IPv6 prefixes for the five /36s that hold them
        Review r = Reviewer.review(
                Differ.diff(OCT, NOV),
                ChangeRecords.unavailable("none fetched"),
                LocalDate.of(2019, 12, 1),
                Thresholds.DEFAULT);

        assertThat(r.flags()).extracting(Flag::kind).doesNotContain(Flag.Kind.OPTIMIZE_REMOVAL);
        assertThat(r.changes().addresses().stillListed())
                .extracting(e -> e.setId())
                .contains(1);
    }

    /** 2019112700 with sets 11 (Optimize) and 12 (Allow) narrowed from 52.112.0.0/14 to its first /15; 13 and 22 (Allow) keep it. */
    static Snapshot narrowedSlash14() {
        EndpointSet s11 = NOV.set(11).orElseThrow();
        EndpointSet s12 = NOV.set(12).orElseThrow();
        return Sets.replace(NOV, Sets.with(s11, narrowed(s11), s11.urls()), Sets.with(s12, narrowed(s12), s12.urls()));
    }

    private static List<String> narrowed(EndpointSet s) {
        return s.ips().stream()
                .map(p -> p.toString().equals("52.112.0.0/14") ? "52.112.0.0/15" : p.toString())
                .toList();
    }

    /** 2019112700 with the 8 SharePoint sets under another display name, nothing else changed. */
    static Snapshot renamedSharePoint() {
        List<EndpointSet> renamed = new ArrayList<>();
        for (EndpointSet e : NOV.sets()) {
            renamed.add(
                    !e.serviceArea().name().equals("SharePoint")
                            ? e
                            : new EndpointSet(
                                    e.id(),
                                    e.serviceArea(),
                                    "SharePoint Online and OneDrive",
                                    e.urls(),
                                    e.ips(),
                                    e.tcpPorts(),
                                    e.udpPorts(),
                                    e.category(),
                                    e.required(),
                                    e.expressRoute(),
                                    e.notes()));
        }
        return Sets.replace(NOV, renamed.toArray(EndpointSet[]::new));
    }

    @Test
    void twoSetsNarrowedFromASlash14ToASlash15InsideItAreFlaggedOnlyForWhatLeftOptimize() {
        Review r = Reviewer.review(
                Differ.diff(NOV, narrowedSlash14()),
                ChangeRecords.unavailable("none fetched"),
                LocalDate.of(2019, 12, 1),
                Thresholds.DEFAULT);

        // the second half is still listed (sets 13, 22) but by no Optimize set: that is the one thing to act on
        assertThat(r.flags()).extracting(f -> f.kind() + " " + f.setId()).containsExactly("OPTIMIZE_REMOVAL 11");
        assertThat(r.flags().get(0).subject()).contains("52.114.0.0/15").doesNotContain("52.112.0.0/15");
    }

    @Test
    void aDisplayNameChangeIsCosmeticNeitherAFlagNorADisagreement() {
        Review r = Reviewer.review(
                Differ.diff(NOV, renamedSharePoint()),
                ChangeRecords.of(List.of()),
                LocalDate.of(2019, 12, 1),
                Thresholds.DEFAULT);

        assertThat(r.changes().sets()).hasSize(8).allMatch(SetChange::cosmeticOnly);
        assertThat(r.flags()).isEmpty();
        assertThat(r.crossCheck().disagreements()).isEmpty();
    }
}
