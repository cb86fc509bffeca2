package io.github.o365watch.inspect;

import static io.github.o365watch.inspect.LogReaderTest.flow;
import static io.github.o365watch.inspect.LogReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.o365watch.inspect.Flow.Action;
import io.github.o365watch.inspect.Flow.Protocol;
import io.github.o365watch.inspect.LogReaderTest.Read;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The firewall log formats, with sample lines written field by field after each vendor's
 * documentation of the format (docs/audit-formats.md names the documents).
 */
class FirewallLogFormatsTest {

    // ---- Cisco ASA / FTD

    @Test
    void readsAsaDenyMessagesOfEveryDocumentedIdPlainAndBehindHeaders() {
        Read r = read(
                LogFormat.CISCO_ASA,
                "%ASA-4-106023: Deny udp src inside:10.1.1.5/50000 dst outside:52.112.1.1/3478 by access-group \"inside_in\" [0x0, 0x0]",
                "Dec 04 2026 10:00:01: %ASA-4-106023: Deny tcp src inside:2001:db8::5/51000 dst outside:2603:1063::1/443 by access-group"
                        + " \"inside_in\" [0x8ed66b60, 0xf8852875]",
                "<166>Dec  4 10:00:02 fw01 : %ASA-6-106100: access-list inside_in denied udp inside/10.1.1.5(50001) -> outside/52.112.1.2(3479)"
                        + " hit-cnt 1 first hit [0x91c4c4bd, 0x0]",
                "2026-12-04T10:00:03Z fw01 : %FTD-6-106100: access-list inside_in permitted tcp inside/10.1.1.5(51001) -> outside/52.112.1.3(443)"
                        + " hit-cnt 1 first hit [0x0, 0x0]",
                "%ASA-2-106001: Inbound TCP connection denied from 52.112.1.4/443 to 10.1.1.5/51002 flags SYN ACK on interface outside",
                "%ASA-2-106006: Deny inbound UDP from 52.112.1.5/3478 to 10.1.1.5/50002 on interface outside",
                "%ASA-2-106007: Deny inbound UDP from 192.0.2.53/53 to 10.1.1.5/53 due to DNS Response.",
                "%ASA-3-106014: Deny inbound icmp src outside:52.112.1.6 dst inside:10.1.1.5 (type 8, code 0)",
                "%ASA-6-106015: Deny TCP (no connection) from 10.1.1.5/51003 to 52.112.1.7/443 flags RST  on interface inside",
                "%ASA-4-106023: Deny icmp src inside:10.1.1.5 dst outside:52.112.1.8 (type 8, code 0) by access-group \"inside_in\" [0x0, 0x0]");
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.1", false, Protocol.UDP, 3478, Action.DENIED, "", 1),
                        flow("2603:1063::1", false, Protocol.TCP, 443, Action.DENIED, "Dec 04 2026 10:00:01", 2),
                        flow("52.112.1.2", false, Protocol.UDP, 3479, Action.DENIED, "Dec  4 10:00:02", 3),
                        flow("52.112.1.3", false, Protocol.TCP, 443, Action.ALLOWED, "2026-12-04T10:00:03Z", 4),
                        flow("10.1.1.5", false, Protocol.TCP, 51002, Action.DENIED, "", 5),
                        flow("10.1.1.5", false, Protocol.UDP, 50002, Action.DENIED, "", 6),
                        flow("10.1.1.5", false, Protocol.UDP, 53, Action.DENIED, "", 7),
                        flow("10.1.1.5", false, Protocol.ICMP, null, Action.DENIED, "", 8),
                        flow("52.112.1.7", false, Protocol.TCP, 443, Action.DENIED, "", 9),
                        flow("52.112.1.8", false, Protocol.ICMP, null, Action.DENIED, "", 10));
        assertThat(r.sources())
                .containsExactly(
                        "10.1.1.5",
                        "2001:db8::5",
                        "10.1.1.5",
                        "10.1.1.5",
                        "52.112.1.4",
                        "52.112.1.5",
                        "192.0.2.53",
                        "52.112.1.6",
                        "10.1.1.5",
                        "10.1.1.5");
        assertThat(r.reader().malformed()).isZero();
    }

    @Test
    void readsAsaBuiltConnectionsByTheirDirectionAndTeardownAsTheFormatsOwnLine() {
        Read r = read(
                LogFormat.CISCO_ASA,
                "%ASA-6-302013: Built outbound TCP connection 9 for outside:52.112.1.8/443 (52.112.1.8/443) to inside:10.1.1.5/53496"
                        + " (198.51.100.1/53496)",
                "%ASA-6-302015: Built inbound UDP connection 10 for inside:10.1.1.5/50003 (198.51.100.1/50003) to outside:52.112.1.9/3478"
                        + " (52.112.1.9/3478)",
                "%ASA-6-302013: Built inbound TCP connection 8 for inside:10.1.1.2/12523 (10.1.1.2/12523) to NP Identity Ifc:10.1.1.1/22"
                        + " (10.1.1.1/22)",
                "%ASA-6-302014: Teardown TCP connection 9 for outside:52.112.1.8/443 to inside:10.1.1.5/53496 duration 0:00:30 bytes 0 SYN Timeout",
                "%ASA-6-302016: Teardown UDP connection 10 for inside:10.1.1.5/50003 to outside:52.112.1.9/3478 duration 0:02:01 bytes 1200",
                "%ASA-6-305011: Built dynamic TCP translation from inside:10.1.1.5/53496 to outside:198.51.100.1/53496",
                "Dec  4 10:00:03 fw01 sshd[42]: Accepted publickey for admin from 10.1.1.9 port 50522 ssh2");
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.8", false, Protocol.TCP, 443, Action.ALLOWED, "", 1),
                        flow("52.112.1.9", false, Protocol.UDP, 3478, Action.ALLOWED, "", 2),
                        flow("10.1.1.1", false, Protocol.TCP, 22, Action.ALLOWED, "", 3));
        assertThat(r.sources()).containsExactly("10.1.1.5", "10.1.1.5", "10.1.1.2");
        assertThat(r.reader().skipped()).isEqualTo(4);
        assertThat(r.reader().other()).isEqualTo(1);
        assertThat(r.reader().firstUnread())
                .get()
                .extracting(Listed.Problem::line)
                .isEqualTo(7);
    }

    @Test
    void asaMessagesWhoseDestinationCannotBeReadAreMalformed() {
        Read r = read(
                LogFormat.CISCO_ASA,
                "%ASA-4-106023: Deny udp src inside:10.1.1.5/50000 dst outside:52.112.1.300/3478 by access-group \"inside_in\" [0x0, 0x0]",
                "%ASA-6-106100: access-list inside_in maybe udp inside/10.1.1.5(50001) -> outside/52.112.1.2(3479) hit-cnt 1 first hit",
                "%ASA-4-106023: Deny udp src inside:10.1.1.5/50000 dst outside:52.112.1.1/99999 by access-group \"inside_in\"",
                "%ASA-6-302013: Built sideways TCP connection 9 for outside:52.112.1.8/443 to inside:10.1.1.5/53496");
        assertThat(r.flows()).isEmpty();
        assertThat(r.reader().problems())
                .extracting(Listed.Problem::line, Listed.Problem::reason)
                .containsExactly(
                        tuple(1, "destination is not an IP address: '52.112.1.300'"),
                        tuple(2, "106100 verdict is not permitted, denied or est-allowed: 'maybe'"),
                        tuple(3, "port out of range: 99999"),
                        tuple(4, "Built message that is neither inbound nor outbound"));
    }

    // ---- PAN-OS

    /** A traffic record in the documented order of PAN-OS's traffic log fields, from FUTURE_USE to Packets Received and on. */
    static String panos(
            String type, String subtype, String destination, String port, String protocol, String action, String rule) {
        return String.join(
                ",",
                List.of(
                        "1",
                        "2026/12/04 10:00:01",
                        "012801012345",
                        type,
                        subtype,
                        "2561",
                        "2026/12/04 10:00:00", // FUTURE_USE .. Generated Time
                        "10.1.1.5",
                        destination,
                        "0.0.0.0",
                        "0.0.0.0",
                        rule,
                        "",
                        "",
                        "not-applicable",
                        "vsys1", // addresses, rule, users, app, vsys
                        "trust",
                        "untrust",
                        "ethernet1/2",
                        "",
                        "default",
                        "2026/12/04 10:00:01",
                        "7170",
                        "1", // zones, interfaces, log action, session, repeat
                        "50000",
                        port,
                        "0",
                        "0",
                        "0x0",
                        protocol,
                        action, // ports, flags, protocol, action
                        "90",
                        "90",
                        "0",
                        "1",
                        "2026/12/04 09:59:59",
                        "0",
                        "any",
                        "",
                        "7051939452",
                        "0x0", // bytes .. action flags
                        "10.0.0.0-10.255.255.255",
                        "United States",
                        "",
                        "1",
                        "0",
                        "policy-deny")); // locations .. session end reason
    }

    @Test
    void readsPanosTrafficRecordsWithAndWithoutASyslogHeader() {
        Read r = read(
                LogFormat.PALOALTO,
                panos("TRAFFIC", "drop", "52.112.1.1", "3478", "udp", "drop", "block-udp"),
                "<14>Dec  4 10:00:01 PA-VM "
                        + panos("TRAFFIC", "deny", "2603:1063::1", "3479", "udp", "reset-both", "\"Teams, media\""),
                "<14>1 2026-12-04T10:00:01+00:00 PA-VM - - - - "
                        + panos("TRAFFIC", "end", "52.112.1.2", "443", "tcp", "allow", "web"),
                panos("TRAFFIC", "deny", "52.112.1.3", "443", "tcp", "deny", "block-all"),
                panos("THREAT", "vulnerability", "52.112.1.4", "443", "tcp", "alert", "web"),
                "Dec  4 10:00:02 PA-VM sshd[42]: session opened");
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.1", false, Protocol.UDP, 3478, Action.DENIED, "2026/12/04 10:00:00", 1),
                        flow("2603:1063::1", false, Protocol.UDP, 3479, Action.DENIED, "2026/12/04 10:00:00", 2),
                        flow("52.112.1.2", false, Protocol.TCP, 443, Action.ALLOWED, "2026/12/04 10:00:00", 3),
                        flow("52.112.1.3", false, Protocol.TCP, 443, Action.DENIED, "2026/12/04 10:00:00", 4));
        assertThat(r.sources()).containsOnly("10.1.1.5");
        assertThat(r.reader().skipped()).isEqualTo(2);
        assertThat(r.reader().other()).isEqualTo(1);
    }

    @Test
    void panosRecordsCutShortOrWithABadAddressAreMalformed() {
        String full = panos("TRAFFIC", "drop", "52.112.1.1", "3478", "udp", "drop", "r");
        Read r = read(
                LogFormat.PALOALTO,
                full.substring(0, full.indexOf(",50000,")),
                panos("TRAFFIC", "drop", "52.112.1", "3478", "udp", "drop", "r"),
                panos("TRAFFIC", "drop", "52.112.1.1", "3478", "udp", "drop", "\"unclosed"));
        assertThat(r.flows()).isEmpty();
        assertThat(r.reader().problems())
                .extracting(Listed.Problem::line, Listed.Problem::reason)
                .containsExactly(
                        tuple(1, "a PAN-OS TRAFFIC record of 24 fields; the action is field 31"),
                        tuple(2, "Destination Address is not an IP address: '52.112.1'"),
                        tuple(3, "an unclosed quote in field 12"));
    }

    /** The CSV the PAN-OS web interface exports: its columns are recognised by the CSV reader. */
    @Test
    void readsThePanosWebInterfaceCsvExportByItsColumnNames() {
        Read r = read(
                LogFormat.CSV,
                "Domain,Receive Time,Serial #,Type,Threat/Content Type,Config Version,Generate Time,Source address,Destination address,"
                        + "NAT Source IP,NAT Destination IP,Rule,Source User,Destination User,Application,Virtual System,Source Zone,"
                        + "Destination Zone,Inbound Interface,Outbound Interface,Log Action,Time Logged,Session ID,Repeat Count,Source Port,"
                        + "Destination Port,NAT Source Port,NAT Destination Port,Flags,IP Protocol,Action",
                "1,2026/12/04 10:00:01,012801012345,TRAFFIC,drop,2561,2026/12/04 10:00:00,10.1.1.5,52.112.1.1,0.0.0.0,0.0.0.0,block-udp,,,"
                        + "not-applicable,vsys1,trust,untrust,ethernet1/2,,default,2026/12/04 10:00:01,7170,1,50000,3478,0,0,0x0,udp,reset-both");
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.1", false, Protocol.UDP, 3478, Action.DENIED, "2026/12/04 10:00:01", 2));
    }

    // ---- FortiGate

    @Test
    void readsFortigateTrafficLogsQuotedAndUnquoted() {
        Read r = read(
                LogFormat.FORTIGATE,
                "date=2026-12-04 time=10:00:01 devname=\"FGT-HQ\" devid=\"FGT60F0000000001\" logid=\"0000000013\" type=\"traffic\""
                        + " subtype=\"forward\" level=\"notice\" vd=\"root\" eventtime=1764842401000000000 srcip=10.1.1.5 srcport=50000"
                        + " srcintf=\"internal\" srcintfrole=\"lan\" dstip=52.112.1.1 dstport=3478 dstintf=\"wan1\" dstintfrole=\"wan\""
                        + " sessionid=105048 proto=17 action=\"deny\" policyid=0 policytype=\"policy\" service=\"udp/3478\" trandisp=\"noop\""
                        + " duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0 appcat=\"unscanned\" crscore=30 craction=131072 crlevel=\"high\"",
                "<189>date=2026-12-04 time=10:00:02 logid=0000000013 type=traffic subtype=forward level=notice vd=root srcip=10.1.1.5"
                        + " srcport=51000 dstip=2603:1063::1 dstport=443 proto=6 action=close policyid=1 service=HTTPS",
                "Dec  4 10:00:03 fgt logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" eventtime=1764842403 dstip=52.112.1.2"
                        + " dstport=3479 proto=17 action=\"timeout\" comment=\"media, udp\"",
                "date=2026-12-04 time=10:00:04 logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" dstip=52.112.1.3 dstport=443"
                        + " proto=6 action=\"ip-conn\"",
                "date=2026-12-04 time=10:00:05 logid=\"0100032001\" type=\"event\" subtype=\"system\" level=\"information\" vd=\"root\""
                        + " logdesc=\"Admin login successful\" action=\"login\"");
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.1", false, Protocol.UDP, 3478, Action.DENIED, "2026-12-04 10:00:01", 1),
                        flow("2603:1063::1", false, Protocol.TCP, 443, Action.ALLOWED, "2026-12-04 10:00:02", 2),
                        flow("52.112.1.2", false, Protocol.UDP, 3479, Action.FAILED, "1764842403", 3),
                        flow("52.112.1.3", false, Protocol.TCP, 443, Action.FAILED, "2026-12-04 10:00:04", 4));
        // the last two name no srcip
        assertThat(r.sources()).containsExactly("10.1.1.5", "10.1.1.5", "", "");
        assertThat(r.reader().skipped()).isEqualTo(1);
        assertThat(r.reader().other()).isZero();
    }

    @Test
    void fortigateTrafficLogsWithoutAReadableDestinationAreMalformed() {
        Read r = read(
                LogFormat.FORTIGATE,
                "date=2026-12-04 time=10:00:01 logid=\"0000000013\" type=\"traffic\" dstip=52.112.1 dstport=3478 proto=17 action=\"deny\"",
                "date=2026-12-04 time=10:00:01 logid=\"0000000013\" type=\"traffic\" dstport=3478 proto=17 action=\"deny\"",
                "date=2026-12-04 time=10:00:01 logid=\"0000000013\" type=\"traffic\" dstip=52.112.1.1 action=\"deny",
                "date=2026-12-04 time=10:00:01 devname=FGT type=traffic dstip=52.112.1.1");
        assertThat(r.flows()).isEmpty();
        assertThat(r.reader().problems())
                .extracting(Listed.Problem::line, Listed.Problem::reason)
                .containsExactly(
                        tuple(1, "dstip= is not an IP address: '52.112.1'"),
                        tuple(2, "a traffic log without dstip="),
                        tuple(3, "an unclosed quote in the value of action="));
        assertThat(r.reader().other()).isEqualTo(1);
    }

    // ---- Windows Firewall

    @Test
    void readsWindowsFirewallLogsByTheirFieldsHeader() {
        Read r = read(
                LogFormat.WINDOWS_FIREWALL,
                "#Version: 1.5",
                "#Software: Microsoft Windows Firewall",
                "#Time Format: Local",
                "#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info"
                        + " path pid",
                "",
                "2026-12-04 10:00:01 DROP UDP 10.1.1.5 52.112.1.1 50000 3478 0 - - - - - - - SEND 4242",
                "2026-12-04 10:00:02 ALLOW TCP 10.1.1.5 2603:1063::1 51000 443 0 - - - - - - - SEND 4242",
                "2026-12-04 10:00:03 DROP ICMP 10.1.1.5 52.112.1.2 - - 0 - - - - 8 0 - SEND 4",
                "2026-12-04 10:00:04 INFO-EVENTS-LOST - - - - - - - - - - - - 12 - -",
                "2026-12-04 10:00:05 DROP UDP 10.1.1.5 - 50000 3478 0 - - - - - - - SEND 4242",
                "2026-12-04 10:00:06 DROP UDP 10.1.1.5");
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.1", false, Protocol.UDP, 3478, Action.DENIED, "2026-12-04 10:00:01", 6),
                        flow("2603:1063::1", false, Protocol.TCP, 443, Action.ALLOWED, "2026-12-04 10:00:02", 7),
                        flow("52.112.1.2", false, Protocol.ICMP, null, Action.DENIED, "2026-12-04 10:00:03", 8));
        assertThat(r.sources()).containsOnly("10.1.1.5");
        assertThat(r.reader().skipped()).isEqualTo(6);
        assertThat(r.reader().other()).isZero();
        assertThat(r.reader().problems())
                .extracting(Listed.Problem::line, Listed.Problem::reason)
                .containsExactly(
                        tuple(10, "dst-ip is not an IP address: '-'"), tuple(11, "5 fields; the header names 8"));
    }

    @Test
    void aFieldsHeaderWithoutTheDestinationIsAFormatError() {
        assertThatThrownBy(() -> read(LogFormat.WINDOWS_FIREWALL, "#Fields: date time action protocol src-ip"))
                .isInstanceOf(LogFormatException.class)
                .hasMessageContaining("no 'action' or no 'dst-ip' column");
    }

    // ---- Zeek

    @Test
    void readsZeekConnLogTsvByItsHeaderWithConnStateAsTheOutcome() {
        String fields = String.join(
                "\t",
                "#fields",
                "ts",
                "uid",
                "id.orig_h",
                "id.orig_p",
                "id.resp_h",
                "id.resp_p",
                "proto",
                "service",
                "duration",
                "orig_bytes",
                "resp_bytes",
                "conn_state",
                "local_orig",
                "local_resp",
                "missed_bytes",
                "history",
                "orig_pkts",
                "orig_ip_bytes",
                "resp_pkts",
                "resp_ip_bytes",
                "tunnel_parents");
        Read r = read(
                LogFormat.ZEEK,
                "#separator \\x09",
                "#set_separator\t,",
                "#empty_field\t(empty)",
                "#unset_field\t-",
                "#path\tconn",
                "#open\t2026-12-04-10-00-00",
                fields,
                "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount"
                        + "\tcount\tcount\tcount\tset[string]",
                "1764842401.123456\tCHhAvVGS1DHFjwGM9\t10.1.1.5\t50000\t52.112.1.1\t3478\tudp\t-\t-\t-\t-\tS0\tT\tF\t0\tD\t3\t300\t0\t0\t-",
                "1764842402.000001\tC2\t10.1.1.5\t51000\t2603:1063::1\t443\ttcp\tssl\t30.5\t1200\t5400\tSF\tT\tF\t0\tShADadFf\t12\t1800\t10"
                        + "\t6000\t-",
                "1764842403.5\tC3\t10.1.1.5\t51001\t52.112.1.2\t443\ttcp\t-\t0.01\t0\t0\tREJ\tT\tF\t0\tSr\t1\t60\t1\t40\t-",
                "1764842404.5\tC4\t10.1.1.5\t8\t52.112.1.3\t0\ticmp\t-\t-\t-\t-\tOTH\tT\tF\t0\t-\t1\t84\t0\t0\t-",
                "1764842405.5\tC5\t10.1.1.5\t51002\t52.112.1.300\t443\ttcp\t-\t-\t-\t-\tS0\tT\tF\t0\tS\t1\t60\t0\t0\t-",
                "1764842406.5\tC6\t10.1.1.5",
                "#close\t2026-12-04-11-00-00");
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.1", false, Protocol.UDP, 3478, Action.FAILED, "1764842401.123456", 9),
                        flow("2603:1063::1", false, Protocol.TCP, 443, Action.ALLOWED, "1764842402.000001", 10),
                        flow("52.112.1.2", false, Protocol.TCP, 443, Action.FAILED, "1764842403.5", 11),
                        flow("52.112.1.3", false, Protocol.ICMP, null, Action.FAILED, "1764842404.5", 12));
        assertThat(r.sources()).containsOnly("10.1.1.5");
        assertThat(r.reader().problems())
                .extracting(Listed.Problem::line, Listed.Problem::reason)
                .containsExactly(
                        tuple(13, "id.resp_h is not an IP address: '52.112.1.300'"),
                        tuple(14, "3 tab-separated fields; #fields names 12"));
        assertThat(r.reader().skipped()).isEqualTo(9);
    }

    @Test
    void readsZeekConnLogJson() {
        Read r = read(
                LogFormat.ZEEK,
                "{\"ts\":1764842401.123456,\"uid\":\"C1\",\"id.orig_h\":\"10.1.1.5\",\"id.orig_p\":50000,\"id.resp_h\":\"52.112.1.1\","
                        + "\"id.resp_p\":3478,\"proto\":\"udp\",\"conn_state\":\"S0\",\"local_orig\":true,\"history\":\"D\",\"orig_pkts\":3,"
                        + "\"tunnel_parents\":[]}",
                "{\"ts\":1764842402.5,\"uid\":\"C2\",\"id.orig_h\":\"10.1.1.5\",\"id.orig_p\":51000,\"id.resp_h\":\"2603:1063::1\","
                        + "\"id.resp_p\":443,\"proto\":\"tcp\",\"service\":\"ssl\",\"conn_state\":\"RSTO\"}",
                "{\"ts\":1764842403.5,\"uid\":\"C3\",\"id.orig_h\":\"10.1.1.5\",\"id.orig_p\":51001,\"id.resp_p\":443,\"proto\":\"tcp\"}",
                "{\"ts\":1764842404.5,\"id.resp_h\":\"52.112.1.2\",");
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.1", false, Protocol.UDP, 3478, Action.FAILED, "1764842401.123456", 1),
                        flow("2603:1063::1", false, Protocol.TCP, 443, Action.ALLOWED, "1764842402.5", 2));
        assertThat(r.sources()).containsOnly("10.1.1.5");
        assertThat(r.reader().problems()).extracting(Listed.Problem::line).containsExactly(3, 4);
        assertThat(r.reader().problems().get(0).reason()).isEqualTo("a JSON record without id.resp_h");
        assertThat(r.reader().problems().get(1).reason()).startsWith("not valid JSON");
    }

    @Test
    void zeekRecordsBeforeTheFieldsHeaderAreOfAnotherKind() {
        Read r = read(LogFormat.ZEEK, "1764842401.1\tC1\t10.1.1.5\t50000\t52.112.1.1\t3478\tudp");
        assertThat(r.flows()).isEmpty();
        assertThat(r.reader().other()).isEqualTo(1);
    }

    // ---- Check Point (Log Exporter)

    @Test
    void readsCheckPointLogExporterInItsSyslogAndSplunkForms() {
        Read r = read(
                LogFormat.CHECKPOINT,
                // syslog form: an RFC 5424 header, then [key:"value"; ...]
                "<134>1 2026-12-04T10:00:01Z gw-hq CheckPoint 13752 - [action:\"Drop\"; flags:\"411908\"; ifdir:\"outbound\";"
                        + " ifname:\"eth1\"; logid:\"0\"; loguid:\"{0x6750270f,0x0,0x5b20a8c0,0x7d5707b6}\"; origin:\"192.0.2.1\";"
                        + " originsicname:\"CN=gw-hq,O=mgmt..abcd\"; sequencenum:\"1\"; time:\"1764842401\"; version:\"5\";"
                        + " dst:\"52.112.1.1\"; inzone:\"Internal\"; outzone:\"External\"; product:\"VPN-1 & FireWall-1\"; proto:\"17\";"
                        + " rule_action:\"Drop\"; s_port:\"50000\"; service:\"3478\"; service_id:\"stun\"; src:\"10.1.1.5\"]",
                // Splunk form: key=value|..., '=' in a value escaped
                "time=1764842402|hostname=gw-hq|product=Firewall|layer_name=Network|action=Accept|ifdir=outbound|ifname=eth1|logid=0"
                        + "|loguid={0x6750270f,0x0,0x5b20a8c0,0x7d5707b7}|origin=192.0.2.1|originsicname=cn\\=gw-hq,o\\=mgmt..abcd"
                        + "|sequencenum=2|version=5|dst=2603:1063::1|inzone=Internal|outzone=External|proto=6|s_port=51000|service=443"
                        + "|service_id=https|src=10.1.1.5|",
                "<134>1 2026-12-04T10:00:03Z gw-hq CheckPoint 13752 - [action:\"Reject\"; loguid:\"{0x6750270f,0x0,0x5b20a8c0,0x7d5707b8}\";"
                        + " origin:\"192.0.2.1\"; time:\"1764842403\"; dst:\"52.112.1.2\"; product:\"VPN-1 & FireWall-1\"; proto:\"6\";"
                        + " service:\"443\"]",
                // an update of an earlier log: no destination, no verdict
                "<134>1 2026-12-04T10:00:04Z gw-hq CheckPoint 13752 - [action:\"Update\"; loguid:\"{0x6750270f,0x0,0x5b20a8c0,0x7d5707b6}\";"
                        + " origin:\"192.0.2.1\"; product:\"VPN-1 & FireWall-1\"]");
        assertThat(r.flows())
                .containsExactly(
                        flow("52.112.1.1", false, Protocol.UDP, 3478, Action.DENIED, "1764842401", 1),
                        flow("2603:1063::1", false, Protocol.TCP, 443, Action.ALLOWED, "1764842402", 2),
                        flow("52.112.1.2", false, Protocol.TCP, 443, Action.DENIED, "1764842403", 3));
        assertThat(r.sources()).containsExactly("10.1.1.5", "10.1.1.5", "");
        assertThat(r.reader().skipped()).isEqualTo(1);
        assertThat(r.reader().problems()).isEmpty();
    }

    @Test
    void checkPointVerdictsWithoutAReadableDestinationAreMalformed() {
        Read r = read(
                LogFormat.CHECKPOINT,
                "<134>1 2026-12-04T10:00:01Z gw CheckPoint 1 - [action:\"Drop\"; loguid:\"{0x1,0x0,0x2,0x3}\"; dst:\"52.112.1\"]",
                "<134>1 2026-12-04T10:00:01Z gw CheckPoint 1 - [action:\"Drop\"; loguid:\"{0x1,0x0,0x2,0x4}\"; service:\"443\"]",
                "<134>1 2026-12-04T10:00:01Z gw CheckPoint 1 - [action:\"Drop\"; loguid:\"{0x1,0x0,0x2,0x5}\"; dst:\"52.112.1.1]",
                "time=1764842402|action=Accept|dst=52.112.1.1");
        assertThat(r.flows()).isEmpty();
        assertThat(r.reader().problems())
                .extracting(Listed.Problem::line, Listed.Problem::reason)
                .containsExactly(
                        tuple(1, "dst is not an IP address: '52.112.1'"),
                        tuple(2, "a log of action Drop without dst"),
                        tuple(3, "an unclosed quote in the value of dst"));
        assertThat(r.reader().other()).isEqualTo(1);
    }

    // ---- detection: positive evidence only

    @Test
    void detectsEachFormatFromItsOwnEvidence() {
        assertThat(LogFormat.detect(List.of(
                        "Dec  4 10:00:03 fw01 sshd[42]: Accepted publickey",
                        "Dec  4 10:00:04 fw01 : %ASA-4-106023: Deny udp src inside:10.1.1.5/50000 dst outside:52.112.1.1/3478 by access-group \"a\"",
                        "Dec  4 10:00:05 fw01 : %ASA-6-302014: Teardown TCP connection 9")))
                .isEqualTo(LogFormat.CISCO_ASA);
        assertThat(LogFormat.detect(List.of("<14>Dec  4 10:00:01 PA-VM "
                        + panos("TRAFFIC", "drop", "52.112.1.1", "3478", "udp", "drop", "r"))))
                .isEqualTo(LogFormat.PALOALTO);
        assertThat(LogFormat.detect(List.of(panos("SYSTEM", "general", "", "", "", "", ""))))
                .isEqualTo(LogFormat.PALOALTO);
        assertThat(LogFormat.detect(List.of(
                        "date=2026-12-04 time=10:00:01 logid=\"0000000013\" type=\"traffic\" dstip=52.112.1.1")))
                .isEqualTo(LogFormat.FORTIGATE);
        assertThat(LogFormat.detect(
                        List.of("#Version: 1.5", "#Software: Microsoft Windows Firewall", "#Time Format: Local")))
                .isEqualTo(LogFormat.WINDOWS_FIREWALL);
        assertThat(LogFormat.detect(
                        List.of("#Version: 1.5", "#Fields: date time action protocol src-ip dst-ip src-port dst-port")))
                .isEqualTo(LogFormat.WINDOWS_FIREWALL);
        assertThat(LogFormat.detect(List.of("#separator \\x09", "#set_separator\t,")))
                .isEqualTo(LogFormat.ZEEK);
        assertThat(LogFormat.detect(List.of(
                        "<134>1 2026-12-04T10:00:01Z gw CheckPoint 1 - [action:\"Drop\"; loguid:\"{0x1,0x0,0x2,0x3}\";"
                                + " dst:\"52.112.1.1\"]")))
                .isEqualTo(LogFormat.CHECKPOINT);
        assertThat(LogFormat.detect(List.of(
                        "time=1764842402|product=Firewall|action=Accept|logid=0|origin=192.0.2.1|dst=52.112.1.1|")))
                .isEqualTo(LogFormat.CHECKPOINT);
        assertThat(LogFormat.detect(List.of("{\"ts\":1.5,\"id.orig_h\":\"10.1.1.5\",\"id.resp_h\":\"52.112.1.1\"}")))
                .isEqualTo(LogFormat.ZEEK);
        // a comment then IP addresses is still a list of IPs
        assertThat(LogFormat.detect(List.of("# exported", "52.112.1.1"))).isEqualTo(LogFormat.IPLIST);
    }

    /** A '#' header of a format not known here is not taken for an IP list's comment: the first content line decides. */
    @Test
    void aCommentedHeaderBeforeUnknownLinesIsNoListOfIps() {
        assertThatThrownBy(() -> LogFormat.detect(
                        List.of("#Version: 1.0", "#Software: Some Proxy", "blocked 52.112.1.1 udp 3478")))
                .isInstanceOf(LogFormatException.class)
                .hasMessage(
                        "cannot tell the log format from the first line 'blocked 52.112.1.1 udp 3478': give it with --log-format"
                                + " csv, syslog, squid, ips, cisco-asa, paloalto, fortigate, windows-firewall, zeek, checkpoint or cqd");
        assertThatThrownBy(() -> LogFormat.detect(List.of("{\"ts\":1.5,\"dest\":\"52.112.1.1\"}")))
                .isInstanceOf(LogFormatException.class);
        assertThatThrownBy(() -> LogFormat.detect(List.of("date=2026-12-04 dstip=52.112.1.1 action=deny")))
                .isInstanceOf(LogFormatException.class);
    }

    @Test
    void everyFormatHasAnIdParseKnows() {
        for (LogFormat f : LogFormat.values()) {
            assertThat(LogFormat.parse(f.id().toUpperCase(java.util.Locale.ROOT)))
                    .isEqualTo(f);
        }
        assertThat(LogFormat.ids())
                .isEqualTo(
                        "csv, syslog, squid, ips, cisco-asa, paloalto, fortigate, windows-firewall, zeek, checkpoint or cqd");
    }
}
