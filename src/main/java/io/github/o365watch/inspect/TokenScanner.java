package io.github.o365watch.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/**
 * Shapes of tokens and ways of cutting text into them, shared by the readers. Every method is a
 * single pass over its input (no regular expressions), so hostile text costs linear time.
 */
final class TokenScanner {
    /** File name endings that prose is full of and no Microsoft 365 hostname ends with. */
    private static final Set<String> FILE_ENDINGS = Set.of(
            "txt",
            "conf",
            "cfg",
            "json",
            "csv",
            "pac",
            "yaml",
            "yml",
            "xml",
            "log",
            "ini",
            "htm",
            "html",
            "md",
            "properties",
            "mustache",
            "java",
            "py",
            "js",
            "sh",
            "ps",
            "bat",
            "cmd",
            "exe",
            "dll",
            "zip",
            "gz",
            "tgz",
            "tar",
            "pdf",
            "doc",
            "docx",
            "xls",
            "xlsx",
            "png",
            "jpg",
            "jpeg",
            "gif",
            "svg",
            "lock",
            "jar",
            "class",
            "rules",
            "ipset",
            "nft",
            "pem",
            "crt",
            "key",
            "der",
            "dstdomain",
            "dst",
            "bak",
            "tmp",
            "old",
            "orig");

    private TokenScanner() {}

    /** Longer lines are no configuration's: reported, not split into words. */
    static final int MAX_LINE = 1 << 20;

    /**
     * Calls {@code each} with every line and its 1-based number; CR LF and lone CR end lines too.
     * A line longer than {@link #MAX_LINE} is a problem in {@code sink}, not passed on.
     */
    static void lines(String content, EntryCollector sink, ObjIntConsumer<String> each) {
        int n = 0;
        int start = 0;
        int len = content.length();
        while (start < len) {
            int end = start;
            while (end < len && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
                end++;
            }
            if (end - start > MAX_LINE) {
                sink.problem(
                        ++n, content.substring(start, start + 80), "line of " + (end - start) + " characters not read");
            } else {
                each.accept(content.substring(start, end), ++n);
            }
            if (end < len && content.charAt(end) == '\r' && end + 1 < len && content.charAt(end + 1) == '\n') {
                end++;
            }
            start = end + 1;
        }
    }

    /** Whitespace-separated words; a double-quoted part is one word without its quotes. */
    static List<String> words(String line) {
        return words(line, false);
    }

    /** Whitespace-separated words; a double-quoted part is one word, with its quotes when {@code keepQuotes}. */
    static List<String> words(String line, boolean keepQuotes) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
                if (keepQuotes) {
                    w.append(c);
                }
            } else if (!quoted && (c == ' ' || c == '\t')) {
                if (any) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }

    /** The line without leading blanks. */
    static String lead(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.substring(i);
    }

    /**
     * True for o365watch's lists of entries a target could not express ({@code # not expressed:
     * ...}, {@code Not expressed: ...} in a README): those entries are not in the file.
     */
    static boolean notExpressed(String line) {
        String s = lead(line);
        int i = 0;
        while (i < s.length()
                && (s.charAt(i) == '#' || s.charAt(i) == '!' || s.charAt(i) == '/' || s.charAt(i) == ';')) {
            i++;
        }
        s = lead(s.substring(i));
        return s.regionMatches(true, 0, "not expressed", 0, 13);
    }

    /** {@code 10.0.0.0}, {@code 1.2.3.4/33}, {@code 999.1.1.1}: four dotted parts of one to three digits, maybe a length. */
    static boolean looksV4(String t) {
        int slash = t.indexOf('/');
        String a = slash < 0 ? t : t.substring(0, slash);
        if (slash >= 0 && !digits(t.substring(slash + 1), 1, 3)) {
            return false;
        }
        int parts = 0;
        int run = 0;
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++run > 3) {
                    return false;
                }
            } else if (c == '.' && run > 0) {
                parts++;
                run = 0;
            } else {
                return false;
            }
        }
        return run > 0 && parts == 3;
    }

    /**
     * An IPv6 address or prefix by its characters: hex digits, colons (at least two), maybe an
     * embedded IPv4 part and a length. {@code strict} (for prose) also wants {@code ::} or all
     * eight groups, so times ({@code 12:30:45}) are not taken for addresses.
     */
    static boolean looksV6(String t, boolean strict) {
        int slash = t.indexOf('/');
        String a = slash < 0 ? t : t.substring(0, slash);
        if (slash >= 0 && !digits(t.substring(slash + 1), 1, 3)) {
            return false;
        }
        int colons = 0;
        boolean hex = false;
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c == ':') {
                colons++;
            } else if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
                hex = true;
            } else if (c != '.') {
                return false;
            }
        }
        if (colons < 2 || a.length() > 45) {
            return false;
        }
        return !strict || hex && (a.contains("::") || colons == 7 || colons == 6 && a.indexOf('.') > 0);
    }

    /** An address-like token for a place where the format expects an address (any digits and dots, or colons). */
    static boolean addressLike(String t) {
        if (t.isEmpty()) {
            return false;
        }
        boolean dot = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '.') {
                dot = true;
            } else if (!(c >= '0' && c <= '9' || c == '/')) {
                return looksV6(t, false);
            }
        }
        return dot;
    }

    /** The position of the dash of {@code first-last} when both sides look like addresses, else -1. */
    static int rangeDash(String t) {
        int dash = t.indexOf('-');
        if (dash <= 0 || t.indexOf('-', dash + 1) >= 0) {
            return -1;
        }
        String a = t.substring(0, dash);
        String b = t.substring(dash + 1);
        boolean shape = (looksV4(a) && looksV4(b) || looksV6(a, false) && looksV6(b, false))
                && a.indexOf('/') < 0
                && b.indexOf('/') < 0;
        return shape ? dash : -1;
    }

    /**
     * A hostname as prose writes it: labels of letters, digits, {@code -}, {@code _} or {@code *},
     * at least two, the last of letters only (or an {@code xn--} label) and not a file ending.
     */
    static boolean looksHost(String t) {
        if (t.length() < 4 || t.length() > 253 || t.charAt(0) == '.' || t.charAt(t.length() - 1) == '.') {
            return false;
        }
        int lastDot = -1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean ok = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '_'
                    || c == '*';
            if (c == '.') {
                if (i == lastDot + 1) {
                    return false;
                }
                lastDot = i;
            } else if (!ok) {
                return false;
            }
        }
        if (lastDot < 0) {
            return false;
        }
        String tld = t.substring(lastDot + 1).toLowerCase(Locale.ROOT);
        if (tld.startsWith("xn--")) {
            return tld.length() > 4;
        }
        if (tld.length() < 2 || FILE_ENDINGS.contains(tld)) {
            return false;
        }
        for (int i = 0; i < tld.length(); i++) {
            if (tld.charAt(i) < 'a' || tld.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }

    /** {@code https://host:443/path} gives {@code host}; a bare {@code host/path} or {@code host:443} too. */
    static String hostPart(String t) {
        int scheme = t.indexOf("://");
        String s = scheme >= 0 ? t.substring(scheme + 3) : t;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        int at = s.lastIndexOf('@');
        if (at >= 0 && scheme >= 0) {
            s = s.substring(at + 1);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':') && digits(s.substring(colon + 1), 1, 5)) {
            s = s.substring(0, colon);
        }
        return s;
    }

    static boolean digits(String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** True when the character cannot be part of any entry and is not ordinary text either. */
    static boolean odd(char c) {
        return c < ' ' && c != '\t'
                || c == 0x7f
                || Character.getType(c) == Character.FORMAT
                || Character.isSurrogate(c)
                || c == 0xfffd;
    }
}
