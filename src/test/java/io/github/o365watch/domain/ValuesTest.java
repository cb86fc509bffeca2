package io.github.o365watch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Ports, versions, instances and Microsoft's enum-like values. */
class ValuesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "80,443            | 80,443",
                "443,80            | 80,443",
                "143, 587          | 143,587",
                "3478,3479,3480,3481 | 3478-3481",
                "5061,50000-59999  | 5061,50000-59999",
                "443,443           | 443",
                "1-10,5-20         | 1-20",
                "65535             | 65535",
            })
    void portsParseIntoSortedMergedRanges(String text, String canonical) {
        PortSet p = PortSet.parse(text);
        assertThat(p).hasToString(canonical);
        assertThat(PortSet.parse(canonical)).isEqualTo(p);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "65536",
                "80,",
                ",80",
                "80;443",
                "a",
                "10-5",
                "1-2-3",
                "80 443",
                "-80",
                "+80",
                "0x50",
                "99999999999"
            })
    void badPortsAreDataErrors(String text) {
        assertThatThrownBy(() -> PortSet.parse(text))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("not a port list: '");
    }

    @Test
    void portSetArithmetic() {
        PortSet a = PortSet.parse("80,443,3478-3481");
        assertThat(a.contains(3479)).isTrue();
        assertThat(a.contains(3482)).isFalse();
        assertThat(a.minus(PortSet.parse("3479,443"))).hasToString("80,3478,3480-3481");
        assertThat(a.union(PortSet.parse("81"))).hasToString("80-81,443,3478-3481");
        assertThat(PortSet.parse(null)).isEqualTo(PortSet.EMPTY);
        assertThat(PortSet.parse(" ")).isEqualTo(PortSet.EMPTY);
    }

    @Test
    void versionsAreTenDigitsOrderedWithADate() {
        assertThat(Version.parse("2019093000").date()).contains(LocalDate.of(2019, 9, 30));
        assertThat(Version.NONE.date()).isEmpty();
        assertThat(Version.parse("2019093001").isNewerThan(Version.parse("2019093000")))
                .isTrue();
        for (String bad : new String[] {"201909300", "20190930000", "2019-09-30", "abcdefghij", " "}) {
            assertThatThrownBy(() -> Version.parse(bad)).isInstanceOf(InvalidDataException.class);
        }
    }

    @Test
    void instancesMatchCaseInsensitivelyAndNewOnesAreKept() {
        assertThat(Instance.parse("worldwide")).isEqualTo(Instance.WORLDWIDE);
        assertThat(Instance.parse("USGOVDoD").name()).isEqualTo("USGovDoD");
        assertThat(Instance.parse("usgovgcchigh").name()).isEqualTo("USGovGCCHigh");
        assertThat(Instance.parse("Bleu").known()).isFalse();
        assertThat(Instance.parse("Bleu").dirName()).isEqualTo("bleu");
        assertThatThrownBy(() -> Instance.parse("../etc")).isInstanceOf(InvalidDataException.class);
        assertThatThrownBy(() -> Instance.parse("")).isInstanceOf(InvalidDataException.class);
    }

    @Test
    void enumValuesParseCaseInsensitivelyAndUnknownOnesAreKept() {
        assertThat(Category.parse("optimize")).isEqualTo(Category.OPTIMIZE);
        assertThat(Category.parse("DEFAULT")).isEqualTo(Category.DEFAULT);
        Category quarantine = Category.parse("Quarantine");
        assertThat(quarantine.known()).isFalse();
        assertThat(quarantine.name()).isEqualTo("Quarantine");
        assertThat(List.of(Category.DEFAULT, quarantine, Category.OPTIMIZE, Category.ALLOW).stream()
                        .sorted()
                        .toList())
                .containsExactly(Category.OPTIMIZE, Category.ALLOW, Category.DEFAULT, quarantine);
        assertThat(ServiceArea.parse("sharepoint").name()).isEqualTo("SharePoint");
        assertThat(ServiceArea.parse("MEM").known()).isTrue();
        assertThat(Disposition.parse("change")).isEqualTo(Disposition.CHANGE);
        assertThat(Impact.parse("addedip").name()).isEqualTo("AddedIp");
        assertThat(Impact.parse("AddedUrLs").known()).isFalse();
        assertThatThrownBy(() -> Category.parse("Opt<imize>"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("not a valid category: 'Opt<imize>'");
    }

    @Test
    void unknownValuesAreReportedNotDropped() {
        EndpointSet s = EndpointSet.parse(new RawEndpointSet(
                7, "Teams", null, List.of("a.example.com"), null, "443", null, false, "Quarantine", true, null));
        assertThat(s.category().name()).isEqualTo("Quarantine");
        assertThat(s.unknownValues())
                .containsExactly(
                        "endpoint set 7: unknown category 'Quarantine'",
                        "endpoint set 7: unknown service area 'Teams'");
        ChangeRecord c = ChangeRecord.parse(
                new RawChangeRecord(3, 7, "Shuffle", "AddedUrLs", "2019093000", null, null, null, null));
        assertThat(c.unknownValues())
                .containsExactly(
                        "change record 3: unknown disposition 'Shuffle'",
                        "change record 3: unknown impact 'AddedUrLs'");
    }

    @Test
    void endpointSetProblemsNameTheSetTheFieldAndTheValue() {
        assertThatThrownBy(() -> EndpointSet.parse(new RawEndpointSet(
                        12, "Exchange", null, null, List.of("10.0.0.1/8"), null, null, true, "Allow", true, null)))
                .hasMessage("endpoint set 12: ips: prefix has host bits set: '10.0.0.1/8' (the network is 10.0.0.0/8)");
        assertThatThrownBy(() -> EndpointSet.parse(new RawEndpointSet(
                        12, "Exchange", null, List.of("a b.com"), null, null, null, true, "Allow", true, null)))
                .hasMessage("endpoint set 12: urls: not a hostname pattern: 'a b.com' (character ' ' is not allowed)");
        assertThatThrownBy(() -> EndpointSet.parse(
                        new RawEndpointSet(12, "Exchange", null, null, null, "80,x", null, true, "Allow", true, null)))
                .hasMessage("endpoint set 12: tcpPorts: not a port list: '80,x' ('x' is not a port number)");
        assertThatThrownBy(() -> EndpointSet.parse(
                        new RawEndpointSet(12, "Exchange", null, null, null, null, null, null, "Allow", true, null)))
                .hasMessage("endpoint set 12: expressRoute is missing");
        assertThatThrownBy(() -> EndpointSet.parse(
                        new RawEndpointSet(null, "Exchange", null, null, null, null, null, true, "Allow", true, null)))
                .hasMessage("endpoint set without an id");
    }

    @Test
    void changeRecordsParseTheDocumentedShape() {
        ChangeRecord c = ChangeRecord.parse(new RawChangeRecord(
                424,
                32,
                "Change",
                "AddedIp",
                "2018062700",
                Map.of("expressRoute", false),
                Map.of("expressRoute", true),
                new RawChangeRecord.Add("20180609", List.of("13.107.6.0/24"), List.of("new.office.com")),
                null));
        assertThat(c.add().orElseThrow().effectiveDate()).contains(LocalDate.of(2018, 6, 9));
        assertThat(c.previous()).containsEntry("expressRoute", "false");
        assertThat(c.impact()).contains(Impact.parse("AddedIp"));
        assertThat(ChangeRecord.parse(c.toRaw())).isEqualTo(c);
        ChangeRecord old =
                ChangeRecord.parse(new RawChangeRecord(1, 2, "Remove", null, "2018063000", null, null, null, null));
        assertThat(old.impact()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> ChangeRecord.parse(new RawChangeRecord(
                        5,
                        2,
                        "Change",
                        null,
                        "2018063000",
                        null,
                        null,
                        new RawChangeRecord.Add("2018-06-09", null, null),
                        null)))
                .hasMessage("change record 5: effectiveDate is not a date (YYYYMMDD): '2018-06-09'");
    }
}
