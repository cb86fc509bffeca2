package io.github.o365watch.inspect;

import java.util.List;

/** nftables scripts, ipset and iptables-restore files (or the commands), and dnsmasq's set lines. */
final class LinuxReaders {
    private LinuxReaders() {}

    /**
     * Every address in an nft script: set elements, {@code daddr} matches, {@code define}s. What
     * follows {@code saddr}, {@code !=} or a NAT {@code to} is a source, an exclusion or a
     * translation, not a listed destination, and is skipped. Ranges {@code a-b} are read exactly.
     */
    static void nftables(String content, EntryCollector sink) {
        Lexer lex = Lexer.nft(content);
        for (Lexer.Tok tok = lex.next(); tok != null; tok = lex.next()) {
            String t = tok.text();
            if (t.equals("saddr") || t.equals("!=") || t.equals("to")) {
                skipValue(lex);
                continue;
            }
            if (!(TokenScanner.looksV4(t) || TokenScanner.looksV6(t, true) || TokenScanner.rangeDash(t) > 0)) {
                continue;
            }
            Lexer.Tok dash = lex.peek(0);
            Lexer.Tok last = lex.peek(1);
            if (TokenScanner.rangeDash(t) < 0
                    && dash != null
                    && dash.text().equals("-")
                    && last != null
                    && TokenScanner.addressLike(last.text())) {
                sink.range(t, last.text(), t + "-" + last.text(), tok.line());
                lex.next();
                lex.next();
            } else {
                sink.prefixOrRange(t, tok.line());
            }
        }
    }

    /** Past the value that comes next: one word (or {@code a - b}), or a whole {@code { ... }}. */
    private static void skipValue(Lexer lex) {
        Lexer.Tok first = lex.next();
        if (first == null) {
            return;
        }
        if (first.text().equals("{")) {
            int depth = 1;
            for (Lexer.Tok t = lex.next(); t != null && depth > 0; t = depth > 0 ? lex.next() : null) {
                if (t.text().equals("{")) {
                    depth++;
                } else if (t.text().equals("}")) {
                    depth--;
                }
            }
            return;
        }
        Lexer.Tok dash = lex.peek(0);
        if (dash != null && dash.text().equals("-") && lex.peek(1) != null) {
            lex.next();
            lex.next();
        }
    }

    /**
     * ipset restore lines ({@code add SET ENTRY}) and iptables rules: the values of {@code -d},
     * {@code --destination}, {@code --dst} and {@code --dst-range}; sources and negated matches
     * ({@code ! -d}) are not listed destinations. {@code --match-set NAME dst} is a reference to a
     * set whose entries another file holds.
     */
    static void iptables(String content, EntryCollector sink) {
        TokenScanner.lines(content, sink, (line, n) -> {
            String s = TokenScanner.lead(line);
            if (s.isEmpty() || s.startsWith("#") || TokenScanner.notExpressed(s)) {
                return;
            }
            List<String> w = TokenScanner.words(s);
            int add = w.get(0).equals("ipset") && w.size() > 1 ? 1 : 0;
            if (w.get(add).equals("add") && w.size() > add + 2) {
                String entry = w.get(add + 2);
                int comma = entry.indexOf(',');
                sink.prefixOrRange(comma > 0 ? entry.substring(0, comma) : entry, n);
                return;
            }
            // a rule that drops or rejects its destinations does not permit them, as ASA's deny lines
            int jump = Math.max(w.indexOf("-j"), w.indexOf("--jump"));
            if (jump >= 0 && jump + 1 < w.size() && List.of("DROP", "REJECT").contains(w.get(jump + 1))) {
                return;
            }
            for (int i = 0; i + 1 < w.size(); i++) {
                String opt = w.get(i);
                boolean negated =
                        i > 0 && w.get(i - 1).equals("!") || w.get(i + 1).startsWith("!");
                if ((opt.equals("-d") || opt.equals("--destination") || opt.equals("--dst")) && !negated) {
                    for (String v : w.get(i + 1).split(",", -1)) {
                        if (TokenScanner.addressLike(v) || TokenScanner.rangeDash(v) > 0) {
                            sink.prefixOrRange(v, n);
                        } else {
                            sink.hostname(v, v, n);
                        }
                    }
                    i++;
                } else if (opt.equals("--dst-range") && !negated) {
                    sink.prefixOrRange(w.get(i + 1), n);
                    i++;
                } else if (opt.equals("--match-set") && !negated) {
                    // a set of destinations (its first flag dst): its entries are in an ipset file, read on its own
                    if (i + 2 < w.size() && w.get(i + 2).startsWith("dst")) {
                        sink.reference("--match-set " + w.get(i + 1), n);
                    }
                    i++;
                }
            }
        });
    }

    /**
     * {@code ipset=/a/b/SETS} and {@code nftset=/a/b/SETS}: each domain fills the sets for itself
     * and every name under it ({@code *.domain}: the names under it only). Other directives
     * ({@code server=}, {@code address=}) route DNS and list nothing.
     */
    static void dnsmasq(String content, EntryCollector sink) {
        TokenScanner.lines(content, sink, (line, n) -> {
            String s = TokenScanner.lead(line);
            if (s.startsWith("--")) {
                s = s.substring(2);
            }
            if (!s.startsWith("ipset=/") && !s.startsWith("nftset=/")) {
                return;
            }
            String rest = s.substring(s.indexOf('/') + 1);
            String[] parts = rest.split("/", -1);
            // the last part names the sets; every part before it is a domain
            for (int i = 0; i < parts.length - 1; i++) {
                String d = parts[i];
                if (d.isEmpty()) {
                    continue;
                }
                if (d.equals("#")) {
                    sink.problem(n, s, "'#' matches every domain; not read as an entry");
                } else if (d.startsWith("*.")) {
                    sink.hostname(d, d, n);
                } else {
                    sink.domainAndBelow(d.startsWith(".") ? d.substring(1) : d, d, n);
                }
            }
            if (parts.length < 2) {
                sink.problem(n, s, "no '/' after the domains: not a set line");
            }
        });
    }

    /** nft's interpreter line ({@code #!/usr/sbin/nft -f}), a comment to every other format. */
    static boolean nftShebang(String s) {
        return s.startsWith("#!") && (s.endsWith("/nft -f") || s.contains("/nft "));
    }

    /** A line of an nft script. */
    static boolean nftablesSignature(String s) {
        return Detector.startsAny(
                        s,
                        "table inet ",
                        "table ip ",
                        "table ip6 ",
                        "table bridge ",
                        "table netdev ",
                        "table arp ",
                        "add element ",
                        "add rule ",
                        "flush ruleset",
                        "delete table ")
                || s.startsWith("elements = {");
    }

    /** A line of iptables-save, iptables commands or an ipset restore file. */
    static boolean iptablesSignature(String s) {
        return Detector.startsAny(
                        s,
                        "-A ",
                        "-I ",
                        "*filter",
                        "*nat",
                        "*mangle",
                        "*raw",
                        "COMMIT",
                        "iptables ",
                        "ip6tables ",
                        "ipset ")
                || s.startsWith("create ") && s.contains(" hash:")
                || ipsetAdd(s);
    }

    /** ipset restore's {@code add SET ENTRY}, told from nft's {@code add element} by the entry. */
    private static boolean ipsetAdd(String s) {
        if (!s.startsWith("add ")) {
            return false;
        }
        java.util.List<String> w = TokenScanner.words(s);
        if (w.size() < 3) {
            return false;
        }
        String entry = w.get(2);
        int comma = entry.indexOf(',');
        return TokenScanner.addressLike(comma >= 0 ? entry.substring(0, comma) : entry)
                || TokenScanner.rangeDash(entry) > 0;
    }

    /** A dnsmasq option line naming domains. */
    static boolean dnsmasqSignature(String s) {
        return Detector.startsAny(
                s.toLowerCase(java.util.Locale.ROOT),
                "ipset=/",
                "nftset=/",
                "server=/",
                "address=/",
                "local=/",
                "--ipset=/",
                "--nftset=/");
    }
}
