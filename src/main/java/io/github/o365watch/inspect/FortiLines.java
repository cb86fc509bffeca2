package io.github.o365watch.inspect;

import io.github.o365watch.text.Printable;
import java.util.Locale;

/**
 * FortiGate (FortiOS) logs in their key=value form, as the FortiOS Log Message Reference shows
 * them on disk and over syslog: {@code date=2026-12-04 time=10:00:01 logid="0000000013"
 * type="traffic" subtype="forward" ... dstip=52.112.1.1 dstport=3478 ... proto=17 action="deny" ...},
 * values quoted or not, with or without a syslog header before them.
 *
 * <ul>
 * <li>A line is FortiGate's when it has both {@code logid=} and {@code type=}. Lines of
 * {@code type} other than {@code traffic} (event, utm...) are the format's own lines, holding no flow.
 * <li>client {@code srcip}; destination {@code dstip} (required), port {@code dstport}, protocol {@code proto} (IANA number).
 * <li>action, as the reference defines the traffic log's {@code action}: {@code deny} (blocked by
 * policy) is DENIED; {@code ip-conn} (failed connection attempt), {@code dns} (DNS error),
 * {@code timeout}, {@code client-rst}, {@code server-rst} are FAILED, as audit reads resets and
 * timeouts from CSV exports; {@code accept}, {@code start}, {@code close} are ALLOWED; anything
 * else UNKNOWN.
 * <li>time: {@code date} and {@code time} as written, else {@code eventtime}.
 * </ul>
 */
final class FortiLines implements LineParser {
    private enum Key {
        LOGID("logid"),
        TYPE("type"),
        SRCIP("srcip"),
        DSTIP("dstip"),
        DSTPORT("dstport"),
        PROTO("proto"),
        ACTION("action"),
        DATE("date"),
        TIME("time"),
        EVENTTIME("eventtime"),
        OTHER("");

        private static final Key[] WANTED = {LOGID, TYPE, SRCIP, DSTIP, DSTPORT, PROTO, ACTION, DATE, TIME, EVENTTIME};
        private final String name;

        Key(String name) {
            this.name = name;
        }
    }

    private String type;
    private String srcip;
    private String dstip;
    private String dstport;
    private String proto;
    private String action;
    private String date;
    private String clock;
    private String eventtime;
    private boolean logid;

    /** True when the line has FortiOS's {@code logid=} and {@code type=}: the positive evidence detection needs. */
    static boolean isRecord(String line) {
        int at = line.indexOf("logid=");
        return at >= 0
                && (at == 0 || line.charAt(at - 1) == ' ')
                && (line.indexOf(" type=") >= 0 || line.startsWith("type="));
    }

    @Override
    public String otherReason() {
        return "no logid= and type=, not a FortiGate key=value log line";
    }

    @Override
    public Flow parse(String line, long number) throws BadLine {
        if (!isRecord(line)) {
            return null;
        }
        scan(line);
        if (!logid || type == null) {
            return null;
        }
        if (!type.equals("traffic")) {
            return FORMAT_LINE;
        }
        if (dstip == null) {
            throw new BadLine("a traffic log without dstip=");
        }
        String ip = dstip;
        String address = Fields.address(ip)
                .orElseThrow(() -> new BadLine("dstip= is not an IP address: '" + Printable.of(ip) + "'"));
        String time = date != null && clock != null ? date + " " + clock : eventtime != null ? eventtime : "";
        return new Flow(
                address,
                false,
                proto == null ? Flow.Protocol.UNKNOWN : Fields.protocol(proto),
                Fields.port(dstport == null ? "" : dstport),
                action(action == null ? "" : action),
                Printable.line(time, 64),
                number,
                Fields.source(srcip));
    }

    static Flow.Action action(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "deny" -> Flow.Action.DENIED;
            case "ip-conn", "dns", "timeout", "client-rst", "server-rst" -> Flow.Action.FAILED;
            case "accept", "start", "close" -> Flow.Action.ALLOWED;
            default -> Flow.Action.UNKNOWN;
        };
    }

    private static Key key(String s, int from, int to) {
        int length = to - from;
        for (Key k : Key.WANTED) {
            if (k.name.length() == length && s.startsWith(k.name, from)) {
                return k;
            }
        }
        return Key.OTHER;
    }

    /** Reads the keys wanted, in one pass; a key is letters, digits, '_' or '-' after a space or the line's start. */
    private void scan(String s) throws BadLine {
        type = srcip = dstip = dstport = proto = action = date = clock = eventtime = null;
        logid = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                return;
            }
            int keyStart = s.lastIndexOf(' ', eq) + 1;
            if (keyStart < i) {
                keyStart = i;
            }
            if (s.charAt(keyStart) == '<') {
                int gt = s.indexOf('>', keyStart);
                keyStart =
                        gt > 0 && gt < eq ? gt + 1 : keyStart; // a syslog priority glued to the first key: <189>date=
            }
            int end;
            int valueStart;
            int valueEnd;
            if (eq + 1 < n && s.charAt(eq + 1) == '"') {
                int close = s.indexOf('"', eq + 2);
                while (close > 0 && s.charAt(close - 1) == '\\') {
                    close = s.indexOf('"', close + 1);
                }
                if (close < 0) {
                    throw new BadLine(
                            "an unclosed quote in the value of " + Printable.of(s.substring(keyStart, eq)) + "=");
                }
                valueStart = eq + 2;
                valueEnd = close;
                end = close + 1;
            } else {
                int space = s.indexOf(' ', eq + 1);
                end = space < 0 ? n : space;
                valueStart = eq + 1;
                valueEnd = end;
            }
            // only the keys wanted cost a string: a traffic log has some forty others
            switch (key(s, keyStart, eq)) {
                case LOGID -> logid = true;
                case TYPE -> type = s.substring(valueStart, valueEnd);
                case SRCIP -> srcip = s.substring(valueStart, valueEnd);
                case DSTIP -> dstip = s.substring(valueStart, valueEnd);
                case DSTPORT -> dstport = s.substring(valueStart, valueEnd);
                case PROTO -> proto = s.substring(valueStart, valueEnd);
                case ACTION -> action = s.substring(valueStart, valueEnd);
                case DATE -> date = s.substring(valueStart, valueEnd);
                case TIME -> clock = s.substring(valueStart, valueEnd);
                case EVENTTIME -> eventtime = s.substring(valueStart, valueEnd);
                case OTHER -> {
                    // the reference lists a hundred more fields; none tells where or whether traffic went
                }
            }
            i = end;
        }
    }
}
