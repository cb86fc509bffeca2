package io.github.o365watch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.inspect.Flow;
import io.github.o365watch.inspect.LogFormat;
import io.github.o365watch.source.SourceOptions;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.store.StoredVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long log file is read in two parts at once, cut at a line's start: the result must be the one
 * reading's, byte for byte, wherever the cut falls. Real iptables lines (Teams media denied and
 * allowed, a falling-back client, IPv6, malformed lines past the twenty kept, a line of another
 * kind, blank lines), LF, CR LF and lone CR endings, no final line break; every cut point.
 */
class AuditPartsTest {
    static final String[] LINES = {
        "Nov 25 10:00:01 fw kernel: [12345.678] o365-drop: IN=eth1 OUT=eth0 MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00"
                + " SRC=10.0.0.5 DST=52.112.1.1 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=1 PROTO=UDP SPT=50000 DPT=3478 LEN=40",
        "Nov 25 10:00:02 fw kernel: [12345.679] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.113.9.9 LEN=60 PROTO=UDP"
                + " SPT=50001 DPT=3481 LEN=40",
        "Nov 25 10:00:03 fw kernel: [12345.680] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.6 DST=13.107.64.9 LEN=60 PROTO=TCP"
                + " SPT=50002 DPT=443 WINDOW=64240 SYN",
        "Nov 25 10:00:04 fw kernel: [12345.681] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.6 DST=52.112.1.2 LEN=60 PROTO=TCP"
                + " SPT=50003 DPT=8080 WINDOW=64240 SYN",
        "Nov 25 10:00:05 fw kernel: [12345.682] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.6 DST=192.0.2.7 LEN=60 PROTO=TCP"
                + " SPT=50004 DPT=443 WINDOW=64240 SYN",
        "Nov 25 10:00:06 fw kernel: [12345.683] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.6 DST=999.1.1.1 LEN=60 PROTO=TCP"
                + " SPT=50005 DPT=443",
        "Nov 25 10:00:07 fw kernel: [12345.684] o365-drop: IN=eth1 OUT=eth0 SRC=2001:0db8:0000:0000:0000:0000:0000:0005"
                + " DST=2603:1027:0000:0000:0000:0000:0000:0001 LEN=80 TC=0 HOPLIMIT=63 FLOWLBL=0 PROTO=TCP SPT=50006 DPT=443"
                + " WINDOW=64800 SYN",
        "Nov 25 10:00:08 fw kernel: [12345.685] o365-accept: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.1.1 LEN=60 PROTO=TCP"
                + " SPT=50007 DPT=443",
        "",
        "Nov 25 10:00:09 asa %ASA-4-106023: Deny udp src inside:10.0.0.5/50000 dst outside:52.112.1.1/3478",
        "Nov 25 10:00:10 fw kernel: [12345.686] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.7 DST=52.112.200.3 LEN=60 PROTO=UDP"
                + " SPT=50009 DPT=3479 LEN=40",
        "Nov 25 10:00:11 fw kernel: [12345.687] o365-accept: IN=eth1 OUT=eth0 SRC=10.0.0.7 DST=52.112.200.3 LEN=60"
                + " PROTO=TCP SPT=50010 DPT=443",
    };

    @TempDir
    Path dir;

    Workspace ws;
    StoredVersion version;

    @BeforeEach
    void setUp() throws IOException {
        Path store = dir.resolve("snapshots");
        Path from = Path.of("snapshots");
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path t = store.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        ws = new Workspace(
                new SnapshotStore(store),
                SourceOptions.defaults(dir.toString(), dir.resolve("config"), Map.of()),
                Workspace.Network.OFFLINE,
                Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC),
                Duration.ofSeconds(1),
                "test");
        version = Selections.version(ws, Instance.WORLDWIDE, "2019112700");
    }

    /** The log: the lines above, then malformed ones (more than the twenty kept), then the lines again; mixed line ends. */
    static byte[] log(String bom, String lastEnd) {
        StringBuilder b = new StringBuilder(bom);
        String[] ends = {"\n", "\r\n", "\r"};
        int i = 0;
        for (String l : LINES) {
            b.append(l).append(ends[i++ % 3]);
        }
        for (int m = 0; m < 24; m++) {
            b.append("Nov 25 11:00:00 fw kernel: o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.6 DST=999.1.1.")
                    .append(m)
                    .append(" PROTO=TCP DPT=443")
                    .append(ends[i++ % 3]);
        }
        for (int k = 0; k < LINES.length; k++) {
            b.append(LINES[k]).append(k == LINES.length - 1 ? lastEnd : ends[i++ % 3]);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    Audit.Result audit(Path log, java.util.function.LongUnaryOperator split, Optional<LogFormat> format) {
        return new Audit(ws, split)
                .run(new Audit.Request(
                        version,
                        List.of(log.toString()),
                        format,
                        Optional.empty(),
                        new ByteArrayInputStream(new byte[0]),
                        n -> {}));
    }

    /**
     * Cuts the log at every byte (and one past its end): each cut moves on to a line's start
     * ({@link Audit#lineStart}, checked apart below), so the cuts that land on the same start read
     * alike; the log is read once per start, at the first byte that leads there.
     */
    void everyCut(Path log, Optional<LogFormat> format, Audit.Result whole) throws IOException {
        long size = Files.size(log);
        java.util.Set<Long> starts = new java.util.HashSet<>();
        for (long cut = 0; cut <= size + 1; cut++) {
            if (!starts.add(Audit.lineStart(log, Math.max(cut, 1), size))) {
                continue;
            }
            long at = cut;
            Audit.Result parts = audit(log, n -> at, format);
            assertThat(parts)
                    .as("%s cut at %d of %d", log.getFileName(), at, size)
                    .isEqualTo(whole);
            assertThat(parts.toString()).isEqualTo(whole.toString());
        }
        assertThat(starts).as("line starts").isNotEmpty();
    }

    @Test
    void everyCutGivesTheOneReadingsResult() throws IOException {
        // each final line end once, with and without a byte order mark
        for (List<String> variant :
                List.of(List.of("", ""), List.of("", "\r\n"), List.of("\uFEFF", "\n"), List.of("\uFEFF", "\r"))) {
            byte[] bytes = log(variant.get(0), variant.get(1));
            Path log = Files.write(dir.resolve("kern.log"), bytes);
            Audit.Result whole = audit(log, size -> -1, Optional.empty());
            assertThat(whole.files().get(0).malformed()).isEqualTo(26);
            assertThat(whole.files().get(0).problems()).hasSize(20);
            assertThat(whole.fallbacks()).isNotEmpty();
            everyCut(log, Optional.empty(), whole);
        }
    }

    /** The second part's own first line is no log's first: a U+FEFF there is text, not a byte order mark to drop. */
    @Test
    void aByteOrderMarkIsDroppedOnlyAtTheLogsStart() throws IOException {
        String line = LINES[0] + "\n";
        byte[] bytes = (line + "\uFEFF" + line + line).getBytes(StandardCharsets.UTF_8);
        Path log = Files.write(dir.resolve("bom.log"), bytes);
        Audit.Result whole = audit(log, size -> -1, Optional.of(LogFormat.SYSLOG));
        assertThat(whole.files().get(0).lines()).isEqualTo(3);
        everyCut(log, Optional.of(LogFormat.SYSLOG), whole);
    }

    @Test
    void anEmptyFileAndALineOfOneCharacterReadAsWhole() throws IOException {
        Path empty = Files.write(dir.resolve("empty.log"), new byte[0]);
        Audit.Result e = audit(empty, size -> 0, Optional.of(LogFormat.IPLIST));
        assertThat(e).isEqualTo(audit(empty, size -> -1, Optional.of(LogFormat.IPLIST)));
        assertThat(e.files().get(0).lines()).isZero();
        for (String text : List.of("x", "\n", "\r\n", "52.112.1.1", "52.112.1.1\n13.107.64.9")) {
            Path one = Files.writeString(dir.resolve("one.log"), text);
            Audit.Result w = audit(one, size -> -1, Optional.of(LogFormat.IPLIST));
            everyCut(one, Optional.of(LogFormat.IPLIST), w);
        }
    }

    /** Formats with a header are never cut: the part after a cut would not know the columns. */
    @Test
    void aLogWithAHeaderIsReadWhole() throws IOException {
        String csv = "time,dst,port,proto,action\n"
                + "2026-11-25T10:00:01Z,52.112.1.1,3478,udp,deny\n"
                + "2026-11-25T10:00:02Z,13.107.64.9,443,tcp,deny\n";
        Path log = Files.writeString(dir.resolve("fw.csv"), csv);
        Audit.Result whole = audit(log, size -> -1, Optional.empty());
        assertThat(whole.gaps()).hasSize(2);
        for (long at : List.of(0L, 27L, 40L, (long) csv.length())) {
            assertThat(audit(log, size -> at, Optional.empty())).isEqualTo(whole);
        }
    }

    @Test
    void aCutMovesOnToTheNextLinesStart() throws IOException {
        Path p = Files.writeString(dir.resolve("ends.txt"), "ab\r\ncd\ref\ngh");
        // positions: a0 b1 \r2 \n3 c4 d5 \r6 e7 f8 \n9 g10 h11
        assertThat(Audit.lineStart(p, 1, 12)).isEqualTo(4);
        assertThat(Audit.lineStart(p, 3, 12)).isEqualTo(4); // never between CR and LF
        assertThat(Audit.lineStart(p, 4, 12)).isEqualTo(4);
        assertThat(Audit.lineStart(p, 5, 12)).isEqualTo(7); // after a lone CR
        assertThat(Audit.lineStart(p, 7, 12)).isEqualTo(7);
        assertThat(Audit.lineStart(p, 8, 12)).isEqualTo(10);
        assertThat(Audit.lineStart(p, 11, 12)).isEqualTo(12); // no line starts after: the size
        Path cr = Files.writeString(dir.resolve("cr.txt"), "ab\r");
        assertThat(Audit.lineStart(cr, 3, 3)).isEqualTo(3);
    }

    /** Both parts' flows count: a half cut gives the whole's numbers, not half of them. */
    @Test
    void theFlowsOfBothPartsAreCounted() throws IOException {
        byte[] bytes = log("", "\n");
        Path log = Files.write(dir.resolve("kern.log"), bytes);
        Audit.Result parts = audit(log, size -> size / 2, Optional.empty());
        Audit.Result whole = audit(log, size -> -1, Optional.empty());
        assertThat(parts.files().get(0).flows())
                .isEqualTo(whole.files().get(0).flows())
                .isEqualTo(18);
        assertThat(parts.elsewhere()).isEqualTo(Map.of(Flow.Action.DENIED, 2L));
    }
}
