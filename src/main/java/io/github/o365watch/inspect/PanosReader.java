package io.github.o365watch.inspect;

import java.util.List;

/**
 * PAN-OS, as set commands, as the brace form {@code show config} prints, or as the XML export:
 * the values of {@code ip-netmask}, {@code ip-range} and {@code fqdn} (whatever the object is
 * called: o365watch's names look like addresses, {@code O365-13.107.64.0-18}), and addresses
 * written inline as a security rule's {@code destination} (not a NAT rule's or a route's). Group members, descriptions and tags
 * are names or prose and are not read.
 */
final class PanosReader {
    private PanosReader() {}

    static void read(String content, EntryCollector sink) {
        if (xml(content)) {
            readXml(content, sink);
            return;
        }
        // the blocks the brace form is inside (rulebase, security, rules, ...): a destination is an
        // entry only in a security rule, not in a NAT rule or a static route
        java.util.Deque<String> blocks = new java.util.ArrayDeque<>();
        TokenScanner.lines(content, sink, (line, n) -> {
            String s = TokenScanner.lead(line);
            if (s.isEmpty() || s.startsWith("#")) {
                return;
            }
            List<String> w = TokenScanner.words(s, true);
            boolean securityRule = w.contains("security") && w.contains("rules")
                    || blocks.contains("security") && blocks.contains("rules");
            if (s.endsWith("{")) {
                blocks.push(w.get(0));
            } else if (s.equals("}") && !blocks.isEmpty()) {
                blocks.pop();
            }
            for (int i = 0; i + 1 < w.size(); i++) {
                String v = value(w.get(i + 1));
                switch (w.get(i)) {
                    case "ip-netmask" -> {
                        sink.prefix(v, n);
                        i++;
                    }
                    case "ip-range" -> {
                        sink.prefixOrRange(v, n);
                        i++;
                    }
                    case "fqdn" -> {
                        sink.hostname(v, v, n);
                        i++;
                    }
                    case "ip-wildcard" -> {
                        sink.problem(n, v, "an ip-wildcard (non-contiguous) mask is not read");
                        i++;
                    }
                    case "destination" -> i = securityRule ? destination(w, i + 1, n, sink) : i + 1;
                    default -> {
                        // names, descriptions, tags, services: not entries
                    }
                }
            }
        });
    }

    /** A rule's destination: one value or {@code [ a b ]}; names are skipped, addresses read. */
    private static int destination(List<String> w, int i, int n, EntryCollector sink) {
        boolean list = w.get(i).equals("[");
        int j = list ? i + 1 : i;
        for (; j < w.size(); j++) {
            String v = value(w.get(j));
            if (v.equals("]")) {
                return j;
            }
            if (!w.get(j).startsWith("\"") && (TokenScanner.addressLike(v) || TokenScanner.rangeDash(v) > 0)) {
                sink.prefixOrRange(v, n);
            }
            if (!list) {
                return j;
            }
        }
        return j;
    }

    /** A value without its quotes and the brace form's {@code ;}. */
    private static String value(String t) {
        String v = t.endsWith(";") ? t.substring(0, t.length() - 1) : t;
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static boolean xml(String content) {
        int i = 0;
        while (i < content.length() && Character.isWhitespace(content.charAt(i))) {
            i++;
        }
        return content.startsWith("<", i);
    }

    /**
     * The XML export: the text of {@code <ip-netmask>}, {@code <ip-range>} and {@code <fqdn>}
     * elements, and addresses among the {@code <member>}s of a {@code <destination>} outside NAT rules. A plain scan
     * for those tags, no XML parser: nothing is resolved or fetched.
     */
    private static void readXml(String s, EntryCollector sink) {
        int line = 1;
        int counted = 0;
        boolean inDestination = false;
        int nat = 0;
        int close = -1;
        int i = s.indexOf('<');
        while (i >= 0 && i + 1 < s.length()) {
            if (s.startsWith("<!--", i)) {
                int end = s.indexOf("-->", i + 4);
                i = end < 0 ? -1 : s.indexOf('<', end);
                continue;
            }
            if (close < i) {
                // '>' positions only grow: searching again from each '<' could cost quadratic time
                close = s.indexOf('>', i);
                if (close < 0) {
                    break;
                }
            }
            String tag = s.substring(i + 1, Math.min(close, i + 1 + 40));
            int space = tag.indexOf(' ');
            String name = space >= 0 ? tag.substring(0, space) : tag;
            int next = s.indexOf('<', close);
            for (; counted < i; counted++) {
                if (s.charAt(counted) == '\n') {
                    line++;
                }
            }
            String text = next < 0
                    ? ""
                    : s.substring(close + 1, Math.min(next, close + 1 + EntryCollector.MAX_TOKEN + 1))
                            .strip();
            switch (name) {
                case "destination" -> inDestination = true;
                case "/destination" -> inDestination = false;
                case "nat" -> nat++;
                case "/nat" -> nat = Math.max(0, nat - 1);
                case "ip-netmask" -> sink.prefix(text, line);
                case "ip-range" -> sink.prefixOrRange(text, line);
                case "fqdn" -> sink.hostname(text, text, line);
                case "member" -> {
                    if (inDestination
                            && nat == 0
                            && (TokenScanner.addressLike(text) || TokenScanner.rangeDash(text) > 0)) {
                        sink.prefixOrRange(text, line);
                    }
                }
                default -> {
                    // other elements hold names, descriptions and settings
                }
            }
            i = next;
        }
    }

    /** A line of PAN-OS set commands. */
    static boolean signature(String s) {
        return Detector.startsAny(
                        s,
                        "set address ",
                        "set address-group ",
                        "set shared address",
                        "set rulebase ",
                        "set device-group ",
                        "set vsys ")
                || s.contains(" ip-netmask ");
    }

    /** A PAN-OS XML export: markup with address entries. */
    static boolean xml(Detection.Head h) {
        String start = h.start();
        return start.startsWith("<")
                && (start.contains("<ip-netmask>")
                        || start.contains("<fqdn>")
                        || start.contains("<ip-range>")
                        || start.contains("<address>"));
    }
}
