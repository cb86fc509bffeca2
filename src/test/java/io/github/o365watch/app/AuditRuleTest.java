package io.github.o365watch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.o365watch.inspect.Flow;
import io.github.o365watch.inspect.LogFormat;
import io.github.o365watch.inspect.LogReader;
import io.github.o365watch.testing.Fuzz;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * When audit counts a log as read, as a property: logs of flows, lines of another kind, malformed
 * lines, comments and blank lines in any number and order, read by the real {@link LogReader}. A
 * log counts as not read exactly when it yields no flow or more lines malformed or of another kind
 * than flows; comments and blank lines never count against it; the failure names the format and
 * the first line not read. (The report, stderr and exit code that follow are AuditTest's.)
 */
class AuditRuleTest {
    /** Lines of one format, by kind: what the model expects of each. */
    enum Kind {
        FLOW,
        OTHER,
        MALFORMED,
        FORMAT
    }

    record Line(String text, Kind kind) {}

    static final List<Line> SYSLOG = List.of(
            new Line(
                    "Nov 25 10:00:01 fw kernel: o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.1.1 LEN=60 PROTO=UDP SPT=5 DPT=3478",
                    Kind.FLOW),
            new Line(
                    "Nov 25 10:00:02 fw kernel: o365-accept: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=2603:1063::1 PROTO=TCP SPT=5 DPT=443",
                    Kind.FLOW),
            new Line(
                    "Nov 25 10:00:03 asa %ASA-4-106023: Deny udp src inside:10.0.0.5/50000 dst outside:52.112.1.1/3478",
                    Kind.OTHER),
            new Line(
                    "Nov 25 10:00:04 fw kernel: o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.1 LEN=60 PROTO=UDP DPT=3478",
                    Kind.MALFORMED),
            new Line("", Kind.FORMAT));

    static final List<Line> IPS = List.of(
            new Line("52.112.1.1", Kind.FLOW),
            new Line("[2603:1063::1]:443", Kind.FLOW),
            new Line(
                    "2026-11-25 10:00:01 DROP UDP 10.0.0.5 52.112.1.1 50000 3478 0 - - - - - - - SEND 4",
                    Kind.MALFORMED),
            new Line("#Fields: date time action protocol src-ip dst-ip", Kind.FORMAT),
            new Line("   ", Kind.FORMAT));

    static final List<Line> CSV_ROWS = List.of(
            new Line("2026-11-25T10:00:01Z,52.112.1.1,3478,udp,deny", Kind.FLOW),
            new Line("2026-11-25T10:00:02Z,outlook.office365.com,443,tcp,allow", Kind.FLOW),
            new Line("2026-11-25T10:00:03Z,bad..address,443,tcp,deny", Kind.MALFORMED),
            new Line("time,dst,port,proto,action", Kind.FORMAT),
            new Line("", Kind.FORMAT));

    @Test
    void aLogCountsAsNotReadExactlyByTheRule() {
        Fuzz.qt(1000)
                .forAll(
                        integers().between(0, 2),
                        lists().of(integers().between(0, 4)).ofSizeBetween(0, 40))
                .checkAssert((f, picks) -> {
                    LogFormat format = List.of(LogFormat.SYSLOG, LogFormat.IPLIST, LogFormat.CSV)
                            .get(f);
                    List<Line> kinds = List.of(SYSLOG, IPS, CSV_ROWS).get(f);
                    // a CSV log starts with its header
                    List<Line> lines = format == LogFormat.CSV
                            ? java.util.stream.Stream.concat(
                                            java.util.stream.Stream.of(kinds.get(3)),
                                            picks.stream().map(kinds::get))
                                    .toList()
                            : picks.stream().map(kinds::get).toList();
                    StringBuilder text = new StringBuilder();
                    lines.forEach(l -> text.append(l.text()).append('\n'));

                    Audit.FileStats stats = read("p.log", format, text.toString());

                    long flows =
                            lines.stream().filter(l -> l.kind() == Kind.FLOW).count();
                    long unread = lines.stream()
                            .filter(l -> l.kind() == Kind.OTHER || l.kind() == Kind.MALFORMED)
                            .count();
                    int first = IntStream.range(0, lines.size())
                                    .filter(i -> lines.get(i).kind() == Kind.OTHER
                                            || lines.get(i).kind() == Kind.MALFORMED)
                                    .findFirst()
                                    .orElse(-1)
                            + 1;
                    String what = format + " " + lines;
                    assertThat(stats.flows()).as(what).isEqualTo(flows);
                    assertThat(stats.unread()).as(what).isEqualTo(unread);
                    assertThat(stats.readable()).as(what).isEqualTo(flows > 0 && unread <= flows);
                    assertThat(stats.failure().isPresent()).as(what).isEqualTo(!stats.readable());
                    stats.failure().ifPresent(x -> {
                        assertThat(x)
                                .as(what)
                                .startsWith("p.log: ")
                                .contains(" read as " + format.id() + ": ")
                                .doesNotContain("\n");
                        if (first > 0) {
                            assertThat(x).as(what).contains("the first, line " + first + ": ");
                        }
                    });
                });
    }

    /** What Audit records of a log, read as it reads one. */
    static Audit.FileStats read(String name, LogFormat format, String text) {
        LogReader reader = new LogReader(new StringReader(text), format, Optional.empty());
        for (Optional<Flow> f = reader.next(); f.isPresent(); f = reader.next()) {
            assertThat(f.get().destination()).isNotEmpty();
        }
        return Audit.FileStats.of(name, format, reader);
    }
}
