package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.o365watch.testing.Golden;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * audit against the shipped Worldwide 2019112700, with logs of every supported format written
 * here the way the devices write them: denied Teams media, a proxy refusing Exchange Online, a
 * port no endpoint set lists, other destinations, malformed lines.
 */
class AuditTest {
    /** iptables and nftables kernel log lines (the prefix words decide the action). */
    static final String SYSLOG = """
            Nov 25 10:00:01 fw kernel: [12345.678] o365-drop: IN=eth1 OUT=eth0 MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00 SRC=10.0.0.5 DST=52.112.1.1 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=1 PROTO=UDP SPT=50000 DPT=3478 LEN=40
            Nov 25 10:00:02 fw kernel: [12345.679] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.113.9.9 LEN=60 PROTO=UDP SPT=50001 DPT=3481 LEN=40
            Nov 25 10:00:03 fw kernel: [12345.680] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.6 DST=13.107.64.9 LEN=60 PROTO=TCP SPT=50002 DPT=443 WINDOW=64240 SYN
            Nov 25 10:00:04 fw kernel: [12345.681] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.6 DST=52.112.1.2 LEN=60 PROTO=TCP SPT=50003 DPT=8080 WINDOW=64240 SYN
            Nov 25 10:00:05 fw kernel: [12345.682] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.6 DST=192.0.2.7 LEN=60 PROTO=TCP SPT=50004 DPT=443 WINDOW=64240 SYN
            Nov 25 10:00:06 fw kernel: [12345.683] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.6 DST=999.1.1.1 LEN=60 PROTO=TCP SPT=50005 DPT=443
            Nov 25 10:00:07 fw kernel: [12345.684] o365-drop: IN=eth1 OUT=eth0 SRC=2001:0db8:0000:0000:0000:0000:0000:0005 DST=2603:1027:0000:0000:0000:0000:0000:0001 LEN=80 TC=0 HOPLIMIT=63 FLOWLBL=0 PROTO=TCP SPT=50006 DPT=443 WINDOW=64800 SYN
            Nov 25 10:00:08 fw kernel: [12345.685] o365-accept: IN=eth1 OUT=eth0 SRC=10.0.0.7 DST=52.112.1.1 LEN=60 PROTO=UDP SPT=50007 DPT=3478 LEN=40
            Nov 25 10:00:09 fw sshd[77]: Accepted publickey for admin from 10.0.0.9 port 50008 ssh2
            Nov 25 10:00:10 fw kernel: [12345.686] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.200.3 LEN=60 PROTO=UDP SPT=50009 DPT=3479 LEN=40
            """;

    /** Squid's native access.log: denied and failed CONNECTs, and one allowed. */
    static final String SQUID = """
            1764064801.123    120 10.0.0.5 TCP_DENIED/403 3924 CONNECT outlook.office365.com:443 - HIER_NONE/- text/html
            1764064802.456     30 10.0.0.5 TCP_DENIED/403 3924 CONNECT outlook.office365.com:443 - HIER_NONE/- text/html
            1764064803.789  60001 10.0.0.6 TCP_TUNNEL/503 0 CONNECT contoso-my.sharepoint.com:443 - HIER_DIRECT/13.107.136.9 -
            1764064804.000     45 10.0.0.7 TCP_TUNNEL/200 51234 CONNECT teams.microsoft.com:443 - HIER_DIRECT/52.113.194.132 -
            1764064805.000     12 10.0.0.8 TCP_DENIED/403 3924 GET http://www.example.net/ - HIER_NONE/- text/html
            1764064806.000     12 10.0.0.8 this line is not squid
            """;

    /** A firewall's traffic export with its own column names, read through --columns. */
    static final String CSV = """
            "Receive Time","Source address","Destination address","Destination Port","IP Protocol","Action","Rule"
            "2026/11/25 10:00:01","10.0.0.5","52.112.1.1","3478","udp","deny","block-all, udp"
            "2026/11/25 10:00:02","10.0.0.5","52.112.1.1","3480","udp","deny","block-all, udp"
            "2026/11/25 10:00:03","10.0.0.6","40.96.1.1","443","tcp","reset-server","tls-inspect"
            "2026/11/25 10:00:04","10.0.0.6","40.96.1.1","443","tcp","allow","web"
            "2026/11/25 10:00:05","10.0.0.6","bad..address","443","tcp","deny","web"
            """;

    @TempDir
    Path dir;

    TestCli cli;
    Path store;

    @BeforeEach
    void setUp() throws IOException {
        cli = new TestCli(dir.resolve("machine"));
        store = dir.resolve("snapshots");
        ConfigTest.copyShippedSnapshots(store);
    }

    Result audit(String... args) {
        List<String> all =
                new java.util.ArrayList<>(List.of("audit", "--store", store.toString(), "--version", "2019112700"));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    /** Logs live under a fixed relative path, so that reports naming them are the same on every machine. */
    static final Path LOGS = Path.of("target", "audit-logs");

    Path write(String name, String content) throws IOException {
        Files.createDirectories(LOGS);
        return Files.writeString(LOGS.resolve(name), content);
    }

    @Test
    void consecutiveFlowsToOnePrefixThatDifferInPortProtocolOrActionGroupApart() throws IOException {
        // the matcher answers a line like the one before without its memo: each of these differs from the one before
        String log = """
                Nov 25 10:00:01 fw kernel: o365-drop: IN=eth1 SRC=10.0.0.5 DST=52.112.1.1 PROTO=UDP SPT=1 DPT=3478
                Nov 25 10:00:02 fw kernel: o365-drop: IN=eth1 SRC=10.0.0.5 DST=52.112.1.2 PROTO=UDP SPT=1 DPT=3478
                Nov 25 10:00:03 fw kernel: o365-drop: IN=eth1 SRC=10.0.0.5 DST=52.112.1.3 PROTO=UDP SPT=1 DPT=3479
                Nov 25 10:00:04 fw kernel: o365-drop: IN=eth1 SRC=10.0.0.5 DST=52.112.1.4 PROTO=UDP SPT=1 DPT=9999
                Nov 25 10:00:05 fw kernel: o365-drop: IN=eth1 SRC=10.0.0.5 DST=52.112.1.5 PROTO=TCP SPT=1 DPT=9999
                Nov 25 10:00:06 fw kernel: o365-accept: IN=eth1 SRC=10.0.0.5 DST=52.112.1.6 PROTO=TCP SPT=1 DPT=9999
                Nov 25 10:00:07 fw kernel: o365-drop: IN=eth1 SRC=10.0.0.5 DST=52.112.1.7 PROTO=TCP SPT=1 DPT=9999
                Nov 25 10:00:08 fw kernel: o365-drop: IN=eth1 SRC=10.0.0.5 DST=52.112.1.8 PROTO=UDP SPT=1 DPT=3478
                """;

        Result r = audit("--log", write("runs.log", log).toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains(
                        "UDP 3478-3481 to 52.112.0.0/14 (set 11: Skype, Optimize) denied 4 times; first Nov 25 10:00:01,"
                                + " last Nov 25 10:00:08")
                .contains("TCP 9999 to 52.112.0.0/14 (sets 11, 12, 13, 22: Skype, Optimize) denied 2 times; first"
                        + " Nov 25 10:00:05, last Nov 25 10:00:07")
                .contains("UDP 9999 to 52.112.0.0/14 (sets 11, 12, 13, 22: Skype, Optimize) denied 1 time; at Nov 25"
                        + " 10:00:04")
                .contains("Allowed flows to Microsoft 365: 1.");
    }

    @Test
    void kernelLogLinesGroupByEndpointSetProtocolAndPort() throws IOException {
        Path log = write("kern.log", SYSLOG);

        Result r = audit("--log", log.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains(
                        "UDP 3478-3481 to 52.112.0.0/14 (set 11: Skype, Optimize) denied 3 times; first Nov 25 10:00:01,"
                                + " last Nov 25 10:00:10")
                .contains("TCP 443 to 13.107.64.0/18 (sets 12, 13, 22: Skype, Allow) denied 1 time")
                .contains("TCP 443 to 2603:1027::/48")
                .contains("Off-port (1)")
                .contains("TCP 8080 to 52.112.0.0/14")
                .contains("Allowed flows to Microsoft 365: 1. Flows to other destinations: denied 1.")
                .contains("kern.log:6");
        Golden.assertMatches("audit/syslog.txt", r.out());
        assertThat(audit("--log", log.toString()).out()).isEqualTo(r.out());
    }

    /** Windows tools save "Unicode" text as UTF-16 with a byte-order mark: read as verify reads such files, from a file, a .gz or stdin. */
    @Test
    void aUtf16LogWithAByteOrderMarkIsReadLikeItsUtf8Copy() throws IOException {
        Result utf8 = audit("--log", write("kern.log", SYSLOG).toString());
        Files.createDirectories(LOGS);
        Path le = Files.write(LOGS.resolve("kern-le.log"), withBom(SYSLOG, StandardCharsets.UTF_16LE, 0xff, 0xfe));
        Path be = Files.write(LOGS.resolve("kern-be.log"), withBom(SYSLOG, StandardCharsets.UTF_16BE, 0xfe, 0xff));
        Path bom8 =
                Files.write(LOGS.resolve("kern-bom.log"), withBom(SYSLOG, StandardCharsets.UTF_8, 0xef, 0xbb, 0xbf));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(withBom(SYSLOG, StandardCharsets.UTF_16LE, 0xff, 0xfe));
        }
        Path zipped = Files.write(LOGS.resolve("kern-le.log.gz"), gz.toByteArray());

        for (Path log : List.of(le, be, bom8, zipped)) {
            Result r = audit("--log", log.toString());
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out())
                    .as(log.toString())
                    .isEqualTo(utf8.out()
                            .replace("kern.log ", log.getFileName() + " ")
                            .replace("kern.log:6", log.getFileName() + ":6")
                            .replaceAll(
                                    "(?m)^(  LOG +)",
                                    "$1"
                                            + " "
                                                    .repeat(log.getFileName()
                                                                    .toString()
                                                                    .length()
                                                            - "kern.log".length())));
        }
        Result stdin = cli.runWithInput(
                withBom(SYSLOG, StandardCharsets.UTF_16LE, 0xff, 0xfe),
                "audit",
                "--store",
                store.toString(),
                "--version",
                "2019112700",
                "--log",
                "-",
                "--exit-code");
        assertThat(stdin.code()).as(stdin.toString()).isEqualTo(1);
        assertThat(stdin.out()).containsPattern("\n  -  +syslog  +10  +8  +1  +1\n");
    }

    static byte[] withBom(String text, java.nio.charset.Charset cs, int... bom) {
        byte[] body = text.getBytes(cs);
        byte[] out = new byte[bom.length + body.length];
        for (int i = 0; i < bom.length; i++) {
            out[i] = (byte) bom[i];
        }
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
    }

    /** The text says how many malformed lines it lists, and lists that many: the reader keeps the first 20. */
    @Test
    void theMalformedLinesListedAreTheFirstTwentyAndSaySo() throws IOException {
        StringBuilder log = new StringBuilder(SYSLOG);
        for (int i = 0; i < 30; i++) {
            log.append("Nov 25 11:00:00 fw kernel: [1.0] o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.6 DST=999.1.1.")
                    .append(i)
                    .append(" PROTO=TCP SPT=1 DPT=443\n");
        }
        for (int i = 0; i < 40; i++) {
            log.append(SYSLOG.lines().findFirst().orElseThrow())
                    .append('\n'); // flows enough for the log to count as read
        }
        Result r = audit("--log", write("many.log", log.toString()).toString());

        assertThat(r.code()).as(r.toString()).isZero();
        String listed = r.out().substring(r.out().indexOf("Malformed lines"));
        assertThat(listed.lines().findFirst().orElseThrow())
                .isEqualTo("Malformed lines (counted above; up to the first 20 of each log here):");
        assertThat(listed.lines().skip(1).toList())
                .hasSize(20)
                .first()
                .asString()
                .contains("many.log:6 ");
        assertThat(r.out()).containsPattern("many.log +syslog +80 +48 +1 +31\n");
    }

    @Test
    void proxyLogsMatchHostnamesAgainstTheEndpointSetPatterns() throws IOException {
        Result r = audit("--log", write("access.log", SQUID).toString(), "--format", "markdown");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("| TCP | 443 | `outlook.office365.com` | 1, 71 | Exchange | Optimize | denied | 2 |")
                .contains("| TCP | 443 | `*-my.sharepoint.com` |")
                .contains("| failed | 1 |");
        Golden.assertMatches("audit/squid.md", r.out());
    }

    @Test
    void csvExportsAreReadThroughTheirHeaderNames() throws IOException {
        Result r = audit("--log", write("traffic.csv", CSV).toString(), "--format", "json");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("logs").get(0).path("format").asText()).isEqualTo("csv");
        assertThat(j.path("logs").get(0).path("flows").asLong()).isEqualTo(4);
        assertThat(j.path("logs").get(0).path("malformed").asLong()).isEqualTo(1);
        JsonNode media = j.path("gaps").get(0);
        assertThat(media.path("destination").asText()).isEqualTo("52.112.0.0/14");
        assertThat(media.path("count").asLong()).isEqualTo(2);
        assertThat(j.path("allowed").asLong()).isEqualTo(1);
        Golden.assertMatches("audit/csv.json", r.out());
    }

    @Test
    void explicitColumnsAndCsvOutput() throws IOException {
        String csv = "ts;dst;dpt;p;verdict\n2026-11-25T10:00:01Z;52.112.1.1;3478;17;drop\n";
        Result r = audit(
                "--log",
                write("custom.csv", csv).toString(),
                "--log-format",
                "csv",
                "--columns",
                "dst=dst,port=dpt,proto=p,action=verdict,time=ts",
                "--format",
                "csv");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .isEqualTo(
                        "kind,protocol,ports,destination,sets,serviceArea,category,action,count,first,last,client,building,subnet\n"
                                + "gap,UDP,3478-3481,52.112.0.0/14,11,Skype,Optimize,denied,1,2026-11-25T10:00:01Z,2026-11-25T10:00:01Z,,,\n");
    }

    @Test
    void aListOfAddressesFromStandardInputAndACompressedLog() throws IOException {
        Files.createDirectories(LOGS);
        Path gz = LOGS.resolve("kern.log.gz");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(SYSLOG.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(gz, b.toByteArray());

        Result r = cli.runWithInput(
                "52.112.1.1\n# a comment\n40.96.1.1\n198.51.100.1\n".getBytes(StandardCharsets.UTF_8),
                "audit",
                "--store",
                store.toString(),
                "--log",
                "-",
                "--log",
                gz.toString(),
                "--exit-code");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out())
                .containsPattern("\n  -  +ips  +4  +3  +1  +0\n")
                .containsPattern("kern.log.gz  +syslog  +10  +8  +1  +1\n")
                .contains("traffic to 52.112.0.0/14 (sets 11, 12, 13, 22: Skype, Optimize) logged 1 time");
    }

    @Test
    void exitCodeZeroWhenNothingWasDenied() throws IOException {
        Result r = audit(
                "--log",
                write(
                                "ok.log",
                                SYSLOG.lines()
                                        .filter(l -> l.contains("o365-accept"))
                                        .reduce("", (a, l) -> a + l + "\n"))
                        .toString(),
                "--exit-code");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Rule gaps: none");
    }

    @Test
    void badInputIsAUsageErrorWithOneLine() throws IOException {
        Result missing = audit("--log", LOGS.resolve("nope.log").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.log does not exist");

        Result unknown = audit("--log", write("weird.log", "hello world\n").toString());
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err().lines()).hasSize(1);

        Result headerless = audit("--log", write("h.csv", "a,b,c\n1,2,3\n").toString(), "--log-format", "csv");
        assertThat(headerless.code()).as(headerless.toString()).isEqualTo(2);
        assertThat(headerless.err()).contains("--columns");

        Result format = audit("--log", write("x.log", SYSLOG).toString(), "--log-format", "pcap");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("--log-format");
    }

    // ---------------------------------------------------------------- logs that could not be read

    /** A Cisco ASA's deny messages as a syslog server stores them: read as iptables syslog (--log-format syslog), no line holds DST=. */
    static final String ASA = """
            Nov 25 10:00:01 asa-edge %ASA-4-106023: Deny udp src inside:10.0.0.5/50000 dst outside:52.112.1.1/3478 by access-group "inside_access_in" [0x0, 0x0]
            Nov 25 10:00:02 asa-edge %ASA-4-106023: Deny udp src inside:10.0.0.5/50001 dst outside:52.113.9.9/3481 by access-group "inside_access_in" [0x0, 0x0]
            Nov 25 10:00:03 asa-edge %ASA-6-302013: Built outbound TCP connection 1234 for outside:13.107.64.9/443 (13.107.64.9/443) to inside:10.0.0.6/50002 (203.0.113.6/50002)
            """;

    /** Windows Defender Firewall's pfirewall.log: '#' header lines, then space-separated fields. */
    static final String PFIREWALL = """
            #Version: 1.5
            #Software: Microsoft Windows Firewall
            #Time Format: Local
            #Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid

            2026-11-25 10:00:01 DROP UDP 10.0.0.5 52.112.1.1 50000 3478 0 - - - - - - - SEND 4
            2026-11-25 10:00:02 DROP UDP 10.0.0.5 52.113.9.9 50001 3481 0 - - - - - - - SEND 4
            2026-11-25 10:00:03 ALLOW TCP 10.0.0.6 13.107.64.9 50002 443 0 - - - - - - - SEND 4
            """;

    @Test
    void anAsaLogReadAsSyslogIsAFailureNeverNoGaps() throws IOException {
        Path log = write("asa.log", ASA);

        Result r = audit("--log", log.toString(), "--exit-code", "--log-format", "syslog");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).doesNotContain("Rule gaps: none").contains("Rule gaps: not known: no flow was read.");
        // said first: right after the title, before the table of logs
        assertThat(r.out().lines().toList().get(1)).startsWith("Unreadable logs (1)");
        assertThat(r.out())
                .contains(
                        log
                                + ": not read as syslog: no flow in 3 lines (3 of another kind, 0 malformed); the first, line 1:");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err())
                .startsWith("o365watch: audit: " + log + ": not read as syslog")
                .contains("line 1: no DST= field")
                .contains("%ASA-4-106023: Deny udp src inside:10.0.0.5/50000");
        Golden.assertMatches("audit/unreadable-asa.txt", r.out());
        // --help says it, wrapped as picocli wraps it
        assertThat(cli.run("audit", "--help").out().replaceAll("\\s+", " "))
                .contains("the exit code is 2 whatever --exit-code says")
                .contains(
                        " 2 usage error: a bad option or value, a mistake in the config file, or a log that could not be read");
    }

    @Test
    void aWindowsFirewallLogReadAsAnAddressListIsAFailure() throws IOException {
        Path log = write("pfirewall.log", PFIREWALL);

        Result r = audit("--log", log.toString(), "--exit-code", "--format", "json", "--log-format", "ips");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("complete").asBoolean(true)).isFalse();
        JsonNode l = j.path("logs").get(0);
        assertThat(l.path("format").asText()).isEqualTo("ips");
        assertThat(l.path("readable").asBoolean(true)).isFalse();
        assertThat(l.path("flows").asLong()).isZero();
        assertThat(l.path("malformed").asLong()).isEqualTo(3);
        // the header lines are comments of the format; the first unreadable line is the first record
        assertThat(l.path("failure").asText())
                .contains("not read as ips: no flow in 8 lines (0 of another kind, 3 malformed)")
                .contains("line 6: not an IP address");
        assertThat(r.err()).contains("line 6: not an IP address").contains("2026-11-25 10:00:01 DROP UDP");
        assertThat(l.path("firstUnread").path("line").asInt()).isEqualTo(6);
        assertThat(l.path("firstUnread").path("reason").asText()).startsWith("not an IP address");
    }

    @Test
    void aLogMostlyOfOtherLinesFailsAndOneReadForTheMostPartDoesNot() throws IOException {
        String flows = SYSLOG.lines().limit(3).map(l -> l + "\n").reduce("", String::concat);
        String other = "Nov 25 10:00:09 fw sshd[77]: Accepted publickey for admin from 10.0.0.9 port 50008 ssh2\n";

        // three flows, three other lines: half read, not most unread
        Result half = audit("--log", write("half.log", flows + other.repeat(3)).toString());
        assertThat(half.code()).as(half.toString()).isZero();
        assertThat(half.out()).doesNotContain("Unreadable");

        // three flows, two other lines and two malformed: more than half unread
        String bad =
                "Nov 25 10:00:06 fw kernel: o365-drop: IN=eth1 OUT=eth0 SRC=10.0.0.6 DST=999.1.1.1 LEN=60 PROTO=TCP SPT=50005 DPT=443\n";
        Path most = write("most.log", flows + other + bad + other + bad);
        Result r = audit("--log", most.toString(), "--format", "markdown");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out())
                .contains("## Unreadable logs (1)")
                .contains(
                        "mostly not read as syslog: 4 of the 7 lines that are not blank, comments or headers are malformed or of another"
                                + " kind (3 flows); the first, line 4: no DST= field");
        // the flows it did read are still reported, after the failure
        assertThat(r.out().indexOf("## Unreadable logs")).isLessThan(r.out().indexOf("## Rule gaps (2)"));
        assertThat(r.err()).contains("most.log: mostly not read as syslog");
    }

    @Test
    void anUnreadableLogBesideAGoodOneFailsWhatever_exit_codeSays() throws IOException {
        Path good = write("kern.log", SYSLOG);
        Path asa = write("asa.log", ASA);

        for (String flag : List.of("--exit-code", "--format")) {
            List<String> args = new java.util.ArrayList<>(
                    List.of("--log", good.toString(), "--log", asa.toString(), "--log-format", "syslog"));
            args.addAll(flag.equals("--format") ? List.of("--format", "csv") : List.of(flag));
            Result r = audit(args.toArray(String[]::new));

            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("asa.log: not read as syslog").doesNotContain("kern.log");
            if (flag.equals("--format")) {
                assertThat(r.out().lines().skip(1).findFirst().orElseThrow())
                        .isEqualTo("unreadable-log,,,target/audit-logs/asa.log,,,,,3,,,,,");
                assertThat(r.out()).contains("gap,UDP,3478-3481,52.112.0.0/14");
            } else {
                assertThat(r.out()).contains("Rule gaps (3)").contains("Unreadable logs (1)");
            }
        }
        // the same logs, flows read but no gap among them: "none" only for what was read
        Path allowed = write(
                "ok.log", SYSLOG.lines().filter(l -> l.contains("o365-accept")).reduce("", (a, l) -> a + l + "\n"));
        Result none = audit("--log", allowed.toString(), "--log", asa.toString(), "--log-format", "syslog");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.out())
                .contains("Rule gaps: none in the flows read; the unreadable logs above are not covered.")
                .doesNotContain("Rule gaps: none;");
    }

    // ---------------------------------------------------------------- the firewalls' own formats, told apart by their
    // content

    /** PAN-OS traffic records over syslog, in the documented field order (FUTURE_USE, Receive Time, ... Protocol, Action). */
    static final String PANOS = """
            <14>Nov 25 10:00:01 pa-edge 1,2026/11/25 10:00:01,012801012345,TRAFFIC,drop,2561,2026/11/25 10:00:01,10.0.0.5,52.112.1.1,0.0.0.0,0.0.0.0,block-udp,,,not-applicable,vsys1,trust,untrust,ethernet1/2,,default,2026/11/25 10:00:01,7170,1,50000,3478,0,0,0x0,udp,drop,90,90,0,1,2026/11/25 10:00:00,0,any,,7051939452,0x0,10.0.0.0-10.255.255.255,United States,,1,0,policy-deny
            <14>Nov 25 10:00:02 pa-edge 1,2026/11/25 10:00:02,012801012345,TRAFFIC,end,2561,2026/11/25 10:00:02,10.0.0.6,13.107.64.9,198.51.100.1,13.107.64.9,web,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,default,2026/11/25 10:00:02,7171,1,50002,443,40000,443,0x400019,tcp,allow,7312,2228,5084,22,2026/11/25 10:00:00,2,any,,7051939453,0x0,10.0.0.0-10.255.255.255,United States,,12,10,tcp-fin
            """;

    /** FortiGate traffic logs, key=value as the FortiOS log reference shows them. */
    static final String FORTIGATE = """
            date=2026-11-25 time=10:00:01 devname="fgt-edge" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.0.0.5 srcport=50001 dstip=52.113.9.9 dstport=3481 proto=17 action="deny" policyid=0
            date=2026-11-25 time=10:00:02 devname="fgt-edge" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.0.0.6 srcport=50002 dstip=13.107.64.9 dstport=443 proto=6 action="close" policyid=1
            """;

    /** Check Point Log Exporter, its syslog form: a Teams media drop and an accepted HTTPS connection. */
    static final String CHECKPOINT = """
            <134>1 2026-11-25T10:00:01Z gw-hq CheckPoint 13752 - [action:"Drop"; ifdir:"outbound"; loguid:"{0x6750270f,0x0,0x5b20a8c0,0x7d5707b6}"; origin:"192.0.2.1"; time:"1764064801"; dst:"52.112.5.5"; product:"VPN-1 & FireWall-1"; proto:"17"; s_port:"50004"; service:"3478"; src:"10.0.0.9"]
            <134>1 2026-11-25T10:00:02Z gw-hq CheckPoint 13752 - [action:"Accept"; ifdir:"outbound"; loguid:"{0x6750270f,0x0,0x5b20a8c0,0x7d5707b7}"; origin:"192.0.2.1"; time:"1764064802"; dst:"13.107.64.10"; product:"VPN-1 & FireWall-1"; proto:"6"; s_port:"50005"; service:"443"; src:"10.0.0.9"]
            """;

    /** Zeek's conn.log, TSV with its header: a Teams media attempt with no reply (S0). */
    static final String ZEEK = """
            #separator \\x09
            #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state
            #types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring
            1764064801.000001\tC1\t10.0.0.5\t50003\t52.112.200.3\t3479\tudp\t-\t-\t-\t-\tS0
            1764064802.000001\tC2\t10.0.0.6\t50004\t13.107.64.9\t443\ttcp\tssl\t1.5\t1200\t5400\tSF
            """;

    /** One log of each firewall's own format, as {@code --log} options. */
    private List<String> everyFirewallsLog() throws IOException {
        List<String> args = new ArrayList<>();
        for (String[] log : new String[][] {
            {"asa.log", ASA},
            {"pa.log", PANOS},
            {"fgt.log", FORTIGATE},
            {"pfirewall.log", PFIREWALL},
            {"conn.log", ZEEK},
            {"ckp.log", CHECKPOINT}
        }) {
            args.add("--log");
            args.add(write(log[0], log[1]).toString());
        }
        return args;
    }

    private static String[] with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void readsEachFirewallsOwnFormatToldFromItsContent() throws IOException {
        List<String> logs = everyFirewallsLog();
        Result r = audit(with(logs, "--exit-code"));

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).doesNotContain("Unreadable");
        Golden.assertMatches("audit/firewall-formats.txt", r.out());

        Result json = audit(with(logs, "--format", "json"));
        JsonNode read = new ObjectMapper().readTree(json.out()).path("logs");
        assertThat(read.findValuesAsText("format"))
                .containsExactly("cisco-asa", "paloalto", "fortigate", "windows-firewall", "zeek", "checkpoint");
    }

    /**
     * Teams media blocked over UDP and let through over TCP 443, client by client: ASA denies UDP
     * 3478 for 10.0.0.5 and lets its TCP 443 to the same prefix through; 10.0.0.7 has only its UDP
     * denied (no fallback seen); 10.0.0.6 only TCP; Zeek shows 10.0.0.8's UDP unanswered and its TCP
     * 443 established.
     */
    static final String FALLBACK_ASA = """
            Nov 25 10:00:01 asa-edge : %ASA-4-106023: Deny udp src inside:10.0.0.5/50000 dst outside:52.112.1.1/3478 by access-group "in" [0x0, 0x0]
            Nov 25 10:00:02 asa-edge : %ASA-4-106023: Deny udp src inside:10.0.0.5/50001 dst outside:52.113.9.9/3481 by access-group "in" [0x0, 0x0]
            Nov 25 10:00:03 asa-edge : %ASA-6-302013: Built outbound TCP connection 7 for outside:52.112.1.1/443 (52.112.1.1/443) to inside:10.0.0.5/50002 (203.0.113.5/50002)
            Nov 25 10:00:04 asa-edge : %ASA-4-106023: Deny udp src inside:10.0.0.7/50003 dst outside:52.112.1.2/3479 by access-group "in" [0x0, 0x0]
            Nov 25 10:00:05 asa-edge : %ASA-6-302013: Built outbound TCP connection 8 for outside:52.112.1.3/443 (52.112.1.3/443) to inside:10.0.0.6/50004 (203.0.113.5/50004)
            """;

    static final String FALLBACK_ZEEK = """
            #separator \\x09
            #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tconn_state
            1764064801.5\tC1\t10.0.0.8\t50005\t52.112.7.7\t3480\tudp\tS0
            1764064802.5\tC2\t10.0.0.8\t50006\t52.112.7.8\t443\ttcp\tSF
            """;

    @Test
    void teamsMediaFallingBackToTcpIsReportedWithItsClientsAndPrefixes() throws IOException {
        Path asa = write("fallback-asa.log", FALLBACK_ASA);
        Path zeek = write("fallback-conn.log", FALLBACK_ZEEK);

        Result r = audit("--log", asa.toString(), "--log", zeek.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        Golden.assertMatches("audit/tcp-fallback.txt", r.out());
        assertThat(r.out())
                .contains("Teams media falling back to TCP: poor call quality (1)")
                .contains(
                        "  52.112.0.0/14 (set 11: Skype, Optimize): 2 clients (10.0.0.5, 10.0.0.8); UDP denied or failed 3 times,"
                                + " TCP 443 allowed 2 times");

        JsonNode j = new ObjectMapper()
                .readTree(audit("--log", asa.toString(), "--log", zeek.toString(), "--format", "json")
                        .out());
        JsonNode f = j.path("tcpFallback").get(0);
        assertThat(f.path("prefix").asText()).isEqualTo("52.112.0.0/14");
        assertThat(f.path("clients").toString()).isEqualTo("[\"10.0.0.5\",\"10.0.0.8\"]");
        assertThat(f.path("udpDeniedOrFailed").asLong()).isEqualTo(3);
        assertThat(f.path("tcp443Allowed").asLong()).isEqualTo(2);

        assertThat(audit("--log", asa.toString(), "--log", zeek.toString(), "--format", "csv")
                        .out())
                .contains("tcp-fallback,UDP,,52.112.0.0/14,11,Skype,Optimize,denied or failed,,,,10.0.0.5,,\n"
                        + "tcp-fallback,UDP,,52.112.0.0/14,11,Skype,Optimize,denied or failed,,,,10.0.0.8,,\n");
        assertThat(audit("--log", asa.toString(), "--log", zeek.toString(), "--format", "markdown")
                        .out())
                .contains("## Teams media falling back to TCP: poor call quality (1)")
                .contains("| `52.112.0.0/14` | 11 | Skype | Optimize | 2 clients (10.0.0.5, 10.0.0.8) | 3 | 2 |");

        // without the allowed TCP, blocked UDP is a rule gap but no fallback
        Result udpOnly = audit(
                "--log",
                write(
                                "udp-only.log",
                                FALLBACK_ASA
                                        .lines()
                                        .filter(l -> !l.contains("302013"))
                                        .reduce("", (a, l) -> a + l + "\n"))
                        .toString());
        assertThat(udpOnly.out()).contains("Rule gaps (1)").doesNotContain("falling back");
    }

    /**
     * A CQD query exported to CSV, with the dimensions and measures Microsoft documents for CQD:
     * relays in 52.112.0.0/14 (set 11, UDP 3478-3481), one outside every set, a failure reason per
     * row, the transport, building and subnet; the last row is over TCP.
     */
    static final String CQD = """
            Second Building Name,Second Subnet,First Relay IP,Second Relay IP,Second Relay Port,Transport,Call Setup Failure Reason,Total Stream Count,Total Call Setup Failed Stream Count
            Main,10.1.1.0,,52.112.1.1,3478,UDP,Missing FW IP Block Exemption Rule,14,12
            Main,10.1.1.0,,52.112.1.1,3478,UDP,Missing FW Deep Packet Inspection Exemption Rule,3,3
            Main,10.1.2.0,,52.113.9.9,3479,UDP,Missing FW IP Block Exemption Rule,5,5
            Annex,10.2.0.0,,198.51.100.7,3478,UDP,Other,2,2
            Main,10.1.1.0,,52.112.1.1,3478,UDP,Not Media Failure,40,0
            Annex,10.2.0.0,,52.112.7.7,443,TCP,Not Media Failure,30,0
            Annex,10.2.0.0,,,,,Other,1,1
            """;

    @Test
    void aCqdExportShowsFailuresPerRelayBuildingAndSubnetAndTcpStreamsApart() throws IOException {
        Path cqd = write("cqd.csv", CQD);

        Result r = audit("--log", cqd.toString(), "--exit-code");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        Golden.assertMatches("audit/cqd.txt", r.out());
        assertThat(r.out()).contains("Rule gaps: not known: only CQD exports were read, no firewall or proxy log.");
        assertThat(r.out())
                .contains("  Main, 10.1.1.0: relay 52.112.1.1 (52.112.0.0/14, set 11: Skype, Optimize, UDP 3478-3481):"
                        + " Missing FW IP Block Exemption Rule: 12 streams")
                .contains(
                        "  Annex, 10.2.0.0: relay 198.51.100.7 (listed by no endpoint set of this version): Other: 2 streams")
                .contains("Teams media over TCP to relays listed for UDP (1)")
                .contains(
                        "  Annex, 10.2.0.0: relay 52.112.7.7 (52.112.0.0/14, set 11: Skype, Optimize, UDP 3478-3481): 30 streams");

        JsonNode j = new ObjectMapper()
                .readTree(audit("--log", cqd.toString(), "--format", "json").out());
        assertThat(j.path("logs").get(0).path("format").asText()).isEqualTo("cqd");
        assertThat(j.path("mediaRelayFailures")).hasSize(4);
        assertThat(j.path("mediaRelayTcp").get(0).path("streams").asLong()).isEqualTo(30);
        assertThat(audit("--log", cqd.toString(), "--format", "csv").out())
                .contains(
                        "relay-failure,,3478-3481,52.112.1.1,11,Skype,Optimize,Missing FW IP Block Exemption Rule,12,,,,Main,10.1.1.0\n")
                .contains("relay-tcp,TCP,3478-3481,52.112.7.7,11,Skype,Optimize,tcp,30,,,,Annex,10.2.0.0\n");
        assertThat(audit("--log", cqd.toString(), "--format", "markdown").out())
                .contains("## Failures to Microsoft 365 media relays (4)")
                .contains(
                        "| Main | 10.1.2.0 | `52.113.9.9` | `52.112.0.0/14` | 11 | Optimize | 3478-3481 | Missing FW IP Block Exemption Rule | 5 |");

        // a relay that is no address is malformed; an export without a relay column cannot be read at all
        Result bad = audit(
                "--log",
                write("bad-cqd.csv", CQD.replace("52.113.9.9", "52.113.9")).toString());
        assertThat(bad.out()).contains("relay is not an IP address: '52.113.9'");
        Result none = audit(
                "--log",
                write("no-relay.csv", "First Subnet,Transport\n10.1.1.0,UDP\n").toString(),
                "--log-format",
                "cqd");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no 'First Relay IP' or 'Second Relay IP' column");
    }

    @Test
    void logFormatNamesEveryFormatInHelpCompletionAndErrors() {
        Result bad = audit("--log", "x.log", "--log-format", "sonicwall");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err())
                .contains("unknown log format 'sonicwall': use csv, syslog, squid, ips, cisco-asa, paloalto, fortigate,"
                        + " windows-firewall, zeek, checkpoint or cqd");
        assertThat(cli.run("audit", "--help").out().replaceAll("\\s+", " "))
                .contains(
                        "auto, csv, syslog, squid, ips, cisco-asa, paloalto, fortigate, windows-firewall, zeek, checkpoint, cqd: auto tells");
    }

    @Test
    void theReportGoesToAFileWhenAsked() throws IOException {
        Path out = dir.resolve("reports/audit.md");
        Files.createDirectories(out.getParent());

        Result r =
                audit("--log", write("kern.log", SYSLOG).toString(), "--format", "markdown", "--out", out.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + out + "\n");
        assertThat(Files.readString(out)).startsWith("# Microsoft 365 traffic audit: Worldwide 2019112700");
    }
}
