package io.github.o365watch.inspect;

import io.github.o365watch.text.Printable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Check Point firewall logs as Log Exporter sends them, in the two text forms its documentation
 * shows (R81 Logging and Monitoring Administration Guide, "Log Exporter"; sk122323): the syslog
 * form, whose message is {@code [key:"value"; key:"value"; ...]} after an RFC 5424 header, and
 * the Splunk form, {@code key=value|key=value|...}. Field names are Check Point's log fields.
 *
 * <ul>
 * <li>A line is Check Point's when it carries {@code loguid} (Check Point's log unification id,
 * {@code {0x...}}) or both {@code product} and {@code origin}, in either form.
 * <li>client {@code src}; destination {@code dst}; port {@code service} (the destination port's
 * number; {@code service_id} is its name); protocol {@code proto} (IANA number).
 * <li>action: {@code Drop} and {@code Reject} are DENIED, {@code Accept} ALLOWED, anything else
 * (an update of a log, a threat prevention verdict) UNKNOWN. A line without {@code dst} is the
 * format's own (management and update logs); a {@code Drop}, {@code Reject} or {@code Accept}
 * without one is malformed.
 * <li>time: {@code time} (seconds since the epoch) as written.
 * </ul>
 */
final class CheckpointLines implements LineParser {
    private static final Set<String> WANTED =
            Set.of("loguid", "product", "origin", "action", "src", "dst", "service", "proto", "time");

    private final Map<String, String> fields = new HashMap<>();

    /** True when the line carries Check Point's own fields: the positive evidence detection needs. */
    static boolean isRecord(String line) {
        boolean syslog = line.contains("[")
                && (line.contains("loguid:\"{0x") || line.contains("product:\"") && line.contains("origin:\""));
        boolean splunk = line.contains("|")
                && (line.contains("loguid={0x") || line.contains("product=") && line.contains("|origin="));
        return syslog || splunk;
    }

    @Override
    public String otherReason() {
        return "no loguid, or product and origin: not a Check Point Log Exporter line";
    }

    @Override
    public Flow parse(String line, long number) throws BadLine {
        if (!isRecord(line)) {
            return null;
        }
        scan(line);
        String action = fields.getOrDefault("action", "");
        Flow.Action verdict = action(action);
        String dst = fields.get("dst");
        if (dst == null) {
            if (verdict != Flow.Action.UNKNOWN) {
                throw new BadLine("a log of action " + Printable.of(action) + " without dst");
            }
            return FORMAT_LINE;
        }
        String address = Fields.address(dst)
                .orElseThrow(() -> new BadLine("dst is not an IP address: '" + Printable.of(dst) + "'"));
        String proto = fields.get("proto");
        return new Flow(
                address,
                false,
                proto == null ? Flow.Protocol.UNKNOWN : Fields.protocol(proto),
                Fields.port(fields.getOrDefault("service", "")),
                verdict,
                Printable.line(fields.getOrDefault("time", ""), 64),
                number,
                Fields.source(fields.get("src")));
    }

    static Flow.Action action(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "drop", "reject" -> Flow.Action.DENIED;
            case "accept" -> Flow.Action.ALLOWED;
            default -> Flow.Action.UNKNOWN;
        };
    }

    /** The wanted fields of either form; values unquoted and unescaped. */
    private void scan(String s) throws BadLine {
        fields.clear();
        int open = s.indexOf('[');
        boolean syslog = open >= 0
                && s.indexOf(":\"", open) > 0
                && (s.indexOf('=') < 0 || s.indexOf(":\"", open) < s.indexOf('='));
        if (syslog) {
            int i = open + 1;
            while (i < s.length()) {
                int colon = s.indexOf(":\"", i);
                if (colon < 0) {
                    return;
                }
                String key = s.substring(i, colon).strip();
                int close = colon + 2;
                StringBuilder v = new StringBuilder();
                while (close < s.length() && s.charAt(close) != '"') {
                    if (s.charAt(close) == '\\' && close + 1 < s.length()) {
                        close++;
                    }
                    v.append(s.charAt(close++));
                }
                if (close >= s.length()) {
                    throw new BadLine("an unclosed quote in the value of " + Printable.of(key));
                }
                if (WANTED.contains(key)) {
                    fields.put(key, v.toString());
                }
                int next = s.indexOf(';', close);
                if (next < 0) {
                    return;
                }
                i = next + 1;
            }
            return;
        }
        // the Splunk form: key=value|key=value|, with '\' before a '|' or '=' that is part of a value
        int start = s.indexOf('|') > 0 && s.lastIndexOf(' ', s.indexOf('=')) > 0
                ? s.lastIndexOf(' ', s.indexOf('=')) + 1
                : 0;
        StringBuilder part = new StringBuilder();
        for (int i = start; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '|';
            if (c == '\\' && i + 1 < s.length()) {
                part.append(s.charAt(++i) == '|' ? '\u0000' : s.charAt(i));
            } else if (c == '|') {
                String p = part.toString();
                int eq = p.indexOf('=');
                if (eq > 0 && WANTED.contains(p.substring(0, eq))) {
                    fields.put(p.substring(0, eq), p.substring(eq + 1).replace('\u0000', '|'));
                }
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
    }
}
