package io.github.o365watch.domain;

import io.github.o365watch.text.Printable;
import java.util.Locale;

/**
 * A hostname or hostname pattern as Microsoft publishes them in {@code urls}: an exact name
 * ({@code outlook.office.com}), a subdomain wildcard ({@code *.office.com}), or a wildcard inside
 * a label ({@code *cdn.onenote.net}, {@code *-files.sharepoint.com},
 * {@code autodiscover.*.onmicrosoft.com}). Held lower-case without a trailing dot.
 *
 * <p>A {@code *} matches any run of characters, dots included, possibly empty: the semantics of
 * a PAC file's {@code shExpMatch}, so that {@code lookup} and the generated PAC agree. Thus
 * {@code *.office.com} matches {@code a.b.office.com} but not {@code office.com}.
 */
public record HostPattern(String pattern) implements Comparable<HostPattern> {

    /** How a pattern can be expressed by devices. */
    public enum Kind {
        /** No wildcard. */
        EXACT,
        /** {@code *.} followed by an exact name: every subdomain of that name. */
        SUBDOMAINS,
        /** A wildcard elsewhere: glued to a label or in the middle. Few devices can express it. */
        PARTIAL
    }

    public HostPattern {
        String problem = problem(pattern);
        if (problem != null) {
            throw new InvalidDataException("not a hostname pattern: '" + Printable.of(pattern) + "' (" + problem + ")");
        }
    }

    /**
     * Parses a published entry: lower-cases, drops one trailing dot, and checks the grammar
     * (labels of letters, digits, hyphens and underscores, plus {@code *}). Whitespace is an
     * error, not something to trim away.
     */
    public static HostPattern parse(String raw) {
        if (raw == null) {
            throw new InvalidDataException("not a hostname pattern: null");
        }
        String s = raw.toLowerCase(Locale.ROOT);
        if (s.endsWith(".") && s.length() > 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return new HostPattern(s); // checks the grammar (once: a snapshot's hostnames are parsed by the 100,000)
        } catch (InvalidDataException e) {
            // the message names what was published, not the lower-cased form
            throw new InvalidDataException("not a hostname pattern: '" + Printable.of(raw) + "' (" + problem(s) + ")");
        }
    }

    /** Parses an exact hostname (no wildcard), e.g. one a user asks about. */
    public static HostPattern parseHost(String raw) {
        HostPattern p = parse(raw);
        if (p.kind() != Kind.EXACT) {
            throw new InvalidDataException("a hostname cannot contain '*': '" + Printable.of(raw) + "'");
        }
        return p;
    }

    /** Why {@code s} is not a pattern, or null: the first problem found, in a fixed order. Scans the text once, no copies. */
    static String problem(String s) {
        if (s == null || s.isEmpty()) {
            return "empty";
        }
        if (s.length() > 253) {
            return "longer than 253 characters";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '*';
            if (!ok) {
                return c >= 'A' && c <= 'Z'
                        ? "upper-case letters"
                        : "character '" + Printable.of(String.valueOf(c)) + "' is not allowed";
            }
        }
        int lastDot = s.lastIndexOf('.');
        if (lastDot < 0) {
            return "needs at least two labels";
        }
        // each label in turn, from start to the next dot (or the end)
        for (int start = 0; start <= s.length(); ) {
            int end = s.indexOf('.', start);
            if (end < 0) {
                end = s.length();
            }
            if (end == start) {
                return "empty label";
            }
            if (end - start > 63) {
                return "label longer than 63 characters";
            }
            int star = s.indexOf('*', start);
            if ((star < 0 || star >= end) && (s.charAt(start) == '-' || s.charAt(end - 1) == '-')) {
                return "label starts or ends with '-'";
            }
            start = end + 1;
        }
        boolean letter = false;
        for (int i = lastDot + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*') {
                return "wildcard in the top-level domain";
            }
            letter |= c >= 'a' && c <= 'z';
        }
        if (!letter) {
            return "top-level domain has no letter";
        }
        if (s.contains("**")) {
            return "consecutive wildcards";
        }
        if (s.indexOf('*') != s.lastIndexOf('*')) {
            // Microsoft never publishes two; with one, matching is a prefix and a suffix test (no backtracking)
            return "more than one wildcard";
        }
        return null;
    }

    /**
     * The pattern's own hash, the value the record's generated method gives (one component), made without its
     * method-handle chain: hostnames are hashed by the hundred thousand per sync (sets, maps, the differ).
     */
    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof HostPattern h && pattern.equals(h.pattern);
    }

    public Kind kind() {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return Kind.EXACT;
        }
        if (star == 0 && pattern.startsWith("*.") && pattern.indexOf('*', 1) < 0) {
            return Kind.SUBDOMAINS;
        }
        return Kind.PARTIAL;
    }

    public boolean isWildcard() {
        return pattern.indexOf('*') >= 0;
    }

    /** For {@link Kind#SUBDOMAINS}: the name under which every subdomain matches ({@code office.com}). */
    public String domain() {
        if (kind() != Kind.SUBDOMAINS) {
            throw new IllegalStateException("not a subdomain wildcard: " + pattern);
        }
        return pattern.substring(2);
    }

    /** The text before the {@code *} ({@code autodiscover.} of {@code autodiscover.*.onmicrosoft.com}); the whole pattern when exact. */
    public String head() {
        int star = pattern.indexOf('*');
        return star < 0 ? pattern : pattern.substring(0, star);
    }

    /** The text after the {@code *} ({@code .onmicrosoft.com}); empty when exact. */
    public String tail() {
        int star = pattern.indexOf('*');
        return star < 0 ? "" : pattern.substring(star + 1);
    }

    /** True when the (lower-case) host matches this pattern. */
    public boolean matches(String host) {
        return glob(pattern, host.toLowerCase(Locale.ROOT));
    }

    /**
     * True when every host {@code other} matches, this one matches too. A {@code *} of
     * {@code other} can only be absorbed by a {@code *} of this pattern.
     */
    public boolean covers(HostPattern other) {
        return glob(pattern, other.pattern);
    }

    /**
     * The public suffix this pattern's wildcard reaches across, or empty when it stays under one
     * registrable domain: when the labels after the last one holding a {@code *} are a public
     * suffix ({@code *.com}, {@code *.co.uk}, {@code *soft.com}, {@code a.*.com}), the pattern
     * matches names anyone can register. An exact name never does.
     */
    public java.util.Optional<String> wildcardAcross(PublicSuffixes suffixes) {
        return fixedSuffix().filter(suffixes::isPublicSuffix);
    }

    /**
     * The labels after the last one holding a {@code *}: every name the pattern matches lies under
     * them ({@code *-my.sharepoint.com}: {@code sharepoint.com}). Empty for an exact name.
     */
    public java.util.Optional<String> fixedSuffix() {
        int star = pattern.lastIndexOf('*');
        // the grammar keeps the top-level label free of '*': there is always a dot after the last one
        return star < 0
                ? java.util.Optional.empty()
                : java.util.Optional.of(pattern.substring(pattern.indexOf('.', star) + 1));
    }

    /** The pattern with each {@code *} replaced by {@code label}, e.g. a sample host for tests. */
    public String instantiate(String label) {
        return pattern.replace("*", label);
    }

    /** Glob match, '*' in {@code glob} matching any run; other characters literal. */
    private static boolean glob(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = t;
            } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (star >= 0) {
                g = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    @Override
    public int compareTo(HostPattern o) {
        return pattern.compareTo(o.pattern);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
