package io.github.o365watch.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.o365watch.inspect.Flow.Action;
import io.github.o365watch.inspect.Flow.Protocol;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogReaderTest {

    /** All flows of a log (without their clients, which {@code sources} holds in the same order), and the reader for its counts. */
    record Read(List<Flow> flows, List<String> sources, LogReader reader) {}

    static Read read(LogFormat format, Optional<Columns> columns, String text) {
        return read(format, columns, new StringReader(text));
    }

    static Read read(LogFormat format, Optional<Columns> columns, Reader in) {
        LogReader reader = new LogReader(in, format, columns);
        List<Flow> flows = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Optional<Flow> f = reader.next(); f.isPresent(); f = reader.next()) {
            Flow x = f.get();
            sources.add(x.source());
            flows.add(new Flow(x.destination(), x.hostname(), x.protocol(), x.port(), x.action(), x.time(), x.line()));
        }
        // every line is a flow, skipped or malformed
        assertThat(reader.flows()).isEqualTo(flows.size());
        assertThat(reader.lines()).isEqualTo(reader.flows() + reader.skipped() + reader.malformed());
        assertThat(reader.other()).isBetween(0L, reader.skipped());
        return new Read(flows, sources, reader);
    }

    static Read read(LogFormat format, String... lines) {
        return read(format, Optional.empty(), String.join("\n", lines) + "\n");
    }

    static Flow flow(
            String destination,
            boolean hostname,
            Protocol protocol,
            Integer port,
            Action action,
            String time,
            long line) {
        return new Flow(destination, hostname, protocol, Optional.ofNullable(port), action, time, line);
    }

    // ---- syslog: iptables and nftables kernel lines

    @Test
    void readsIptablesAndNftablesKernelLinesIpv4AndIpv6() {
        Read r = read(
                LogFormat.SYSLOG,
                "Nov 25 10:00:01 gw01 kernel: [812345.123456] DROP-OUT: IN=eth1 OUT=eth0 MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00"
                        + " SRC=10.0.0.5 DST=52.112.1.1 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=54321 DF PROTO=UDP SPT=50000 DPT=3478 LEN=40",
                "2026-11-25T10:00:02.123456+00:00 gw01 kernel: [nft-reject] IN=eth1 OUT=eth0 MAC=52:54:00:12:34:56:52:54:00:65:43:21:86:dd"
                        + " SRC=2001:0db8:0000:0000:0000:0000:0000:0005 DST=2603:1063:0000:0000:0000:0000:0000:0001 LEN=80 TC=0 HOPLIMIT=63"
                        + " FLOWLBL=123456 PROTO=TCP SPT=51000 DPT=443 WINDOW=64800 RES=0x00 SYN URGP=0",
                "Nov  5 09:00:03 gw01 kernel: [UFW ALLOW] IN= OUT=eth0 SRC=10.0.0.5 DST=13.107.42.14 LEN=60 TOS=0x00 PREC=0x00 TTL=64"
                        + " ID=1 DF PROTO=TCP SPT=50001 DPT=443 WINDOW=64240 RES=0x00 SYN URGP=0",
                "2026-11-25T10:00:04+0100 gw01 kernel: OUT-LOG: IN= OUT=eth0 SRC=2001:db8::5 DST=2603:1047:1:200::1 LEN=104 TC=0"
                        + " HOPLIMIT=64 FLOWLBL=0 PROTO=ICMPv6 TYPE=128 CODE=0 ID=7 SEQ=1",
                "<4>Nov 25 10:00:05 gw01 kernel: FINAL_REJECT: IN=eth0 OUT= MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00"
                        + " SRC=198.51.100.1 DST=10.0.0.5 LEN=88 TOS=0x00 PREC=0xC0 TTL=64 ID=99 PROTO=ICMP TYPE=3 CODE=3"
                        + " [SRC=10.0.0.5 DST=198.51.100.1 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=1 PROTO=UDP SPT=53 DPT=33434 LEN=40 ]",
                // no kernel tag (ulogd writes its own lines): the host name is not part of the prefix
                "Nov 25 10:00:06 block-01 ACCEPT-OUT: IN= OUT=eth0 SRC=10.0.0.5 DST=52.96.0.1 LEN=60 PROTO=TCP SPT=50002 DPT=443",
                "Nov 25 10:00:07 gw01 kernel: [812350.000000] Shorewall:loc2net:DROP:IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.108.0.1"
                        + " LEN=40 PROTO=47");
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.1", false, Protocol.UDP, 3478, Action.DENIED, "Nov 25 10:00:01", 1),
                        flow(
                                "2603:1063::1",
                                false,
                                Protocol.TCP,
                                443,
                                Action.DENIED,
                                "2026-11-25T10:00:02.123456+00:00",
                                2),
                        flow("13.107.42.14", false, Protocol.TCP, 443, Action.ALLOWED, "Nov  5 09:00:03", 3),
                        flow(
                                "2603:1047:1:200::1",
                                false,
                                Protocol.ICMP,
                                null,
                                Action.UNKNOWN,
                                "2026-11-25T10:00:04+0100",
                                4),
                        flow("10.0.0.5", false, Protocol.ICMP, null, Action.DENIED, "Nov 25 10:00:05", 5),
                        flow("52.96.0.1", false, Protocol.TCP, 443, Action.ALLOWED, "Nov 25 10:00:06", 6),
                        flow("52.108.0.1", false, Protocol.OTHER, null, Action.DENIED, "Nov 25 10:00:07", 7));
        // the client: the SRC= of the packet, not of the one an ICMP error quotes; canonical like the destination
        assertThat(r.sources())
                .containsExactly(
                        "10.0.0.5", "2001:db8::5", "10.0.0.5", "2001:db8::5", "198.51.100.1", "10.0.0.5", "10.0.0.5");
        assertThat(r.reader().malformed()).isZero();
    }

    @Test
    void syslogLinesThatAreNotPacketLogsAreSkippedAndBadAddressesAreMalformed() {
        Read r = read(
                LogFormat.SYSLOG,
                "Nov 25 10:00:01 gw01 sshd[1234]: Accepted publickey for admin from 10.0.0.9 port 50022 ssh2",
                "Nov 25 10:00:02 gw01 kernel: [812350.000000] e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex",
                "Nov 25 10:00:03 gw01 kernel: DROP: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.1.999 LEN=60 PROTO=TCP SPT=1 DPT=443",
                "Nov 25 10:00:04 gw01 kernel: DROP: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.1.9 LEN=60 PROTO=TCP SPT=1 DPT=99999",
                "Nov 25 10:00:05 gw01 kernel: DROP: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST= LEN=60 PROTO=TCP SPT=1 DPT=443",
                "",
                "Nov 25 10:00:06 gw01 kernel: DROP: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.1.9 LEN=60 PROTO=TCP SPT=1 DPT=443");
        assertThat(r.flows())
                .extracting(Flow::destination, Flow::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("52.112.1.9", 7L));
        assertThat(r.reader().skipped()).isEqualTo(3);
        assertThat(r.reader().malformed()).isEqualTo(3);
        assertThat(r.reader().problems())
                .extracting(Listed.Problem::line, Listed.Problem::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, "DST= is not an IP address: '52.112.1.999'"),
                        org.assertj.core.groups.Tuple.tuple(4, "port out of range: 99999"),
                        org.assertj.core.groups.Tuple.tuple(5, "DST= is not an IP address: ''"));
        assertThat(r.reader().problems().get(0).text()).startsWith("Nov 25 10:00:03 gw01 kernel: DROP:");
        // the sshd and link lines are of another kind; the blank line is not
        assertThat(r.reader().other()).isEqualTo(2);
        assertThat(r.reader().firstUnread())
                .get()
                .extracting(Listed.Problem::line, Listed.Problem::reason)
                .containsExactly(1, "no DST= field, not an iptables/nftables packet log line");
    }

    /**
     * Headers and comments belong to their format, lines without a flow of it do not: the
     * counts that tell a log of another kind (a Cisco ASA's messages behind a syslog header,
     * Windows Firewall's '#' header before fields no format here has) from one that was read.
     */
    @Test
    void linesOfAnotherKindAreCountedApartFromHeadersAndComments() {
        Read asa = read(
                LogFormat.SYSLOG,
                "Nov 25 10:00:01 asa %ASA-4-106023: Deny udp src inside:10.0.0.5/5000 dst outside:52.112.1.1/3478",
                "",
                "Nov 25 10:00:02 asa %ASA-4-106023: Deny udp src inside:10.0.0.5/5001 dst outside:52.112.1.1/3479");
        assertThat(asa.flows()).isEmpty();
        assertThat(asa.reader().other()).isEqualTo(2);
        assertThat(asa.reader().skipped()).isEqualTo(3);
        assertThat(asa.reader().firstUnread())
                .get()
                .extracting(Listed.Problem::line)
                .isEqualTo(1);

        Read ips = read(LogFormat.IPLIST, "# exported 2026-11-25", "#Fields: dst", "52.112.1.1", "# end");
        assertThat(ips.reader().other()).isZero();
        assertThat(ips.reader().skipped()).isEqualTo(3);
        assertThat(ips.reader().firstUnread()).isEmpty();

        Read windows = read(
                LogFormat.IPLIST,
                "#Version: 1.5",
                "#Fields: date time action protocol src-ip dst-ip",
                "2026-11-25 10:00:01 DROP UDP 10.0.0.5 52.112.1.1");
        assertThat(windows.reader().other()).isZero();
        assertThat(windows.reader().malformed()).isEqualTo(1);
        assertThat(windows.reader().firstUnread())
                .get()
                .extracting(Listed.Problem::line)
                .isEqualTo(3);

        Read csv = read(LogFormat.CSV, "time,dst,action", "1,52.112.1.1,deny", "time,dst,action", "2,52.112.1.2,deny");
        assertThat(csv.flows()).hasSize(2);
        assertThat(csv.reader().other()).isZero();
        assertThat(csv.reader().skipped()).isEqualTo(2);

        Read squid = read(
                LogFormat.SQUID,
                "1764064801.123 0 10.0.0.5 NONE_NONE/400 0 NONE error:invalid-request - HIER_NONE/- -");
        assertThat(squid.reader().other()).isEqualTo(1);
        assertThat(squid.reader().firstUnread())
                .get()
                .extracting(Listed.Problem::reason)
                .isEqualTo("the entry names no destination");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "[UFW BLOCK]               | DENIED",
                "[UFW LIMIT BLOCK]         | DENIED",
                "IPTABLES-DROPPED:         | DENIED",
                "filter_IN_public_REJECT:  | DENIED",
                "nft denied out            | DENIED",
                "fw-allow                  | ALLOWED",
                "PASS:                     | ALLOWED",
                "[UFW AUDIT]               | UNKNOWN",
                "LOG-OUT                   | UNKNOWN",
                "DROPIN                    | UNKNOWN",
            })
    void syslogActionComesFromTheWordsOfTheLogPrefix(String prefix, Action action) {
        Read r = read(
                LogFormat.SYSLOG,
                "Nov 25 10:00:01 gw01 kernel: [  99.000001] " + prefix.strip()
                        + " IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.1.1 LEN=60 PROTO=UDP SPT=50000 DPT=3478 LEN=40");
        assertThat(r.flows()).singleElement().extracting(Flow::action).isEqualTo(action);
    }

    // ---- squid access.log

    @Test
    void readsSquidAccessLogDeniedAllowedAndFailed() {
        Read r = read(
                LogFormat.SQUID,
                "1700000000.123    120 10.0.0.5 TCP_DENIED/403 3924 CONNECT outlook.office365.com:443 - HIER_NONE/- text/html",
                "1700000001.000  30211 10.0.0.6 TCP_TUNNEL/200 51234 CONNECT teams.microsoft.com:443 alice HIER_DIRECT/52.113.194.132 -",
                "1700000002.500  60000 10.0.0.7 NONE_NONE/503 0 CONNECT 52.112.1.1:3478 - HIER_NONE/- text/html",
                "1700000003.004    310 10.0.0.8 TCP_MISS_ABORTED/000 0 GET http://OfficeCDN.Microsoft.com/pr/file.cab - HIER_DIRECT/23.1.2.3 -",
                "1700000004.250     12 10.0.0.9 TCP_MISS/200 1024 GET https://[2603:1063:0:0::1]/x - HIER_DIRECT/2603:1063::1 application/json",
                "1700000005.000      0 10.0.0.9 NONE_NONE/400 3900 NONE error:invalid-request - HIER_NONE/- text/html",
                "1700000006.000      1 10.0.0.9 TCP_MISS/403 100 GET http://user:pw@login.microsoftonline.com:8080/a?b=c - HIER_DIRECT/1.2.3.4 text/html",
                "1700000007.000     77 10.0.0.9 TCP_DENIED/407 3900 CONNECT [2603:1063::2]:443 - HIER_NONE/- text/html",
                "1700000008.000  20001 10.0.0.9 TAG_NONE/200 0 CONNECT 52.113.194.132:443 - HIER_NONE/- -",
                "1700000009.000  20001 10.0.0.9 TCP_TUNNEL/504 0 CONNECT graph.microsoft.com.:443 - HIER_NONE/- -");
        assertThat(r.flows())
                .containsExactly(
                        flow(
                                "outlook.office365.com",
                                true,
                                Protocol.TCP,
                                443,
                                Action.DENIED,
                                "2023-11-14T22:13:20.123Z",
                                1),
                        flow("teams.microsoft.com", true, Protocol.TCP, 443, Action.ALLOWED, "2023-11-14T22:13:21Z", 2),
                        flow("52.112.1.1", false, Protocol.TCP, 3478, Action.FAILED, "2023-11-14T22:13:22.500Z", 3),
                        flow(
                                "officecdn.microsoft.com",
                                true,
                                Protocol.TCP,
                                80,
                                Action.FAILED,
                                "2023-11-14T22:13:23.004Z",
                                4),
                        flow("2603:1063::1", false, Protocol.TCP, 443, Action.ALLOWED, "2023-11-14T22:13:24.250Z", 5),
                        flow(
                                "login.microsoftonline.com",
                                true,
                                Protocol.TCP,
                                8080,
                                Action.ALLOWED,
                                "2023-11-14T22:13:26Z",
                                7),
                        flow("2603:1063::2", false, Protocol.TCP, 443, Action.DENIED, "2023-11-14T22:13:27Z", 8),
                        flow("52.113.194.132", false, Protocol.TCP, 443, Action.ALLOWED, "2023-11-14T22:13:28Z", 9),
                        flow(
                                "graph.microsoft.com",
                                true,
                                Protocol.TCP,
                                443,
                                Action.FAILED,
                                "2023-11-14T22:13:29Z",
                                10));
        assertThat(r.reader().skipped()).isEqualTo(1);
        assertThat(r.reader().malformed()).isZero();
    }

    @Test
    void squidLinesThatDoNotParseAreMalformedWithTheirReason() {
        Read r = read(
                LogFormat.SQUID,
                "1700000000.123    120 10.0.0.5 TCP_DENIED/403 3924",
                "17000x0000.123    120 10.0.0.5 TCP_DENIED/403 3924 CONNECT outlook.office365.com:443 - HIER_NONE/- text/html",
                "1700000000.123    120 10.0.0.5 TCP_DENIED 3924 CONNECT outlook.office365.com:443 - HIER_NONE/- text/html",
                "1700000000.123    120 10.0.0.5 TCP_DENIED/403 3924 CONNECT outlook.office365.com:http - HIER_NONE/- text/html",
                "1700000000.123    120 10.0.0.5 TCP_DENIED/403 3924 CONNECT out$look.com:443 - HIER_NONE/- text/html",
                "1700000000.123    120 10.0.0.5 TCP_DENIED/403 3924 GET outlook.office365.com/x - HIER_NONE/- text/html",
                "1700000000.123    120 10.0.0.5 TCP_DENIED/403 3924 CONNECT [outlook.com]:443 - HIER_NONE/- text/html",
                "1700000010.000    120 10.0.0.5 TCP_DENIED/403 3924 CONNECT outlook.office365.com:443 - HIER_NONE/- text/html");
        assertThat(r.flows()).extracting(Flow::line).containsExactly(8L);
        assertThat(r.reader().problems())
                .extracting(Listed.Problem::line, Listed.Problem::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                1, "a Squid access.log line has at least 7 fields, this has 5"),
                        org.assertj.core.groups.Tuple.tuple(2, "time is not epoch seconds: '17000x0000.123'"),
                        org.assertj.core.groups.Tuple.tuple(3, "result is not CODE/status: 'TCP_DENIED'"),
                        org.assertj.core.groups.Tuple.tuple(4, "port is not a number: 'http'"),
                        org.assertj.core.groups.Tuple.tuple(5, "not a host name or IP address: 'out$look.com'"),
                        org.assertj.core.groups.Tuple.tuple(6, "URL has no host: 'outlook.office365.com/x'"),
                        org.assertj.core.groups.Tuple.tuple(7, "not an IPv6 address in brackets: '[outlook.com]:443'"));
    }

    @ParameterizedTest
    @CsvSource({
        "TCP_DENIED, 403, DENIED",
        "TCP_DENIED_REPLY, 403, DENIED",
        "TCP_DENIED, 407, DENIED",
        "NONE_NONE, 000, FAILED",
        "TCP_MISS, 502, FAILED",
        "TCP_MISS_ABORTED, 200, FAILED",
        "TCP_TUNNEL_TIMEDOUT, 200, FAILED",
        "TCP_TUNNEL, 200, ALLOWED",
        "TCP_MISS, 403, ALLOWED",
        "TCP_HIT, 304, ALLOWED",
    })
    void squidActionRules(String code, String status, Action action) {
        Read r = read(
                LogFormat.SQUID,
                "1700000000.123    120 10.0.0.5 " + code + "/" + status
                        + " 0 CONNECT outlook.office365.com:443 - HIER_NONE/- -");
        assertThat(r.flows()).singleElement().extracting(Flow::action).isEqualTo(action);
    }

    // ---- CSV exports

    @Test
    void readsAFortiGateLikeCsvExportWithQuotedFields() {
        Read r = read(
                LogFormat.CSV,
                "date,time,devname,srcip,srcport,dstip,dstport,proto,action,policyid,msg",
                "2026-11-25,10:00:01,FGT-HQ,10.0.0.5,50000,52.112.1.1,3478,17,deny,12,\"Denied by forward policy check (policy 12)\"",
                "2026-11-25,10:00:02,FGT-HQ,10.0.0.5,50001,52.113.194.132,443,6,timeout,7,",
                "2026-11-25,10:00:03,FGT-HQ,10.0.0.6,50002,2603:1063:0000::1,443,6,close,7,",
                "2026-11-25,10:00:04,FGT-HQ,10.0.0.6,50003,13.107.42.14,443,6,server-rst,7,\"reset, by \"\"server\"\"\"",
                "2026-11-25,10:00:05,FGT-HQ,10.0.0.7,0,52.112.0.1,0,1,accept,7,\"ping, echo\"",
                "2026-11-25,10:00:06,FGT-HQ,10.0.0.7,1,52.112.0.2,443,6,,7,",
                "2026-11-25,10:00:07,FGT-HQ,10.0.0.7,1,52.112.0.3,443,47,ip-conn,7,");
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.1", false, Protocol.UDP, 3478, Action.DENIED, "10:00:01", 2),
                        flow("52.113.194.132", false, Protocol.TCP, 443, Action.FAILED, "10:00:02", 3),
                        flow("2603:1063::1", false, Protocol.TCP, 443, Action.ALLOWED, "10:00:03", 4),
                        flow("13.107.42.14", false, Protocol.TCP, 443, Action.FAILED, "10:00:04", 5),
                        flow("52.112.0.1", false, Protocol.ICMP, null, Action.ALLOWED, "10:00:05", 6),
                        flow("52.112.0.2", false, Protocol.TCP, 443, Action.UNKNOWN, "10:00:06", 7),
                        flow("52.112.0.3", false, Protocol.OTHER, 443, Action.UNKNOWN, "10:00:07", 8));
        assertThat(r.reader().skipped()).isEqualTo(1);
        assertThat(r.reader().malformed()).isZero();
    }

    @Test
    void readsAPanOsLikeExportWithByteOrderMarkCrLfAndQuotedHeader() {
        String text =
                "\uFEFF\"Receive Time\",\"Source address\",\"Destination address\",\"NAT Destination IP\",\"Destination Port\","
                        + "\"IP Protocol\",\"Action\",\"Rule\"\r\n"
                        + "\"2026/11/25 10:00:01\",\"10.0.0.5\",\"52.112.1.1\",\"0.0.0.0\",\"3478\",\"udp\",\"deny\",\"Block, then log\"\r\n"
                        + "\"2026/11/25 10:00:02\",\"10.0.0.5\",\"52.113.194.132\",\"0.0.0.0\",\"443\",\"tcp\",\"reset-both\",\"Strict \"\"egress\"\"\"\r\n"
                        + "\"2026/11/25 10:00:03\",\"10.0.0.5\",\"52.96.0.1\",\"0.0.0.0\",\"443\",\"tcp\",\"allow\",\"Office\"\r\n";
        Read r = read(LogFormat.CSV, Optional.empty(), text);
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.1", false, Protocol.UDP, 3478, Action.DENIED, "2026/11/25 10:00:01", 2),
                        flow("52.113.194.132", false, Protocol.TCP, 443, Action.DENIED, "2026/11/25 10:00:02", 3),
                        flow("52.96.0.1", false, Protocol.TCP, 443, Action.ALLOWED, "2026/11/25 10:00:03", 4));
        assertThat(r.reader().lines()).isEqualTo(4);
    }

    @Test
    void csvColumnsGivenBySpecWithSemicolonsAndHostNames() {
        Columns columns = Columns.parse("dst=Where, port=Svc Port ,action=Verdict,time=When");
        Read r = read(
                LogFormat.CSV,
                Optional.of(columns),
                "When;Where;svc_port;Verdict;Where\n"
                        + "t1;Outlook.Office365.com;443;BLOCKED;x\n"
                        + "t2;52.112.1.1;;allowed;x\n"
                        + "When;Where;svc_port;Verdict;Where\n"
                        + "t3;not a host;443;BLOCKED;x\n"
                        + "t4\n");
        assertThat(r.flows())
                .containsExactly(
                        flow("outlook.office365.com", true, Protocol.UNKNOWN, 443, Action.DENIED, "t1", 2),
                        flow("52.112.1.1", false, Protocol.UNKNOWN, null, Action.ALLOWED, "t2", 3));
        // the repeated header is skipped, not malformed
        assertThat(r.reader().skipped()).isEqualTo(2);
        assertThat(r.reader().problems())
                .extracting(Listed.Problem::line, Listed.Problem::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                5, "destination is not an IP address or host name: 'not a host'"),
                        org.assertj.core.groups.Tuple.tuple(6, "1 fields; the destination is in column 2"));
    }

    @Test
    void csvMalformedLinesAreCountedAndTheRestIsRead() {
        Read r = read(
                LogFormat.CSV,
                "dst_ip,dst_port,protocol,action",
                "52.112.1.1,443,tcp,\"deny",
                "52.112.1.2,https,tcp,deny",
                "52.112.1.300,443,tcp,deny",
                ",443,tcp,deny",
                "52.112.1.5,443,tcp,deny");
        assertThat(r.flows()).extracting(Flow::destination).containsExactly("52.112.1.5");
        assertThat(r.reader().malformed()).isEqualTo(4);
        assertThat(r.reader().problems()).extracting(Listed.Problem::line).containsExactly(2, 3, 4, 5);
        assertThat(r.reader().problems().get(0).reason()).startsWith("not a CSV record");
        assertThat(r.reader().problems().get(1).reason()).isEqualTo("port is not a number: 'https'");
        assertThat(r.reader().problems().get(3).reason()).isEqualTo("no destination");
    }

    @Test
    void csvWithoutARecognisableDestinationColumnSaysToUseColumns() {
        LogReader reader = new LogReader(
                new StringReader("when,where,what\n1,52.112.1.1,deny\n"), LogFormat.CSV, Optional.empty());
        assertThatThrownBy(reader::next)
                .isInstanceOf(LogFormatException.class)
                .hasMessage(
                        "cannot tell which CSV column holds the destination address: name it with --columns dst=COLUMN"
                                + " (the header is: when, where, what)");
        LogReader missing = new LogReader(
                new StringReader("when,where,what\n1,52.112.1.1,deny\n"),
                LogFormat.CSV,
                Optional.of(Columns.parse("dst=where,action=verdict")));
        assertThatThrownBy(missing::next)
                .isInstanceOf(LogFormatException.class)
                .hasMessage("the CSV header has no column 'verdict' (action); its columns are: when, where, what");
    }

    @Test
    void columnsAreGuessedFromCommonHeaderNames() {
        assertThat(Columns.guess(List.of(
                        "Receive Time",
                        "Source address",
                        "Destination address",
                        "Destination Port",
                        "IP Protocol",
                        "Action")))
                .contains(new Columns(
                        "Destination address",
                        Optional.of("Destination Port"),
                        Optional.of("IP Protocol"),
                        Optional.of("Action"),
                        Optional.of("Receive Time")));
        assertThat(Columns.guess(List.of("date", "time", "srcip", "srcport", "dstip", "dstport", "proto", "action")))
                .contains(new Columns(
                        "dstip",
                        Optional.of("dstport"),
                        Optional.of("proto"),
                        Optional.of("action"),
                        Optional.of("time")));
        assertThat(Columns.guess(List.of("Timestamp", "SRC-IP", "Destination_IP", "port", "sport", "Protocol")))
                .contains(new Columns(
                        "Destination_IP",
                        Optional.of("port"),
                        Optional.of("Protocol"),
                        Optional.empty(),
                        Optional.of("Timestamp")));
        assertThat(Columns.guess(List.of("DST", "DPort")))
                .contains(
                        new Columns("DST", Optional.of("DPort"), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(Columns.guess(List.of("src", "sport", "bytes"))).isEmpty();
        assertThat(Columns.guess(List.of())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "port=DstPort                   | dst=COLUMN is required (the column with the destination address)",
                "''                             | dst=COLUMN is required (the column with the destination address)",
                "dst=A,dest=B                   | unknown key 'dest' in 'dest=B': the keys are dst, port, proto, action, time",
                "dst=A,dst=B                    | 'dst' is given twice",
                "dst=                           | no column name after 'dst=': write dst=COLUMN",
                "dst                            | no column name after 'dst=': write dst=COLUMN",
            })
    void columnSpecErrorsNameTheProblem(String spec, String message) {
        assertThatThrownBy(() -> Columns.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void columnSpecWithEveryKey() {
        assertThat(Columns.parse("dst=DestinationIP,port=DstPort,proto=Protocol,action=Action,time=Time"))
                .isEqualTo(new Columns(
                        "DestinationIP",
                        Optional.of("DstPort"),
                        Optional.of("Protocol"),
                        Optional.of("Action"),
                        Optional.of("Time")));
    }

    // ---- IP lists

    @Test
    void readsAnIpListWithPortsCommentsAndCrLf() {
        Read r = read(
                LogFormat.IPLIST,
                Optional.empty(),
                "# addresses seen by the proxy\r\n"
                        + "52.112.1.1\r\n"
                        + "52.112.1.2:3478\r\n"
                        + "2603:1063::1\r\n"
                        + "[2603:1063:0::2]:443\r"
                        + "  13.107.6.152   # teams\n"
                        + "10.0.0.256\n"
                        + "1.2.3.0/24\n"
                        + "[2603::1\n"
                        + "52.112.1.3:\n"
                        + "\n"
                        + "52.112.1.4");
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.1", false, Protocol.UNKNOWN, null, Action.UNKNOWN, "", 2),
                        flow("52.112.1.2", false, Protocol.UNKNOWN, 3478, Action.UNKNOWN, "", 3),
                        flow("2603:1063::1", false, Protocol.UNKNOWN, null, Action.UNKNOWN, "", 4),
                        flow("2603:1063::2", false, Protocol.UNKNOWN, 443, Action.UNKNOWN, "", 5),
                        flow("13.107.6.152", false, Protocol.UNKNOWN, null, Action.UNKNOWN, "", 6),
                        flow("52.112.1.4", false, Protocol.UNKNOWN, null, Action.UNKNOWN, "", 12));
        assertThat(r.reader().problems())
                .extracting(Listed.Problem::line, Listed.Problem::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(7, "not an IP address: '10.0.0.256'"),
                        org.assertj.core.groups.Tuple.tuple(8, "not an IP address: '1.2.3.0/24'"),
                        org.assertj.core.groups.Tuple.tuple(9, "not [IPv6] or [IPv6]:port: '[2603::1'"),
                        org.assertj.core.groups.Tuple.tuple(10, "empty port: '52.112.1.3:'"));
        assertThat(r.reader().skipped()).isEqualTo(2);
        assertThat(r.reader().lines()).isEqualTo(12);
    }

    // ---- formats by id and by first line

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Nov 25 10:00:01 gw01 kernel: [812345.1] DROP: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.1.1 LEN=60 PROTO=UDP | SYSLOG",
                "Nov 25 10:00:01 gw01 systemd[1]: Started Session 3 of user root.                                           | SYSLOG",
                "2026-11-25T10:00:01.123456+00:00 gw01 rsyslogd: [origin software=\"rsyslogd\"] start                        | SYSLOG",
                "1700000000.123    120 10.0.0.5 TCP_DENIED/403 3924 CONNECT outlook.office365.com:443 - HIER_NONE/- text/html | SQUID",
                "\uFEFFdate,time,dstip,dstport                                                                               | CSV",
                "Receive Time;Destination address                                                                           | CSV",
                "52.112.1.1                                                                                                 | IPLIST",
                "[2603:1063::1]:443                                                                                         | IPLIST",
                "# seen today                                                                                               | IPLIST",
            })
    void detectsTheFormatFromTheFirstLine(String line, LogFormat format) {
        assertThat(LogFormat.detect(line.strip())).isEqualTo(format);
    }

    @Test
    void anUnknownFirstLineSaysWhichFormatsThereAre() {
        assertThatThrownBy(() -> LogFormat.detect("hello world"))
                .isInstanceOf(LogFormatException.class)
                .hasMessage(
                        "cannot tell the log format from the first line 'hello world': give it with --log-format csv, syslog, squid, ips, cisco-asa,"
                                + " paloalto, fortigate, windows-firewall, zeek, checkpoint or cqd");
        assertThatThrownBy(() -> LogFormat.detect(" ")).isInstanceOf(LogFormatException.class);
    }

    @Test
    void formatsByTheirIds() {
        assertThat(List.of("csv", "SYSLOG", "squid", "ips"))
                .map(LogFormat::parse)
                .containsExactly(LogFormat.CSV, LogFormat.SYSLOG, LogFormat.SQUID, LogFormat.IPLIST);
        assertThat(LogFormat.IPLIST.id()).isEqualTo("ips");
        assertThatThrownBy(() -> LogFormat.parse("iplist"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unknown log format 'iplist': use csv, syslog, squid, ips, cisco-asa, paloalto, fortigate, windows-firewall, zeek, checkpoint or cqd");
    }

    // ---- hostile input

    @Test
    void binaryGarbageIsMalformedAndReadingGoesOn() {
        byte[] garbage = new byte[600];
        new java.util.Random(42).nextBytes(garbage);
        garbage[17] = 0; // at least one NUL, whatever the draw
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\n' || garbage[i] == '\r') {
                garbage[i] = 1;
            }
        }
        String text = new String(garbage, StandardCharsets.UTF_8) + "\n";
        for (LogFormat format : LogFormat.values()) {
            if (format == LogFormat.CQD) {
                continue; // CqdReader's own test
            }
            String good = switch (format) {
                case CSV -> "dst\n" + text + "52.112.1.1\n";
                case SYSLOG ->
                    text
                            + "Nov 25 10:00:01 gw01 kernel: DROP: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.1.1 LEN=60 PROTO=UDP\n";
                case SQUID ->
                    text
                            + "1700000000.123 120 10.0.0.5 TCP_DENIED/403 3924 CONNECT 52.112.1.1:443 - HIER_NONE/- text/html\n";
                case IPLIST -> text + "52.112.1.1\n";
                case CISCO_ASA ->
                    text
                            + "%ASA-4-106023: Deny udp src inside:10.1.1.5/5 dst outside:52.112.1.1/3478 by access-group \"a\"\n";
                case PALOALTO ->
                    text + "1,2026/12/04 10:00:01,0128,TRAFFIC,drop,1,2026/12/04 10:00:00,10.1.1.5,52.112.1.1"
                            + ",".repeat(22) + "drop\n";
                case FORTIGATE ->
                    text
                            + "logid=\"0000000013\" type=\"traffic\" dstip=52.112.1.1 dstport=3478 proto=17 action=\"deny\"\n";
                case WINDOWS_FIREWALL ->
                    text + "2026-12-04 10:00:01 DROP UDP 10.1.1.5 52.112.1.1 50000 3478 0 - - - - - - - SEND\n";
                case ZEEK ->
                    "#fields\tts\tid.resp_h\tid.resp_p\tproto\tconn_state\n" + text
                            + "1.5\t52.112.1.1\t3478\tudp\tS0\n";
                case CHECKPOINT ->
                    text
                            + "time=1764842402|product=Firewall|action=Drop|loguid={0x1,0x0,0x2,0x3}|origin=192.0.2.1|dst=52.112.1.1"
                            + "|proto=17|service=3478|\n";
                case CQD -> throw new AssertionError("not read by LogReader");
            };
            Read r = read(format, Optional.empty(), good);
            assertThat(r.flows()).as(format.id()).extracting(Flow::destination).containsExactly("52.112.1.1");
            assertThat(r.reader().malformed()).as(format.id()).isEqualTo(1);
            assertThat(r.reader().problems().get(0).reason()).isEqualTo("control characters: binary data, not text");
            // the text shown has no control characters and stays short
            assertThat(r.reader().problems().get(0).text())
                    .hasSizeLessThanOrEqualTo(200)
                    .doesNotContainPattern("\\p{Cntrl}");
        }
    }

    @Test
    void aMillionCharacterLineIsMalformedAndHeldOnlyInPart() {
        String huge =
                "Nov 25 10:00:01 gw01 kernel: DROP: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.1.1 LEN=60 PROTO=UDP SPT=1 DPT=3478 "
                        + "X".repeat(1_000_000);
        Read r = read(
                LogFormat.SYSLOG,
                huge,
                "Nov 25 10:00:02 gw01 kernel: DROP: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112.1.2 LEN=60 PROTO=UDP SPT=1 DPT=3478");
        assertThat(r.flows())
                .extracting(Flow::destination, Flow::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("52.112.1.2", 2L));
        assertThat(r.reader().problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.reason()).isEqualTo("longer than 65536 characters");
            assertThat(p.text()).hasSize(200).startsWith("Nov 25 10:00:01").endsWith("...");
        });
    }

    @Test
    void aLogWithoutLineBreaksCostsOneCappedLine() {
        // 50 million characters, never a line break: produced on demand in pieces, never held
        String piece = "1".repeat(1000);
        Read r = read(LogFormat.IPLIST, Optional.empty(), new Generated(50_000, n -> piece));
        assertThat(r.flows()).isEmpty();
        assertThat(r.reader().lines()).isEqualTo(1);
        assertThat(r.reader().malformed()).isEqualTo(1);
    }

    @Test
    void aReaderThatFailsSurfacesAsUncheckedIoException() {
        Reader broken = new Reader() {
            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public void close() {}
        };
        LogReader reader = new LogReader(broken, LogFormat.IPLIST, Optional.empty());
        assertThatThrownBy(reader::next)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("disk gone");
    }

    // ---- streaming

    /** Produces {@code count} lines on demand (line n from {@code line}) and counts the characters handed out. */
    static final class Generated extends Reader {
        private final long count;
        private final java.util.function.LongFunction<String> line;
        private long next = 1;
        private String current = "";
        private int pos;
        long produced;
        boolean closed;

        Generated(long count, java.util.function.LongFunction<String> line) {
            this.count = count;
            this.line = line;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos == current.length()) {
                if (next > count) {
                    return -1;
                }
                current = line.apply(next++);
                pos = 0;
            }
            int n = Math.min(len, current.length() - pos);
            current.getChars(pos, pos + n, buf, off);
            pos += n;
            produced += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void streamsTwoHundredThousandLinesWithoutReadingAhead() throws IOException {
        // every 10th line another program's, every 1000th a bad address
        Generated log = new Generated(
                200_000,
                n -> n % 1000 == 0
                        ? "Nov 25 10:00:01 gw01 kernel: DROP: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112." + n
                                + " LEN=60 PROTO=UDP SPT=1 DPT=3478\n"
                        : n % 10 == 0
                                ? "Nov 25 10:00:01 gw01 CRON[" + n + "]: (root) CMD (run-parts /etc/cron.hourly)\n"
                                : "Nov 25 10:00:01 gw01 kernel: DROP: IN=eth1 OUT=eth0 SRC=10.0.0.5 DST=52.112."
                                        + (n / 256 % 256) + "." + (n % 256)
                                        + " LEN=60 PROTO=UDP SPT=50000 DPT=3478 LEN=40\n");
        LogReader reader = new LogReader(log, LogFormat.SYSLOG, Optional.empty());
        Flow first = reader.next().orElseThrow();
        assertThat(first.destination()).isEqualTo("52.112.0.1");
        // the first flow comes after one buffer, not after the whole input (about 23 MB)
        assertThat(log.produced).isLessThan(65_536);
        long flows = 1;
        Flow last = first;
        for (Optional<Flow> f = reader.next(); f.isPresent(); f = reader.next()) {
            flows++;
            last = f.get();
        }
        assertThat(flows).isEqualTo(180_000);
        assertThat(last.line()).isEqualTo(199_999);
        assertThat(reader.lines()).isEqualTo(200_000);
        assertThat(reader.skipped()).isEqualTo(19_800);
        assertThat(reader.malformed()).isEqualTo(200);
        assertThat(reader.problems())
                .hasSize(LogReader.MAX_PROBLEMS)
                .extracting(Listed.Problem::line)
                .containsExactly(
                        1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000, 12000, 13000, 14000, 15000,
                        16000, 17000, 18000, 19000, 20000);
        reader.close();
        assertThat(log.closed).isTrue();
    }
}
