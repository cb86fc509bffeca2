package io.github.o365watch.inspect;

import io.github.o365watch.domain.net.AddressForms;
import java.util.ArrayList;
import java.util.List;

/**
 * Text without structure: prose ({@link ConfigFormat#TEXT}, every prefix, range and hostname in
 * it), one entry per line ({@link ConfigFormat#EDL}) and the semicolon list of a proxy bypass.
 */
final class PlainReader {
    private PlainReader() {}

    /** Every address, prefix, range and hostname in the text, wherever it stands; o365watch's "not expressed" lines aside. */
    static void text(String content, EntryCollector sink) {
        TokenScanner.lines(content, sink, (line, n) -> {
            if (!TokenScanner.notExpressed(line)) {
                prose(runs(line), n, sink);
            }
        });
    }

    /** One entry per line (the first word; PAN-OS allows a comment after it), {@code #} and {@code //} lines are comments. */
    static void edl(String content, EntryCollector sink) {
        TokenScanner.lines(content, sink, (line, n) -> {
            String s = TokenScanner.lead(line);
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("//")) {
                return;
            }
            String first = s;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '#') {
                    first = s.substring(0, i);
                    break;
                }
            }
            entry(first, n, sink);
        });
    }

    /** A proxy bypass list: entries separated by {@code ;} (or commas and blanks); {@code <local>} and the like are skipped. */
    static void proxyBypass(String content, EntryCollector sink) {
        TokenScanner.lines(content, sink, (line, n) -> {
            if (TokenScanner.notExpressed(line) || TokenScanner.lead(line).startsWith("#")) {
                return;
            }
            int start = 0;
            for (int i = 0; i <= line.length(); i++) {
                char c = i < line.length() ? line.charAt(i) : ';';
                if (c == ';' || c == ',' || c == ' ' || c == '\t') {
                    if (i > start) {
                        bypass(line.substring(start, i), n, sink);
                    }
                    start = i + 1;
                }
            }
        });
    }

    private static void bypass(String item, int line, EntryCollector sink) {
        if (item.startsWith("<")) {
            return; // <local>, <-loopback>: names without a dot, not entries
        }
        String v4 = v4Wildcard(item);
        if (v4 != null) {
            sink.prefix(v4, line);
            return;
        }
        entry(item, line, sink);
    }

    /** Windows writes a subnet as {@code 10.*} or {@code 192.168.1.*}; gives {@code 10.0.0.0/8}, or null. */
    static String v4Wildcard(String item) {
        if (!item.endsWith(".*")) {
            return null;
        }
        String[] parts = item.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        int known = 0;
        while (known < parts.length && TokenScanner.digits(parts[known], 1, 3)) {
            known++;
        }
        for (int i = known; i < parts.length; i++) {
            if (!parts[i].equals("*")) {
                return null;
            }
        }
        if (known == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            b.append(i > 0 ? "." : "").append(i < known ? parts[i] : "0");
        }
        return b.append('/').append(8 * known).toString();
    }

    /** One value where the format expects an entry: a range, an address or prefix, or a hostname (scheme, path and port dropped). */
    static void entry(String token, int line, EntryCollector sink) {
        if (!sink.clean(token, line)) {
            return;
        }
        if (TokenScanner.rangeDash(token) > 0) {
            sink.prefixOrRange(token, line);
        } else if (TokenScanner.addressLike(token)) {
            sink.prefix(token, line);
        } else {
            String host = TokenScanner.hostPart(token);
            if (TokenScanner.addressLike(host)) {
                sink.prefix(host, line);
            } else {
                sink.hostname(host, token, line);
            }
        }
    }

    /** A run of characters between separators (blanks and punctuation no entry holds), odd characters kept so they can be reported. */
    static List<String> runs(String line) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean part = i < line.length() && part(line.charAt(i));
            if (part && start < 0) {
                start = i;
            } else if (!part && start >= 0) {
                out.add(line.substring(start, i));
                start = -1;
            }
        }
        return out;
    }

    private static boolean part(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return switch (c) {
            case '.', ':', '/', '*', '_', '-', '@', '%', '~', '+' -> true;
            default -> c > 0x7e ? !Character.isWhitespace(c) && !Character.isSpaceChar(c) : TokenScanner.odd(c);
        };
    }

    /** Reads the runs of one line of prose: addresses, {@code a-b} and {@code a - b} ranges, address and netmask, hostnames and URLs. */
    static void prose(List<String> runs, int line, EntryCollector sink) {
        for (int i = 0; i < runs.size(); i++) {
            String t = trim(runs.get(i));
            if (t.isEmpty()) {
                continue;
            }
            if (!printable(t)) {
                String visible = trim(strip(t));
                if (TokenScanner.addressLike(visible) || TokenScanner.looksHost(TokenScanner.hostPart(visible))) {
                    sink.problem(line, t, "not read: contains a control, format or non-ASCII character");
                }
                continue;
            }
            if (t.length() > EntryCollector.MAX_TOKEN) {
                continue;
            }
            String a = v4WithPort(t);
            if (TokenScanner.rangeDash(a) > 0) {
                sink.prefixOrRange(a, line);
            } else if (TokenScanner.looksV4(a) || TokenScanner.looksV6(a, true)) {
                String next = i + 1 < runs.size() ? trim(runs.get(i + 1)) : "";
                String after = i + 2 < runs.size() ? trim(runs.get(i + 2)) : "";
                if (next.equals("-")
                        && (TokenScanner.looksV4(after) || TokenScanner.looksV6(after, true))
                        && a.indexOf('/') < 0) {
                    sink.range(a, after, a + " - " + after, line);
                    i += 2;
                } else if (TokenScanner.looksV4(a)
                        && a.indexOf('/') < 0
                        && next.startsWith("255.")
                        && AddressForms.netmaskLength(next).isPresent()) {
                    sink.netmask(a, next, a + " " + next, line);
                    i++;
                } else {
                    sink.prefix(a, line);
                }
            } else if (t.contains("@") && !t.contains("://")) {
                continue; // an e-mail address or user@host, not a listed name
            } else {
                String host = TokenScanner.hostPart(t);
                if (TokenScanner.looksHost(host)) {
                    sink.hostname(host, t, line);
                }
            }
        }
    }

    /** {@code 1.2.3.4:443} gives the address; anything else unchanged. */
    private static String v4WithPort(String t) {
        int colon = t.indexOf(':');
        if (colon > 0
                && colon == t.lastIndexOf(':')
                && TokenScanner.looksV4(t.substring(0, colon))
                && TokenScanner.digits(t.substring(colon + 1), 1, 5)) {
            return t.substring(0, colon);
        }
        return t;
    }

    /** Sentence punctuation around a token: {@code (10.0.0.0/8).} gives the prefix. */
    private static String trim(String t) {
        int a = 0;
        int b = t.length();
        while (a < b
                && "-:.*/".indexOf(t.charAt(a)) >= 0
                && !(t.charAt(a) == '*' && a + 1 < b && (t.charAt(a + 1) == '.' || t.charAt(a + 1) == '-'))
                && !(t.charAt(a) == ':' && a + 1 < b && t.charAt(a + 1) == ':')) {
            a++;
        }
        while (b > a
                && ".:-/".indexOf(t.charAt(b - 1)) >= 0
                && !(b - a >= 2 && t.charAt(b - 1) == ':' && t.charAt(b - 2) == ':')) {
            b--;
        }
        if (a == b && t.equals("-")) {
            return "-";
        }
        return t.substring(a, b);
    }

    private static boolean printable(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < ' ' || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String strip(String t) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.length() && b.length() <= EntryCollector.MAX_TOKEN; i++) {
            char c = t.charAt(i);
            if (c >= ' ' && c <= 0x7e) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Markup that no format claimed (XML, HTML): read as prose. */
    static boolean markup(Detection.Head h) {
        return h.start().startsWith("<");
    }

    /** A few lines of {@code ;}-separated names (or {@code <local>}). */
    static boolean bypassList(String[] lines) {
        int content = 0;
        int items = 0;
        int entries = 0;
        boolean local = false;
        boolean separated = false;
        for (String l : lines) {
            String s = l.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (++content > 3) {
                return false;
            }
            separated |= s.indexOf(';') > 0;
            for (String item : s.split(";")) {
                String t = item.strip();
                if (t.isEmpty()) {
                    continue;
                }
                items++;
                local |= t.equalsIgnoreCase("<local>");
                if (t.startsWith("<")
                        || v4Wildcard(t) != null
                        || TokenScanner.addressLike(t)
                        || TokenScanner.looksHost(TokenScanner.hostPart(t))) {
                    entries++;
                }
            }
        }
        return separated && entries * 10 >= items * 8 || local && items == entries;
    }

    /** Every line an entry (a comment after it allowed), {@code #} lines aside. */
    static boolean entryPerLine(String[] lines) {
        for (String l : lines) {
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("//")) {
                continue;
            }
            int space = 0;
            while (space < s.length() && s.charAt(space) != ' ' && s.charAt(space) != '\t') {
                space++;
            }
            String first = s.substring(0, space);
            String rest = s.substring(space).strip();
            if (!rest.isEmpty() && !rest.startsWith("#") && !rest.startsWith("//")) {
                return false;
            }
            String host = TokenScanner.hostPart(first);
            // a fully qualified name keeps its root dot: outlook.office.com.
            host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            boolean entry = TokenScanner.rangeDash(first) > 0
                    || TokenScanner.looksV4(first)
                    || TokenScanner.looksV6(first, false)
                    || TokenScanner.looksHost(host);
            if (!entry) {
                return false;
            }
        }
        // a file of comments alone lists nothing; read as text, its comments would count
        return true;
    }
}
