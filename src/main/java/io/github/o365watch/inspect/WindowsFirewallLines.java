package io.github.o365watch.inspect;

import io.github.o365watch.text.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Windows Firewall's {@code pfirewall.log}, a W3C extended log: {@code #Version}, {@code #Software},
 * {@code #Time Format} and {@code #Fields} header lines, then one space-separated record a line,
 * {@code -} for a value not given. The {@code #Fields} line names the columns; before one is seen
 * the documented order is assumed: {@code date time action protocol src-ip dst-ip src-port dst-port
 * size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path} (newer Windows add {@code pid}).
 *
 * <ul>
 * <li>client {@code src-ip}; destination {@code dst-ip} (required), port {@code dst-port}, protocol {@code protocol} (name or number).
 * <li>action: {@code DROP} is DENIED; {@code ALLOW}, and {@code OPEN}/{@code CLOSE} of older
 * versions, ALLOWED; {@code INFO-EVENTS-LOST} and other informational records hold no flow.
 * <li>time: {@code date} and {@code time} as written (local time, as {@code #Time Format} says).
 * </ul>
 */
final class WindowsFirewallLines implements LineParser {
    private static final List<String> DEFAULT = List.of(
            "date",
            "time",
            "action",
            "protocol",
            "src-ip",
            "dst-ip",
            "src-port",
            "dst-port",
            "size",
            "tcpflags",
            "tcpsyn",
            "tcpack",
            "tcpwin",
            "icmptype",
            "icmpcode",
            "info",
            "path");

    private int date;
    private int time;
    private int action;
    private int protocol;
    private int source;
    private int destination;
    private int port;
    private int width;

    WindowsFirewallLines() {
        columns(DEFAULT);
    }

    /** Header lines only Windows Firewall writes: the positive evidence detection needs. */
    static boolean isHeader(String line) {
        return line.startsWith("#Software: Microsoft Windows Firewall")
                || line.startsWith("#Fields: ") && line.contains(" action ") && line.contains(" dst-ip ");
    }

    @Override
    public String otherReason() {
        return "not a Windows Firewall log record";
    }

    @Override
    public Flow parse(String line, long number) throws BadLine {
        if (line.startsWith("#")) {
            if (line.startsWith("#Fields:")) {
                columns(words(line.substring(8)));
            }
            return FORMAT_LINE;
        }
        List<String> w = words(line);
        if (w.size() <= action) {
            throw new BadLine(w.size() + " fields; the action is field " + (action + 1));
        }
        Flow.Action verdict = switch (w.get(action).toUpperCase(Locale.ROOT)) {
            case "DROP" -> Flow.Action.DENIED;
            case "ALLOW", "OPEN", "CLOSE", "OPEN-INBOUND" -> Flow.Action.ALLOWED;
            default -> null;
        };
        if (verdict == null) {
            // INFO-EVENTS-LOST and the like: the log speaking of itself
            return w.get(action).startsWith("INFO") ? FORMAT_LINE : null;
        }
        if (w.size() < width) {
            throw new BadLine(w.size() + " fields; the header names " + width);
        }
        String dst = w.get(destination);
        String address = Fields.address(dst)
                .orElseThrow(() -> new BadLine("dst-ip is not an IP address: '" + Printable.of(dst) + "'"));
        String p = port < 0 ? "-" : w.get(port);
        String proto = protocol < 0 ? "" : w.get(protocol);
        String when =
                (date < 0 ? "" : w.get(date)) + (date >= 0 && time >= 0 ? " " : "") + (time < 0 ? "" : w.get(time));
        String client = source < 0 || source >= w.size() ? "" : Fields.source(w.get(source));
        return new Flow(
                address,
                false,
                Fields.protocol(proto),
                Fields.port(p.equals("-") ? "" : p),
                verdict,
                Printable.line(when, 64),
                number,
                client);
    }

    private void columns(List<String> names) {
        date = names.indexOf("date");
        time = names.indexOf("time");
        action = names.indexOf("action");
        protocol = names.indexOf("protocol");
        source = names.indexOf("src-ip");
        destination = names.indexOf("dst-ip");
        port = names.indexOf("dst-port");
        if (action < 0 || destination < 0) {
            throw new LogFormatException("the #Fields: header has no 'action' or no 'dst-ip' column: '"
                    + Printable.line(String.join(" ", names), 200) + "'");
        }
        width = Math.max(action, Math.max(destination, Math.max(port, Math.max(protocol, Math.max(date, time))))) + 1;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>(18);
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }
}
