package io.github.o365watch.inspect;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.InvalidDataException;
import java.util.List;

/**
 * Squid: {@code acl NAME dstdomain|dst|dstdom_regex VALUES...} lines (a quoted value names a file
 * and is skipped: pass that file too), and the ACL list files themselves, one value per line.
 * {@code .example.com} is the domain and every name under it; a regular expression is read back
 * when it is one o365watch writes for a wildcard (or the common {@code (^|\.)domain$}).
 */
final class SquidReader {
    private SquidReader() {}

    static void read(String content, EntryCollector sink) {
        TokenScanner.lines(content, sink, (line, n) -> {
            String s = TokenScanner.lead(line);
            if (s.isEmpty() || s.startsWith("#")) {
                return;
            }
            List<String> words = TokenScanner.words(s);
            if (words.size() == 1) {
                value(words.get(0), null, n, sink);
            } else if (words.get(0).equals("acl") && words.size() >= 4) {
                acl(s, words, n, sink);
            }
            // other squid.conf directives hold no destination entries
        });
    }

    private static void acl(String line, List<String> words, int n, EntryCollector sink) {
        String type = words.get(2);
        if (!type.equals("dstdomain") && !type.equals("dst") && !type.equals("dstdom_regex")) {
            return; // src, port, url_regex...: not destinations of this kind
        }
        List<String> quoted = TokenScanner.words(line, true);
        for (int i = 3; i < quoted.size(); i++) {
            String w = quoted.get(i);
            if (w.startsWith("\"")) {
                sink.reference(w, n); // "path": a file of values, read on its own
                continue;
            }
            if (w.startsWith("-") && !TokenScanner.addressLike(w.substring(1)) || w.startsWith("+")) {
                continue; // -i, -n, +i: flags
            }
            value(w, type, n, sink);
        }
    }

    /** One ACL value; {@code type} null in a list file, where the value's shape says what it is. */
    private static void value(String v, String type, int n, EntryCollector sink) {
        if (!sink.clean(v, n)) {
            return;
        }
        boolean regex = "dstdom_regex".equals(type) || type == null && regexLike(v);
        if (regex) {
            regex(v, n, sink);
        } else if ("dst".equals(type)
                || type == null && (TokenScanner.rangeDash(v) > 0 || TokenScanner.addressLike(v))) {
            dst(v, n, sink);
        } else if (v.startsWith(".")) {
            sink.domainAndBelow(v.substring(1), v, n);
        } else {
            sink.hostname(v, v, n);
        }
    }

    /** {@code dst} takes an address, a prefix, {@code a-b}, and {@code address/netmask}. */
    private static void dst(String v, int n, EntryCollector sink) {
        int slash = v.indexOf('/');
        if (slash > 0 && v.indexOf('.', slash) > 0 && TokenScanner.rangeDash(v.substring(0, slash)) < 0) {
            sink.netmask(v.substring(0, slash), v.substring(slash + 1), v, n);
        } else {
            sink.prefixOrRange(v, n);
        }
    }

    private static boolean regexLike(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' || c == '^' || c == '$' || c == '(' || c == '|' || c == '[' || c == '+' || c == '?') {
                return true;
            }
        }
        return v.contains(".*");
    }

    private static void regex(String v, int n, EntryCollector sink) {
        String domain = v.startsWith("(^|\\.)") && v.endsWith("$") ? literal(v.substring(6, v.length() - 1)) : null;
        if (domain != null) {
            sink.domainAndBelow(domain, v, n);
            return;
        }
        String glob = glob(v);
        if (glob == null) {
            sink.problem(n, v, "regular expression not understood (only the forms o365watch writes are read)");
            return;
        }
        try {
            sink.host(HostPattern.parse(glob), v, n);
        } catch (InvalidDataException e) {
            sink.problem(n, v, "regular expression does not stand for a hostname pattern");
        }
    }

    /**
     * The glob o365watch wrote as {@code ^a\.b\.com$} or, for a leading {@code *}, without the
     * {@code ^}: {@code \.}, {@code .*} and name characters only. Null for anything else.
     */
    static String glob(String v) {
        if (!v.endsWith("$") || v.length() < 2) {
            return null;
        }
        boolean anchored = v.startsWith("^");
        StringBuilder g = new StringBuilder(anchored ? "" : "*");
        for (int i = anchored ? 1 : 0; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1 && v.charAt(i + 1) == '.') {
                g.append('.');
                i++;
            } else if (c == '.' && i + 1 < v.length() - 1 && v.charAt(i + 1) == '*') {
                g.append('*');
                i++;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                g.append(c);
            } else {
                return null;
            }
        }
        return g.toString();
    }

    /** {@code office\.com} gives {@code office.com}; null when it holds other regex syntax. */
    private static String literal(String v) {
        String g = glob("^" + v + "$");
        return g == null || g.indexOf('*') >= 0 ? null : g;
    }

    /** A line of squid.conf or of an ACL file (a {@code .domain}, a {@code dstdom_regex}). */
    static boolean signature(String s) {
        return s.startsWith("acl ")
                        && (s.contains(" dstdomain ")
                                || s.contains(" dst ")
                                || s.contains(" dstdom_regex ")
                                || s.contains(" src "))
                || Detector.startsAny(s, "http_access ", "always_direct ", "never_direct ", "cache_peer ")
                || s.length() > 1 && s.charAt(0) == '.' && TokenScanner.looksHost(s.substring(1))
                || s.endsWith("$") && s.contains("\\.") && s.indexOf(' ') < 0;
    }
}
