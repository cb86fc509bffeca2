package io.github.o365watch.inspect;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.net.AddressForms;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.inspect.Listed.AddressEntry;
import io.github.o365watch.inspect.Listed.HostEntry;
import io.github.o365watch.inspect.Listed.Problem;
import io.github.o365watch.text.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the format readers put what they read. Turns address and hostname tokens into entries
 * or problems, so every reader judges a token the same way, and caps what it keeps: at most
 * {@link #MAX_PROBLEMS} problems (then one more saying how many were left out) and at most
 * {@link #MAX_ENTRIES} entries (a file beyond that is not a configuration; a problem says so).
 */
final class EntryCollector {
    static final int MAX_PROBLEMS = 100;
    static final int MAX_ENTRIES = 200_000;
    /** Longer tokens cannot be an address or a hostname (253 characters at most). */
    static final int MAX_TOKEN = 300;

    private static final int MAX_TEXT = 120;

    private final ConfigFormat format;
    private final List<AddressEntry> addresses = new ArrayList<>();
    private final List<HostEntry> hosts = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Listed.Reference> references = new ArrayList<>();
    private int moreProblems;
    private int firstMoreLine;
    private int moreEntries;
    private int firstMoreEntryLine;

    EntryCollector(ConfigFormat format) {
        this.format = format;
    }

    Listed listed() {
        List<Problem> all = new ArrayList<>(problems);
        // lines with control characters are judged before the format's reader runs: in line order with its problems
        all.sort(java.util.Comparator.comparingInt(Problem::line));
        if (moreEntries > 0) {
            all.add(new Problem(
                    firstMoreEntryLine,
                    "",
                    io.github.o365watch.domain.Plural.of(moreEntries, "more entry", "more entries")
                            + " not read: more than " + MAX_ENTRIES
                            + " entries is not a configuration this reader expects"));
        }
        if (moreProblems > 0) {
            all.add(new Problem(
                    firstMoreLine,
                    "",
                    io.github.o365watch.domain.Plural.of(moreProblems, "more problem", "more problems")
                            + " from this line on, not listed"));
        }
        return new Listed(format, addresses, hosts, all, references);
    }

    /** A list the file refers to and does not hold (the first {@link #MAX_PROBLEMS} are kept: they only show that there are some). */
    void reference(String text, int line) {
        if (references.size() < MAX_PROBLEMS) {
            references.add(new Listed.Reference(Printable.line(text, MAX_TEXT), line));
        }
    }

    void problem(int line, String text, String reason) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(line, Printable.line(text, MAX_TEXT), Printable.line(reason, 300)));
        } else {
            if (moreProblems++ == 0) {
                firstMoreLine = line;
            }
        }
    }

    /** False once {@link #MAX_ENTRIES} are kept: the entry is counted, not parsed (parsing is the cost). */
    private boolean room(int line) {
        if (addresses.size() + hosts.size() < MAX_ENTRIES) {
            return true;
        }
        if (moreEntries++ == 0) {
            firstMoreEntryLine = line;
        }
        return false;
    }

    void address(String text, List<IpPrefix> prefixes, int line) {
        if (addresses.size() + hosts.size() < MAX_ENTRIES) {
            addresses.add(new AddressEntry(text, prefixes, line));
        } else {
            room(line);
        }
    }

    void host(HostPattern pattern, String text, int line) {
        if (addresses.size() + hosts.size() < MAX_ENTRIES) {
            hosts.add(new HostEntry(pattern, text, line));
        } else {
            room(line);
        }
    }

    /**
     * Reads a prefix or a bare address. A prefix with host bits gives its network and a problem
     * saying so; anything else that does not parse is a problem.
     */
    void prefix(String token, int line) {
        if (!room(line) || !clean(token, line)) {
            return;
        }
        // lenient first: a strict parse would fail with an exception on host bits, costly on a huge bad file
        Optional<IpPrefix> network = AddressForms.network(token);
        if (network.isEmpty()) {
            problem(line, token, "not a valid IP address or prefix");
            return;
        }
        address(token, List.of(network.get()), line);
        int slash = token.indexOf('/');
        if (slash > 0
                && !AddressForms.network(token.substring(0, slash))
                        .map(IpPrefix::network)
                        .orElse("")
                        .equals(network.get().network())) {
            problem(line, token, "host bits set: read as the network " + network.get());
        }
    }

    /** Reads an address with a dotted netmask ({@code text} is how the file wrote both). */
    void netmask(String address, String mask, String text, int line) {
        if (!room(line) || !clean(address, line) || !clean(mask, line)) {
            return;
        }
        Optional<IpPrefix> p = AddressForms.withNetmask(address, mask);
        if (p.isEmpty()) {
            problem(
                    line,
                    text,
                    AddressForms.netmaskLength(mask).isEmpty()
                            ? "not a contiguous IPv4 netmask"
                            : "not a valid IPv4 address");
            return;
        }
        address(text, List.of(p.get()), line);
        if (!p.get().network().equals(address)) {
            problem(line, text, "host bits set: read as the network " + p.get());
        }
    }

    /** Reads a range of addresses, both ends included, as the exact prefixes it covers. */
    void range(String first, String last, String text, int line) {
        if (!room(line) || !clean(first, line) || !clean(last, line)) {
            return;
        }
        List<IpPrefix> blocks = AddressForms.range(first, last);
        if (blocks.isEmpty()) {
            problem(line, text, "not a valid address range (both ends one family, the first not after the last)");
        } else {
            address(text, blocks, line);
        }
    }

    /** Reads {@code a-b} as a range, anything else as a prefix. */
    void prefixOrRange(String token, int line) {
        int dash = TokenScanner.rangeDash(token);
        if (dash > 0) {
            range(token.substring(0, dash), token.substring(dash + 1), token, line);
        } else {
            prefix(token, line);
        }
    }

    /** Reads a hostname pattern where the format has one; a problem when it is not one. */
    void hostname(String token, String text, int line) {
        if (!room(line) || !clean(token, line)) {
            return;
        }
        try {
            host(HostPattern.parse(token), text, line);
        } catch (InvalidDataException e) {
            problem(line, text, "not a hostname: " + reason(e));
        }
    }

    /** Reads the domain of a squid {@code .domain} or a dnsmasq {@code /domain/}: the name and every name under it. */
    void domainAndBelow(String domain, String text, int line) {
        if (!room(line) || !clean(domain, line)) {
            return;
        }
        try {
            HostPattern exact = HostPattern.parseHost(domain);
            host(exact, text, line);
            host(HostPattern.parse("*." + exact.pattern()), text, line);
        } catch (InvalidDataException e) {
            problem(line, text, "not a domain: " + reason(e));
        }
    }

    private static String reason(InvalidDataException e) {
        String m = e.getMessage();
        int paren = m.lastIndexOf('(');
        return paren >= 0 && m.endsWith(")") ? m.substring(paren + 1, m.length() - 1) : m;
    }

    /** False (and a problem) for a token no reader should try: too long, or with characters no entry has. */
    boolean clean(String token, int line) {
        if (token.length() > MAX_TOKEN) {
            problem(line, token, "too long for an address or hostname (" + token.length() + " characters)");
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                problem(line, token, "contains a control, format or non-ASCII character");
                return false;
            }
        }
        return true;
    }
}
