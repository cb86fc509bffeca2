package io.github.o365watch.inspect;

import io.github.o365watch.text.Printable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The log formats {@link LogReader} reads, each declared once here: its id (what
 * {@code --log-format} takes), what it is, and the evidence that tells it in a file.
 */
public enum LogFormat {
    /** Comma, semicolon or tab separated values with a header line: firewall exports. */
    CSV("csv", "CSV exports with a header"),
    /** iptables/nftables kernel packet log lines, as syslog or journald write them. */
    SYSLOG("syslog", "iptables/nftables kernel log lines"),
    /** Squid's native access.log. */
    SQUID("squid", "Squid access.log"),
    /** One IP address per line, optionally with a port; {@code #} comments. */
    IPLIST("ips", "IP lists"),
    /** Cisco ASA and FTD syslog messages: denies (106xxx) and Built connections (302013, 302015). */
    CISCO_ASA("cisco-asa", "Cisco ASA/FTD syslog"),
    /** Palo Alto PAN-OS logs as syslog sends them: CSV in the documented field order. */
    PALOALTO("paloalto", "PAN-OS syslog"),
    /** FortiGate key=value logs. */
    FORTIGATE("fortigate", "FortiGate key=value logs"),
    /** Windows Firewall's pfirewall.log (W3C with a #Fields header). */
    WINDOWS_FIREWALL("windows-firewall", "Windows Firewall pfirewall.log"),
    /** Zeek's conn.log, TSV with its header or JSON. */
    ZEEK("zeek", "Zeek conn.log"),
    /** Check Point logs as Log Exporter sends them: its syslog form ([key:"value"; ...]) or its Splunk form (key=value|...). */
    CHECKPOINT("checkpoint", "Check Point Log Exporter logs"),
    /** A Teams Call Quality Dashboard query exported to CSV, read by {@link CqdReader}, not {@link LogReader}. */
    CQD("cqd", "Teams CQD CSV exports");

    /** How many lines of a file's start {@link #detect(List)} weighs. */
    public static final int DETECT_LINES = 50;

    private static final Pattern SQUID_LINE =
            Pattern.compile("\\d{9,12}\\.\\d{3}\\s+-?\\d+\\s+\\S+\\s+[A-Z_]+/\\d{3}\\s");

    private final String id;
    private final String what;

    LogFormat(String id, String what) {
        this.id = id;
        this.what = what;
    }

    /** The name users give: {@code csv}, {@code syslog}, {@code cisco-asa}... */
    public String id() {
        return id;
    }

    /** What the format is, for messages: {@code Squid access.log}. */
    public String what() {
        return what;
    }

    /**
     * True when each line reads the same whatever came before it (no header, no state carried
     * from line to line): a long log may then be read in parts, each from a line's start, and the
     * parts' flows and counts add up to the whole's.
     */
    public boolean partsReadApart() {
        return this == SYSLOG || this == SQUID || this == IPLIST || this == CISCO_ASA;
    }

    /** Every id, for help and messages: {@code csv, syslog, ... or zeek}. */
    public static String ids() {
        List<String> all = new ArrayList<>();
        for (LogFormat f : values()) {
            all.add(f.id);
        }
        return io.github.o365watch.text.Alternatives.of(all);
    }

    /** What every format is, for messages: {@code iptables/nftables kernel log lines, Squid access.log, ...}. */
    public static String described() {
        List<String> all = new ArrayList<>();
        for (LogFormat f : values()) {
            all.add(f.what);
        }
        return String.join(", ", all);
    }

    /** By {@link #id()}, ignoring case. */
    public static LogFormat parse(String id) {
        for (LogFormat f : values()) {
            if (f.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown log format '" + Printable.of(id) + "': use " + ids());
    }

    /**
     * A header row: separated cells, none of them an address (a row of data is no header), and
     * not JSON. Which column holds the destination is settled when the header is read.
     */
    private static boolean csvHeader(String line) {
        if (line.startsWith("{") || line.startsWith("[")) {
            return false;
        }
        boolean separated = false;
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : ',';
            if (c == ',' || c == ';' || c == '\t') {
                separated |= i < line.length();
                String cell = line.substring(start, i).strip();
                if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
                    cell = cell.substring(1, cell.length() - 1);
                }
                if (Fields.address(cell).isPresent()) {
                    return false;
                }
                start = i + 1;
            }
        }
        return separated;
    }

    /** {@link #detect(List)} of a file whose start is this one line. */
    public static LogFormat detect(String firstNonEmptyLine) {
        return detect(List.of(firstNonEmptyLine == null ? "" : firstNonEmptyLine));
    }

    /**
     * Tells the format from the first lines of a file (a UTF-8 byte order mark is ignored), from
     * positive evidence only: a header only that format writes (Zeek's {@code #separator}, Windows
     * Firewall's {@code #Software} or {@code #Fields}), else the message signatures of the first
     * {@value #DETECT_LINES} lines (an {@code %ASA-} message id, a PAN-OS record, FortiOS's
     * {@code logid=} and {@code type=}, a kernel log's {@code DST=}), the most frequent winning;
     * else the first line that is not a {@code #} comment: an IP address, a Squid record, a syslog
     * header, a CQD export's header (naming {@code First Relay IP} or {@code Second Relay IP}), or a CSV
     * header (separated names, no address among them; it must then name a destination column).
     *
     * @throws LogFormatException when the lines look like none of them
     */
    public static LogFormat detect(List<String> head) {
        List<String> lines = new ArrayList<>();
        for (String raw : head) {
            String s = raw == null ? "" : raw.replace("\uFEFF", "").strip();
            if (!s.isEmpty() && lines.size() < DETECT_LINES) {
                lines.add(s);
            }
        }
        if (lines.isEmpty()) {
            throw new LogFormatException("an empty line does not tell the log format");
        }
        if (ZeekLines.isRecord(lines.get(0))) {
            return ZEEK;
        }
        String content = null;
        for (String s : lines) {
            if (!s.startsWith("#")) {
                content = s;
                break;
            }
            if (WindowsFirewallLines.isHeader(s)) {
                return WINDOWS_FIREWALL;
            }
        }
        Map<LogFormat, Integer> votes = new EnumMap<>(LogFormat.class);
        for (String s : lines) {
            LogFormat f = AsaLines.isMessage(s)
                    ? CISCO_ASA
                    : PanosLines.isRecord(s)
                            ? PALOALTO
                            : CheckpointLines.isRecord(s)
                                    ? CHECKPOINT
                                    : FortiLines.isRecord(s) ? FORTIGATE : s.contains(" DST=") ? SYSLOG : null;
            if (f != null) {
                votes.merge(f, 1, Integer::sum);
            }
        }
        LogFormat best = null;
        for (Map.Entry<LogFormat, Integer> e : votes.entrySet()) {
            if (best == null || e.getValue() > votes.get(best)) {
                best = e.getKey();
            }
        }
        if (best != null) {
            return best;
        }
        if (content == null || IpListLines.isEntry(content)) {
            // comments alone read as an empty IP list, which the audit reports as not read
            return IPLIST;
        }
        if (SQUID_LINE.matcher(content).lookingAt()) {
            return SQUID;
        }
        if (SyslogLines.hasHeader(content)) {
            return SYSLOG;
        }
        if (content == lines.get(0) && CqdReader.isHeader(content) && csvHeader(content)) {
            return CQD;
        }
        if (content == lines.get(0) && csvHeader(content)) {
            return CSV;
        }
        throw new LogFormatException("cannot tell the log format from the first line '" + Printable.line(content, 120)
                + "': give it with --log-format " + ids());
    }
}
