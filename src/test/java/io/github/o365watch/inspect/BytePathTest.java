package io.github.o365watch.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A log read as bytes ({@code LogReader(InputStream)}: lines split in the bytes, iptables lines
 * parsed from them) reads exactly as the same log read as decoded text ({@code LogReader(Reader)},
 * every line a string and parsed as one): the same flows, counts and problems, line for line.
 */
class BytePathTest {
    private static final String LINE = "Nov 25 10:00:01 gw kernel: [812.3] DROP-OUT: IN=eth1 OUT=eth0 SRC=10.0.0.5"
            + " DST=52.112.1.1 LEN=60 PROTO=UDP SPT=50000 DPT=3478 LEN=40";

    /** Everything a reading says, flows first. */
    private static List<Object> read(LogReader r) {
        List<Object> out = new ArrayList<>();
        for (Optional<Flow> f = r.next(); f.isPresent(); f = r.next()) {
            out.add(f.get());
        }
        out.add("lines " + r.lines() + ", flows " + r.flows() + ", skipped " + r.skipped() + ", malformed "
                + r.malformed() + ", other " + r.other());
        out.add(r.problems());
        out.add(r.firstUnread());
        return out;
    }

    private static void same(byte[] log, LogFormat format) {
        List<Object> text = read(new LogReader(
                new InputStreamReader(new ByteArrayInputStream(log), StandardCharsets.UTF_8),
                format,
                Optional.empty()));
        List<Object> bytes = read(new LogReader(new ByteArrayInputStream(log), format, Optional.empty()));
        assertEquals(
                text, bytes, () -> "log: " + new String(log, 0, Math.min(log.length, 300), StandardCharsets.UTF_8));
    }

    private static void same(String log) {
        same(log.getBytes(StandardCharsets.UTF_8), LogFormat.SYSLOG);
    }

    @Test
    void lineEnds() {
        same(LINE + "\n" + LINE + "\r\n" + LINE + "\r" + LINE);
        same(LINE + "\r\n\r\n\n\r" + LINE + "\r");
        same("\n\n" + LINE + "\n \t\u000b\f\u001c\n" + LINE + "\n");
        same("");
        same("\r\n");
    }

    @Test
    void truncatedAndMalformedLines() {
        for (int cut = 1; cut < LINE.length(); cut += 3) {
            same(LINE.substring(0, cut) + "\n" + LINE + "\n" + LINE.substring(0, cut));
        }
        same(LINE.replace("DST=52.112.1.1", "DST=") + "\n" + LINE.replace("DST=52.112.1.1", "DST=52.112.1.256"));
        same(LINE.replace("DPT=3478", "DPT=99999") + "\n" + LINE.replace("DPT=3478", "DPT=34x8") + "\n"
                + LINE.replace("DPT=3478", "DPT=") + "\n" + LINE.replace("DPT=3478", "DPT=0") + "\n"
                + LINE.replace("DPT=3478", "DPT=123456"));
        same(LINE.replace("PROTO=UDP", "PROTO=TCP") + "\n" + LINE.replace("PROTO=UDP", "PROTO=icmp") + "\n"
                + LINE.replace("PROTO=UDP ", "") + "\n" + LINE.replace("PROTO=UDP", "PROTO=47"));
        same(LINE.replace("SRC=10.0.0.5", "SRC=nonsense") + "\n" + LINE.replace(" SRC=10.0.0.5", ""));
        same(LINE + " [SRC=52.112.1.1 DST=10.0.0.5 DPT=53]\n" + LINE.replace("DST=52.112.1.1", "DST=52.112.1.1 [")
                + "\n");
        same(LINE.replace("DROP-OUT", "ACCEPT") + "\n" + LINE.replace("DROP-OUT", "") + "\n"
                + LINE.replace(" IN=eth1", ""));
        same("Nov 25 10:00:01 gw sshd[1]: Accepted publickey\n" + LINE + "\nbinary\u0001 DST=1.2.3.4\n" + LINE
                + "\u007f\n");
    }

    @Test
    void headers() {
        String body = LINE.substring("Nov 25 10:00:01 gw ".length());
        for (String header : new String[] {
            "Nov 25 10:00:01 gw ",
            "Nov  5 10:00:01 gw ",
            "Nov 5 10:00:01 gw ",
            "Nov 25 10:00:01  gw  ",
            "Nov 25 10:00:01 ",
            "Nov   5 10:00:01 gw ",
            "Nov 125 10:00:01 gw ",
            "Nov 25 10:00:1 gw ",
            "Nov 25 10:00:01\tgw\t",
            "NOV 25 10:00:01 gw ",
            "<13>Nov 25 10:00:01 gw ",
            "<13>1 2026-11-25T10:00:01.123456+00:00 gw ",
            "2026-11-25T10:00:01+0100 gw ",
            "2026-11-25 10:00:01,5Z gw ",
            "",
            "gw ",
            "Nov 25 10:00:01"
        }) {
            same(header + body + "\n" + header.strip() + " " + body.replace("kernel: ", ""));
        }
    }

    @Test
    void nonAscii() {
        same(LINE.replace("DROP-OUT", "DROP-\u00e9t\u00e9") + "\n" + LINE + "\n");
        same("\uFEFF" + LINE + "\n" + LINE);
        same("\uFEFF\uFEFF" + LINE + "\n" + LINE);
        same(LINE.replace("DST=52.112.1.1", "DST=52.112.1.\u0661") + "\n" + LINE.replace("gw", "\u4e2d\u6587"));
        // bytes that are no UTF-8: replaced the same way on both paths
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(LINE.replace("DROP-OUT", "DROP").getBytes(StandardCharsets.US_ASCII));
        b.write('\n');
        b.writeBytes("Nov 25 10:00:01 gw kernel: DROP\u00ff ".getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(LINE.substring(LINE.indexOf("IN=")).getBytes(StandardCharsets.US_ASCII));
        b.write('\n');
        b.writeBytes(new byte[] {(byte) 0xe2, (byte) 0x82, '\n', (byte) 0xe2, '\r', '\n', (byte) 0xf0, (byte) 0x9f});
        same(b.toByteArray(), LogFormat.SYSLOG);
    }

    @Test
    void overlongLines() {
        String tail = " " + LINE;
        int max = LogReader.MAX_LINE;
        same("x".repeat(max - tail.length()) + tail + "\n" + LINE);
        same("x".repeat(max - tail.length() + 1) + tail + "\n" + LINE);
        same("x".repeat(max + 10_000) + "\r\n" + LINE + "\r\n");
        // more bytes than the cap, fewer characters: not too long
        same("\u00e9".repeat(max / 2 - tail.length()) + tail + "\n" + LINE);
        same("\u4e2d".repeat(max / 3) + tail + "\n" + LINE);
        same("\u00e9".repeat(max) + tail + "\n" + LINE);
        // more than the bytes held of a line: the rest dropped up to its end, whichever end it has
        same("\u4e2d".repeat(max + 7) + "\r" + LINE + "\n");
        same("y".repeat(5 * max) + "\r\n" + LINE + "\n" + "z".repeat(4 * max));
        same("\uD83D\uDE00".repeat(max) + "\n" + LINE);
    }

    @Test
    void ipv6Forms() {
        for (String dst : new String[] {
            "2603:1063:0000:0000:0000:0000:0000:0001",
            "2603:1063::1",
            "2603:1063::",
            "2603:1063:0:0:0:0:0:1",
            "2603:1063::1.2.3.4",
            "2603:1063:0000:0000:0000:0000:0000:0001:1",
            "::ffff:52.112.1.1",
            "::",
            "2603:1063::g",
            "fe80::1%eth0",
            "2603::1063::1",
            "2603:1063:0000:0000:0000:0000:0000:00001",
            "52.112.01.1",
            "52.112.1",
            "52.112.1.1.1",
            "0.0.0.0",
            "255.255.255.255"
        }) {
            same(LINE.replace("DST=52.112.1.1", "DST=" + dst)
                    .replace("SRC=10.0.0.5", "SRC=fd00:0000::" + dst.length()));
        }
    }

    @Test
    void randomLogs() {
        Random random = new Random(18);
        String[] pieces = {
            LINE,
            "\n",
            "\r\n",
            "\r",
            " ",
            "DST=",
            "52.112.1.1",
            "2603:1063::1",
            " DPT=",
            "443",
            " PROTO=",
            "TCP",
            " SRC=",
            "10.1.2.3",
            "\u00e9",
            "\u4e2d",
            "kernel:",
            " IN=",
            " [",
            "]",
            "\t",
            "Nov 25 10:00:01 ",
            "x".repeat(300),
            "\u0001"
        };
        for (int run = 0; run < 300; run++) {
            StringBuilder log = new StringBuilder();
            for (int k = random.nextInt(60); k > 0; k--) {
                log.append(pieces[random.nextInt(pieces.length)]);
            }
            same(log.toString());
        }
    }

    @Test
    void otherFormatsReadTheSameFromBytes() {
        same(
                "#Fields: date time action protocol src-ip dst-ip src-port dst-port\r\n"
                        .concat("2026-11-25 10:00:01 DROP UDP 10.0.0.5 52.112.1.1 50000 3478\r\n")
                        .concat("2026-11-25 10:00:02 ALLOW TCP 10.0.0.5 2603:1063::1 50000 443\r\n")
                        .getBytes(StandardCharsets.UTF_8),
                LogFormat.WINDOWS_FIREWALL);
        same(
                "52.112.1.1\n\n# comment\n2603:1063::1\r\nnot an address \u00e9\n".getBytes(StandardCharsets.UTF_8),
                LogFormat.IPLIST);
    }

    @Test
    void aCqdExportReadsTheSameFromBytes() {
        String export =
                "\uFEFFFirst Building Name,First Relay IP,First Relay Port,Transport,Call Setup Failure Reason\r\n"
                        + "Main \u00e9,52.112.1.1,3478,UDP,Missing FW IP Block Exemption Rule\r\n\r\n"
                        + "Main,52.112.1,3478,UDP,Other\n" + "x".repeat(LogReader.MAX_LINE + 1)
                        + "\rMain,2603:1063::1,3479,TCP,\n";
        byte[] log = export.getBytes(StandardCharsets.UTF_8);
        CqdReader text = new CqdReader(new InputStreamReader(new ByteArrayInputStream(log), StandardCharsets.UTF_8));
        CqdReader bytes = new CqdReader(new ByteArrayInputStream(log));
        assertEquals(CqdReaderTest.rows(text), CqdReaderTest.rows(bytes));
        assertEquals(
                List.of(
                        text.lines(),
                        text.rows(),
                        text.skipped(),
                        text.malformed(),
                        text.problems(),
                        text.firstUnread()),
                List.of(
                        bytes.lines(),
                        bytes.rows(),
                        bytes.skipped(),
                        bytes.malformed(),
                        bytes.problems(),
                        bytes.firstUnread()));
        assertEquals(2, bytes.malformed());
    }

    @Test
    void theBytePathParsesBytes() {
        // the equality above would hold as well if the byte path fell back to text for every line: it does not
        SyslogLines lines = new SyslogLines();
        Line line = new Line();
        byte[] b = LINE.getBytes(StandardCharsets.US_ASCII);
        line.set(b, 0, b.length, true, false);
        Flow flow = assertFlow(lines, line);
        assertTrue(flow.address().isPresent() && flow.client().isPresent());
        assertEquals("52.112.1.1", flow.destination());
        assertEquals("10.0.0.5", flow.source());
        assertEquals("Nov 25 10:00:01", flow.time());
    }

    private static Flow assertFlow(SyslogLines lines, Line line) {
        try {
            return lines.parse(line, 1);
        } catch (BadLine e) {
            throw new AssertionError(e);
        }
    }
}
