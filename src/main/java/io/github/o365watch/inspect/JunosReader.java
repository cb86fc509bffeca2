package io.github.o365watch.inspect;

import io.github.o365watch.inspect.Lexer.Tok;

/**
 * Junos, as set commands or in the brace form {@code show configuration} prints: address-book
 * entries ({@code address NAME PREFIX}, {@code dns-name}, {@code range-address A to B}),
 * {@code prefix-list}s and inline {@code destination-address} prefixes of firewall filters. The
 * word after {@code address} is always a name (o365watch's look like addresses); interface
 * addresses ({@code interfaces}) and NAT rules' addresses ({@code nat}) are never read as entries.
 */
final class JunosReader {
    private final Lexer lex;
    private final EntryCollector sink;
    private int depth;
    /** While inside a block whose bare prefixes are entries, the depth at which it closes; else -1. */
    private int listUntil = -1;
    /**
     * Inside {@code interfaces} (the device's own addresses) and {@code nat} (destinations it
     * translates, not ones a policy permits) no address is an entry: the statement (set form) or
     * the block's depth (brace form) that is such a context.
     */
    private boolean ignoredStatement;

    private int ignoredUntil = -1;

    private JunosReader(String content, EntryCollector sink) {
        this.lex = Lexer.junos(content);
        this.sink = sink;
    }

    static void read(String content, EntryCollector sink) {
        new JunosReader(content, sink).run();
    }

    private void run() {
        for (Tok t = lex.next(); t != null; t = lex.next()) {
            if (t.quoted()) {
                continue;
            }
            if (isEnd(t)) {
                ignoredStatement = false;
            }
            switch (t.text()) {
                case "{", "[" -> depth++;
                case "}", "]" -> {
                    depth--;
                    if (depth < listUntil) {
                        listUntil = -1;
                    }
                    if (depth < ignoredUntil) {
                        ignoredUntil = -1;
                    }
                }
                case "nat", "interfaces" -> {
                    Tok next = lex.peek(0);
                    if (next != null && next.is("{")) {
                        ignoredUntil = ignoredUntil < 0 ? depth + 1 : ignoredUntil;
                    } else {
                        ignoredStatement = true;
                    }
                }
                case "address", "prefix-list", "destination-address" -> {
                    if (ignoredStatement || ignoredUntil >= 0) {
                        skipStatement();
                        ignoredStatement = false; // its end was consumed with it
                    } else if (t.is("destination-address")) {
                        list();
                    } else {
                        named();
                    }
                }
                case "dns-name" -> {
                    Tok v = value();
                    if (v != null) {
                        sink.hostname(v.text(), v.text(), v.line());
                    }
                }
                case "range-address" -> range(t);
                case "wildcard-address" -> wildcard();
                case "description" -> value();
                case "inactive:" -> skipStatement();
                default -> {
                    if (listUntil >= 0
                            && depth >= listUntil
                            && (TokenScanner.addressLike(t.text()) || TokenScanner.rangeDash(t.text()) > 0)) {
                        prefix(t);
                    }
                }
            }
        }
    }

    /** {@code address NAME VALUE}, {@code address NAME { ... }}; the name is never an entry. */
    private void named() {
        Tok name = lex.peek(0);
        if (name == null || isEnd(name) || name.is("{")) {
            return;
        }
        lex.next();
        list();
    }

    /** What follows: one inline prefix, or a block of them, or a name (skipped by the main loop). */
    private void list() {
        Tok v = lex.peek(0);
        if (v == null || v.quoted()) {
            return;
        }
        if (v.is("{") || v.is("[")) {
            lex.next();
            depth++;
            listUntil = depth;
        } else if (TokenScanner.addressLike(v.text())) {
            lex.next();
            prefix(v);
        }
    }

    /** Reads a prefix, unless Junos excludes it ({@code 10.0.0.0/8 except}). */
    private void prefix(Tok t) {
        Tok after = lex.peek(0);
        if (after != null && after.is("except")) {
            return;
        }
        sink.prefix(t.text(), t.line());
    }

    /** {@code range-address A to B} (set) or {@code range-address A { to { B; } }} (braces). */
    private void range(Tok keyword) {
        Tok a = value();
        if (a == null) {
            return;
        }
        Tok t = skipOpening();
        if (t == null || !t.is("to")) {
            sink.problem(keyword.line(), a.text(), "range-address without 'to'");
            return;
        }
        Tok b = skipOpening();
        if (b == null || b.quoted() || isEnd(b)) {
            sink.problem(keyword.line(), a.text(), "range-address without its last address");
            return;
        }
        sink.range(a.text(), b.text(), a.text() + " to " + b.text(), a.line());
    }

    /** The next token past opening braces (counted) and line ends. */
    private Tok skipOpening() {
        for (Tok t = lex.next(); t != null; t = lex.next()) {
            if (t.is("{")) {
                depth++;
            } else if (!t.is(Lexer.NEWLINE)) {
                return t;
            }
        }
        return null;
    }

    /** {@code wildcard-address A/MASK}: read when the mask is contiguous, else a problem. */
    private void wildcard() {
        Tok v = value();
        if (v == null) {
            return;
        }
        int slash = v.text().indexOf('/');
        if (slash > 0 && v.text().indexOf('.', slash) > 0) {
            sink.netmask(v.text().substring(0, slash), v.text().substring(slash + 1), v.text(), v.line());
        } else {
            sink.prefix(v.text(), v.line());
        }
    }

    /** Past a statement Junos keeps but does not apply ({@code inactive: address x 10.0.0.0/8;}), its block included. */
    private void skipStatement() {
        int local = 0;
        for (Tok t = lex.next(); t != null; t = lex.next()) {
            if (t.is("{")) {
                local++;
            } else if (t.is("}") && --local <= 0) {
                return;
            } else if (local == 0 && isEnd(t)) {
                return;
            }
        }
    }

    /** The next token when it is a value on the same statement (consumed), else null. */
    private Tok value() {
        Tok v = lex.peek(0);
        if (v == null || isEnd(v) || v.is("{") || v.is("}")) {
            return null;
        }
        lex.next();
        return v.quoted() && v.text().length() >= 2
                ? new Tok(v.text().substring(1, v.text().length() - 1), v.line())
                : v;
    }

    private static boolean isEnd(Tok t) {
        return t.is(Lexer.NEWLINE) || t.is(";");
    }

    /** A line of Junos configuration (set commands or the curly form). */
    static boolean signature(String s) {
        return Detector.startsAny(
                        s,
                        "set security ",
                        "set policy-options ",
                        "set applications ",
                        "set firewall family ",
                        "address-book {",
                        "policy-options {",
                        "security {")
                || s.startsWith("dns-name ")
                || s.startsWith("range-address ");
    }
}
