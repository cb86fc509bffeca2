package io.github.o365watch.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Words and punctuation of a brace-structured config (nftables, Junos), streamed with a short
 * look-ahead so a huge file never becomes a huge list. One pass, no regular expressions.
 */
final class Lexer {
    /** One token and the line it starts on. Quoted strings keep their quotes, so they are never taken for keywords or values. */
    record Tok(String text, int line) {
        boolean is(String s) {
            return text.equals(s);
        }

        boolean quoted() {
            return text.startsWith("\"");
        }
    }

    static final String NEWLINE = "\n";

    private final String s;
    private final int n;
    private final String symbols;
    private final String dropped;
    private final boolean newlines;
    private final boolean hashAnywhere;
    private int i;
    private int line = 1;
    private boolean lineStart = true;
    private final List<Tok> ahead = new ArrayList<>(4);

    private Lexer(String s, String symbols, String dropped, boolean newlines, boolean hashAnywhere) {
        this.s = s;
        this.n = s.length();
        this.symbols = symbols;
        this.dropped = dropped;
        this.newlines = newlines;
        this.hashAnywhere = hashAnywhere;
    }

    /** nft: braces are tokens; commas and semicolons separate; {@code #} starts a comment anywhere. */
    static Lexer nft(String s) {
        return new Lexer(s, "{}", ",;", false, true);
    }

    /** Junos: braces, brackets and {@code ;} are tokens, and line ends (set commands end there); {@code #} lines and block comments are comments. */
    static Lexer junos(String s) {
        return new Lexer(s, "{}[];", "", true, false);
    }

    Tok next() {
        return ahead.isEmpty() ? scan() : ahead.remove(0);
    }

    /** The token {@code k} places after the next one would be returned (0: the next), or null. */
    Tok peek(int k) {
        while (ahead.size() <= k) {
            Tok t = scan();
            if (t == null) {
                return null;
            }
            ahead.add(t);
        }
        return ahead.get(k);
    }

    private Tok scan() {
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                i++;
                lineStart = true;
                if (newlines) {
                    return new Tok(NEWLINE, line++);
                }
                line++;
            } else if (c == ' ' || c == '\t' || c == '\r' || dropped.indexOf(c) >= 0) {
                i++;
            } else if (c == '#' && (hashAnywhere || lineStart)) {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*' && !hashAnywhere) {
                int end = s.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                for (; i < stop; i++) {
                    if (s.charAt(i) == '\n') {
                        line++;
                    }
                }
            } else if (c == '"') {
                int start = i++;
                while (i < n && s.charAt(i) != '"' && s.charAt(i) != '\n') {
                    i++;
                }
                if (i < n && s.charAt(i) == '"') {
                    i++;
                }
                lineStart = false;
                return new Tok(s.substring(start, Math.min(i, start + EntryCollector.MAX_TOKEN + 1)), line);
            } else if (symbols.indexOf(c) >= 0) {
                i++;
                lineStart = false;
                return new Tok(String.valueOf(c).intern(), line);
            } else {
                int start = i;
                while (i < n && !boundary(s.charAt(i))) {
                    i++;
                }
                lineStart = false;
                return new Tok(s.substring(start, Math.min(i, start + EntryCollector.MAX_TOKEN + 1)), line);
            }
        }
        return null;
    }

    private boolean boundary(char c) {
        return c == ' '
                || c == '\t'
                || c == '\r'
                || c == '\n'
                || c == '"'
                || symbols.indexOf(c) >= 0
                || dropped.indexOf(c) >= 0
                || c == '#' && hashAnywhere;
    }
}
