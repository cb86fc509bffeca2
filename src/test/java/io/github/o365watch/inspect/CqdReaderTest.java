package io.github.o365watch.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CQD exports with the dimension and measure names Microsoft documents for the Call Quality Dashboard. */
class CqdReaderTest {

    static List<CqdRow> rows(CqdReader r) {
        List<CqdRow> out = new ArrayList<>();
        for (Optional<List<CqdRow>> x = r.next(); x.isPresent(); x = r.next()) {
            out.addAll(x.get());
        }
        assertThat(r.lines()).isEqualTo(r.rows() + r.skipped() + r.malformed());
        return out;
    }

    @Test
    void readsBothRelaysOfARowWithTheirEndpointsBuildingSubnetAndTheMeasures() {
        CqdReader r = new CqdReader(new StringReader("""
                \uFEFFFirst Building Name,First Subnet,First Relay IP,First Relay Port,Second Building Name,Second Subnet,Second Relay IP,Second Relay Port,Transport,Call Setup Failure Reason,Total Stream Count,Total Call Setup Failed Stream Count
                Main,10.1.1.0,52.112.1.1,3478,Annex,10.2.0.0,2603:1063:0:0::1,3479,UDP,Missing FW IP Block Exemption Rule,"1,204",12
                Main,10.1.1.0,52.112.1.2,3478,,,,,TCP,Not Media Failure,30,0
                First Building Name,First Subnet,First Relay IP,First Relay Port,Second Building Name,Second Subnet,Second Relay IP,Second Relay Port,Transport,Call Setup Failure Reason,Total Stream Count,Total Call Setup Failed Stream Count
                Main,10.1.1.0,,,,,,,Unrecognized,Other,1,1
                Main,10.1.1.0,52.112.1,3478,,,,,UDP,Other,1,1
                Main,10.1.1.0,52.112.1.3,3478,,,,,UDP,Other,many,1
                """));
        assertThat(rows(r))
                .containsExactly(
                        new CqdRow(
                                "52.112.1.1",
                                Flow.Protocol.UDP,
                                Optional.of(3478),
                                "Missing FW IP Block Exemption Rule",
                                "Main",
                                "10.1.1.0",
                                12,
                                1204,
                                2),
                        new CqdRow(
                                "2603:1063::1",
                                Flow.Protocol.UDP,
                                Optional.of(3479),
                                "Missing FW IP Block Exemption Rule",
                                "Annex",
                                "10.2.0.0",
                                12,
                                1204,
                                2),
                        new CqdRow(
                                "52.112.1.2", Flow.Protocol.TCP, Optional.of(3478), "", "Main", "10.1.1.0", 0, 30, 3));
        assertThat(r.skipped()).isEqualTo(3);
        assertThat(r.problems())
                .extracting(Listed.Problem::line, Listed.Problem::reason)
                .containsExactly(
                        tuple(6, "relay is not an IP address: '52.112.1'"),
                        tuple(7, "Total Stream Count is not a whole number: 'many'"));
    }

    @Test
    void withoutMeasuresEachRowIsOneStreamFailedWhenItHasAFailureReason() {
        CqdReader r = new CqdReader(new StringReader("""
                Second Relay IP;Transport;Call Setup Failure Reason
                52.112.1.1;UDP;Missing FW Deep Packet Inspection Exemption Rule
                52.112.1.2;UDP;Not Media Failure
                52.112.1.3;UDP;
                """));
        assertThat(rows(r))
                .extracting(CqdRow::relay, CqdRow::reason, CqdRow::failed, CqdRow::streams)
                .containsExactly(
                        tuple("52.112.1.1", "Missing FW Deep Packet Inspection Exemption Rule", 1L, 1L),
                        tuple("52.112.1.2", "", 0L, 1L),
                        tuple("52.112.1.3", "", 0L, 1L));
    }

    @Test
    void anExportWithoutARelayColumnIsAFormatErrorAndTheHeaderIsDetected() {
        assertThatThrownBy(() -> rows(new CqdReader(new StringReader("First Subnet,Transport\n10.1.1.0,UDP\n"))))
                .isInstanceOf(LogFormatException.class)
                .hasMessageContaining("no 'First Relay IP' or 'Second Relay IP' column");
        assertThat(LogFormat.detect(
                        List.of("\"First Relay IP\",\"Transport\",\"Total Stream Count\"", "52.112.1.1,UDP,4")))
                .isEqualTo(LogFormat.CQD);
        // an ordinary export with a destination column stays CSV
        assertThat(LogFormat.detect(List.of("Receive Time,Destination address,Action")))
                .isEqualTo(LogFormat.CSV);
    }
}
