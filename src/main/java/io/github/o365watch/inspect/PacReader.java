package io.github.o365watch.inspect;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.InvalidDataException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A PAC file: the hosts it sends DIRECT. Only conditions of an {@code if} whose branch returns
 * {@code DIRECT} (a string, or a variable holding one) count; o365watch's exceptions, tested first
 * and sent to the proxy, are therefore not read. Understood tests: {@code shExpMatch(host, "p")},
 * {@code dnsDomainIs(host, ".d")}, {@code localHostOrDomainIs(host, "h")}, {@code host == "h"},
 * and {@code isInNet(host, "a", "mask")} (an address entry; {@code dnsResolve(host)} too). A negated test
 * (by its own {@code !} or one in front of a group around it), or DIRECT returned
 * outside such an {@code if} (every other host direct), is a problem: no list can say it.
 */
final class PacReader {
    private record Tok(String text, boolean string, int line) {
        boolean is(String s) {
            return !string && text.equals(s);
        }
    }

    /** A real PAC file has a few thousand; the cap keeps a hostile one from filling memory. */
    private static final int MAX_TOKENS = 1_000_000;

    private static final String[] ASCII = new String[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII[c] = String.valueOf(c);
        }
    }

    private final List<Tok> toks;
    private final int[] match;
    private final EntryCollector sink;
    private final Map<String, String> vars = new HashMap<>();
    private final boolean[] consumed;

    private PacReader(List<Tok> toks, EntryCollector sink) {
        this.toks = toks;
        this.sink = sink;
        this.match = matching(toks);
        this.consumed = new boolean[toks.size()];
    }

    static void read(String content, EntryCollector sink) {
        new PacReader(tokens(content, sink), sink).run();
    }

    private void run() {
        // variables first: a branch may return one declared further down
        for (int i = 0; i + 2 < toks.size(); i++) {
            if (!toks.get(i).string && toks.get(i + 1).is("=") && toks.get(i + 2).string && ident(toks.get(i).text)) {
                vars.put(toks.get(i).text, toks.get(i + 2).text);
            }
        }
        for (int i = 0; i + 1 < toks.size(); i++) {
            if (toks.get(i).is("if") && toks.get(i + 1).is("(") && match[i + 1] > 0) {
                int close = match[i + 1];
                int returned = consequentReturn(close + 1);
                if (returned >= 0) {
                    consumed[returned] = true;
                    if (direct(returned + 1)) {
                        condition(i + 2, close);
                    }
                }
            }
        }
        for (int i = 0; i + 1 < toks.size(); i++) {
            if (toks.get(i).is("return") && !consumed[i] && direct(i + 1)) {
                sink.problem(
                        toks.get(i).line,
                        "return DIRECT",
                        "DIRECT returned outside a host condition: every other host goes direct");
            }
        }
    }

    /** The index of the {@code return} the branch starting at {@code at} takes first, or -1. */
    private int consequentReturn(int at) {
        if (at >= toks.size()) {
            return -1;
        }
        if (toks.get(at).is("return")) {
            return at;
        }
        if (toks.get(at).is("{") && match[at] > 0) {
            // only the block's own statements: a bracketed part is stepped over whole, so every
            // token is looked at by one if alone and a deeply nested file stays linear
            for (int j = at + 1; j < match[at]; j++) {
                Tok t = toks.get(j);
                if ((t.is("{") || t.is("(") || t.is("[")) && match[j] > j) {
                    j = match[j];
                } else if (t.is("return")) {
                    return j;
                } else if (t.is("if")) {
                    return -1; // a nested decision: its own if is read on its own
                }
            }
        }
        return -1;
    }

    /** True when the value returned at {@code at} starts with DIRECT. */
    private boolean direct(int at) {
        if (at >= toks.size()) {
            return false;
        }
        Tok t = toks.get(at);
        String v = t.string ? t.text : vars.get(t.text);
        return v != null && v.strip().toUpperCase(java.util.Locale.ROOT).startsWith("DIRECT");
    }

    /** Reads the tests between {@code from} and {@code to} (exclusive). */
    private void condition(int from, int to) {
        // a test is negated by its own '!' or by one in front of a group around it: !(a || b)
        Deque<Boolean> groups = new ArrayDeque<>();
        for (int i = from; i < to; i++) {
            Tok t = toks.get(i);
            if (t.string) {
                continue;
            }
            boolean inNegatedGroup = !groups.isEmpty() && groups.peek();
            if (t.is("(")) {
                groups.push(inNegatedGroup || i > from && toks.get(i - 1).is("!"));
                continue;
            }
            if (t.is(")")) {
                groups.poll();
                continue;
            }
            if (t.is("if") && i + 1 < to && toks.get(i + 1).is("(") && match[i + 1] > i) {
                i = match[i + 1]; // an if inside a condition is read on its own
                continue;
            }
            boolean negated = inNegatedGroup || i > from && toks.get(i - 1).is("!");
            switch (t.text) {
                case "shExpMatch", "dnsDomainIs", "localHostOrDomainIs", "isInNet" -> {
                    if (i + 1 < to && toks.get(i + 1).is("(") && match[i + 1] > 0 && match[i + 1] <= to) {
                        call(t.text, i + 2, match[i + 1], negated);
                        i = match[i + 1];
                    }
                }
                case "==", "===", "!=", "!==" -> {
                    Tok a = toks.get(i - 1 >= from ? i - 1 : i);
                    Tok b = i + 1 < to ? toks.get(i + 1) : t;
                    Tok value = a.string ? a : b.string ? b : null;
                    Tok other = value == a ? b : a;
                    if (value != null && !other.string && other.text.equals("host")) {
                        if (t.text.startsWith("!") || negated) {
                            sink.problem(
                                    value.line,
                                    value.text,
                                    "a negated test sends the hosts it does not match DIRECT: not read");
                        } else {
                            host(value.text, value.text, value.line);
                        }
                    }
                }
                default -> {
                    // other tests (isPlainHostName, url checks, ...) list no hosts
                }
            }
        }
    }

    private void call(String fn, int from, int to, boolean negated) {
        List<Tok> args = new ArrayList<>();
        for (int j = from; j < to; j++) {
            Tok a = toks.get(j);
            if (!a.is(",")) {
                args.add(a);
            }
        }
        int line = toks.get(from - 2).line;
        if (negated) {
            sink.problem(line, fn, "a negated test sends the hosts it does not match DIRECT: not read");
            return;
        }
        if (fn.equals("isInNet")) {
            // only the destination counts: isInNet(myIpAddress(), ...) asks where the client is
            boolean destination =
                    !args.isEmpty() && (args.get(0).is("host") || args.get(0).is("dnsResolve"));
            if (!destination) {
                sink.problem(line, fn, "a test on another address than the host's (e.g. the client's): not read");
                return;
            }
            if (args.size() >= 3 && args.get(args.size() - 2).string && args.get(args.size() - 1).string) {
                String a = args.get(args.size() - 2).text;
                String m = args.get(args.size() - 1).text;
                sink.netmask(a, m, a + " " + m, line);
            }
            return;
        }
        if (args.stream().anyMatch(a -> a.is("url"))) {
            sink.problem(line, fn, "a test on the URL, not the host: not read");
            return;
        }
        Tok last = args.isEmpty() ? null : args.get(args.size() - 1);
        if (last == null || !last.string || args.size() < 2) {
            sink.problem(line, fn, "the pattern is not a string literal: not read");
            return;
        }
        String v = last.text;
        switch (fn) {
            case "shExpMatch" -> host(v, v, line);
            // dnsDomainIs is a plain suffix test: ".d" is every name under d, "d" also "xd"
            case "dnsDomainIs" -> host("*" + v, v, line);
            default -> host(v, v, line);
        }
    }

    private void host(String pattern, String text, int line) {
        if (!sink.clean(text, line)) {
            return;
        }
        if (pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0) {
            sink.problem(line, text, "a pattern with '?' or '[' is not read");
            return;
        }
        try {
            sink.host(HostPattern.parse(pattern), text, line);
        } catch (InvalidDataException e) {
            sink.problem(line, text, "not a hostname pattern");
        }
    }

    private static boolean ident(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** For every opening bracket the index of its closing one (and the reverse), 0 when unmatched. One pass with a stack. */
    private static int[] matching(List<Tok> toks) {
        int[] m = new int[toks.size()];
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.is("(") || t.is("{") || t.is("[")) {
                open.push(i);
            } else if (t.is(")") || t.is("}") || t.is("]")) {
                // unbalanced input: drop openers until one of the right kind
                String want = t.is(")") ? "(" : t.is("}") ? "{" : "[";
                while (!open.isEmpty() && !toks.get(open.peek()).is(want)) {
                    open.pop();
                }
                if (!open.isEmpty()) {
                    int o = open.pop();
                    m[o] = i;
                    m[i] = o;
                }
            }
        }
        return m;
    }

    /** JavaScript tokens: identifiers and numbers, strings (unescaped), operators; comments dropped. */
    private static List<Tok> tokens(String s, EntryCollector sink) {
        List<Tok> out = new ArrayList<>();
        int line = 1;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c <= ' ') {
                i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                for (; i < stop; i++) {
                    if (s.charAt(i) == '\n') {
                        line++;
                    }
                }
            } else if (c == '"' || c == '\'') {
                StringBuilder b = new StringBuilder();
                int start = line;
                i++;
                while (i < n && s.charAt(i) != c && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    if (b.length() <= EntryCollector.MAX_TOKEN) {
                        b.append(s.charAt(i));
                    }
                    i++;
                }
                i++;
                out.add(new Tok(b.toString(), true, start));
            } else if (Character.isJavaIdentifierPart(c)) {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(s.charAt(i))) {
                    i++;
                }
                out.add(new Tok(s.substring(start, Math.min(i, start + EntryCollector.MAX_TOKEN + 1)), false, line));
            } else if (c == '=' || c == '!') {
                int start = i;
                i++;
                while (i < n && i - start < 3 && s.charAt(i) == '=') {
                    i++;
                }
                out.add(new Tok(s.substring(start, i), false, line));
            } else {
                out.add(new Tok(c < 128 ? ASCII[c] : String.valueOf(c), false, line));
                i++;
            }
            if (out.size() > MAX_TOKENS) {
                sink.problem(line, "", "more than " + MAX_TOKENS + " tokens: the rest of the PAC file is not read");
                break;
            }
        }
        return out;
    }

    /** A proxy auto-config file defines this function, wherever in the file. */
    static boolean claims(Detection.Head h) {
        return h.text().contains("FindProxyForURL");
    }
}
