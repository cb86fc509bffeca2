package io.github.o365watch.app;

import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixFormatException;
import io.github.o365watch.store.StoredVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Why is this IP allowed?" and "is this host Microsoft's?": which endpoint sets of which
 * versions contain an address or match a hostname.
 */
public final class Lookup {
    private static final Pattern IP_LIKE = Pattern.compile("[0-9.]+(/[0-9]+)?|.*:.*");
    private final Workspace ws;

    public Lookup(Workspace ws) {
        this.ws = ws;
    }

    /** How an entry of a set relates to the query. */
    public enum Relation {
        /** The entry contains the address, or its pattern matches the host. */
        CONTAINS,
        /** The entry lies inside the queried prefix, or matches the queried wildcard. */
        INSIDE
    }

    /**
     * One endpoint-set entry that answers the query. {@code set} is as of the newest version in
     * {@code versions}, the versions (searched) in which the entry matched.
     */
    public record Hit(Instance instance, EndpointSet set, String entry, Relation relation, List<Version> versions) {}

    /** The answers to one query, and how many versions were searched per instance. */
    public record Answer(Query parsed, List<Hit> hits, Map<Instance, List<Version>> searched) {
        public String query() {
            return parsed.text();
        }

        public boolean matched() {
            return !hits.isEmpty();
        }
    }

    /**
     * A parsed query: an address or prefix, or a hostname (possibly a wildcard), and the port when
     * what was pasted names one ({@code host:443}, {@code 52.112.10.20:3478}, {@code [2603:1027::1]:443},
     * or a URL's, written or implied by its scheme: TCP 443 for https).
     */
    public record Query(
            String text,
            Optional<IpPrefix> prefix,
            Optional<HostPattern> host,
            Optional<Integer> port,
            Optional<String> protocol,
            boolean pasted) {
        private static final Pattern URL =
                Pattern.compile("(?i)([a-z][a-z0-9+.-]*)://(?:[^/?#@]*@)?([^/?#]*)(?:[/?#].*)?");
        private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]+)\\](?::([0-9]+))?");
        private static final Pattern HOST_PORT = Pattern.compile("([^:\\[\\]]+):([0-9]+)");

        static Query parse(String text) {
            String t = text.strip();
            Matcher url = URL.matcher(t);
            if (url.matches()) {
                String scheme = url.group(1).toLowerCase(java.util.Locale.ROOT);
                Query q = authority(text, url.group(2));
                if (q.port().isPresent()) {
                    return q;
                }
                Optional<Integer> implied = scheme.equals("https")
                        ? Optional.of(443)
                        : scheme.equals("http") ? Optional.of(80) : Optional.empty();
                return new Query(text, q.prefix(), q.host(), implied, implied.map(p -> "TCP"), true);
            }
            return authority(text, t);
        }

        /** {@code host}, {@code host:port}, {@code ip}, {@code ip:port}, {@code [v6]}, {@code [v6]:port}, a prefix. */
        private static Query authority(String text, String t) {
            Matcher b = BRACKETED.matcher(t);
            if (b.matches()) {
                return of(text, b.group(1), port(text, b.group(2)), true);
            }
            Matcher hp = HOST_PORT.matcher(t);
            if (hp.matches()) {
                return of(text, hp.group(1), port(text, hp.group(2)), true);
            }
            return of(text, t, Optional.empty(), !t.equals(text.strip()));
        }

        private static Optional<Integer> port(String text, String digits) {
            if (digits == null) {
                return Optional.empty();
            }
            int p = digits.length() > 5 ? 0 : Integer.parseInt(digits);
            if (p < 1 || p > 65535) {
                throw UsageException.commandLine("lookup: '" + io.github.o365watch.text.Printable.of(text) + "': port "
                        + digits + " is not 1-65535");
            }
            return Optional.of(p);
        }

        private static Query of(String text, String t, Optional<Integer> port, boolean pasted) {
            if (IP_LIKE.matcher(t).matches()) {
                try {
                    return new Query(
                            text, Optional.of(IpPrefix.parse(t)), Optional.empty(), port, Optional.empty(), pasted);
                } catch (PrefixFormatException e) {
                    throw UsageException.commandLine("lookup: " + e.getMessage());
                }
            }
            try {
                return new Query(
                        text,
                        Optional.empty(),
                        Optional.of(HostPattern.parse(t.endsWith(".") ? t.substring(0, t.length() - 1) : t)),
                        port,
                        Optional.empty(),
                        pasted);
            } catch (InvalidDataException e) {
                throw UsageException.commandLine("lookup: '" + io.github.o365watch.text.Printable.of(text)
                        + "' is neither an IP address or prefix nor a hostname (a URL, host:port, ip:port and [v6]:port are"
                        + " read too): " + e.getMessage());
            }
        }

        /** What was looked up in what was pasted: {@code outlook.office365.com, TCP 443}; empty for a plain query. */
        public Optional<String> looked() {
            if (!pasted) {
                return Optional.empty();
            }
            String what = prefix.map(p -> p.length() == p.family().bits() ? p.network() : p.toString())
                    .orElseGet(() -> host.orElseThrow().pattern());
            return Optional.of(what
                    + port.map(n -> ", " + protocol.map(x -> x + " ").orElse("port ") + n)
                            .orElse(""));
        }

        /** Whether a set lists the query's port, by protocol ("TCP", "UDP", both), or empty when no port was asked. */
        public Optional<List<String>> portListedBy(EndpointSet set) {
            if (port.isEmpty()) {
                return Optional.empty();
            }
            List<String> on = new ArrayList<>();
            if (!protocol.equals(Optional.of("UDP")) && set.tcpPorts().contains(port.get())) {
                on.add("TCP");
            }
            if (!protocol.equals(Optional.of("TCP")) && set.udpPorts().contains(port.get())) {
                on.add("UDP");
            }
            return Optional.of(on);
        }
    }

    /** Which stored versions a lookup searches. */
    public enum Versions {
        /** The one asked for, else the newest. */
        ONE,
        /** {@code --history}: every stored version ({@code version} is not used). */
        ALL
    }

    public List<Answer> run(List<String> queries, List<Instance> instances, String version, Versions versions) {
        List<Query> parsed = queries.stream().map(Query::parse).toList();
        Map<Instance, List<Snapshot>> snapshots = new LinkedHashMap<>();
        for (Instance i : instances) {
            List<Snapshot> list = new ArrayList<>();
            if (versions == Versions.ALL) {
                if (ws.store().versions(i).isEmpty()) {
                    throw Selections.nothingStored(ws, i);
                }
                for (StoredVersion v : ws.store().versions(i)) {
                    list.add(ws.store().load(v));
                }
            } else {
                list.add(ws.store().load(Selections.version(ws, i, version)));
            }
            snapshots.put(i, list);
        }
        List<Answer> out = new ArrayList<>();
        for (Query q : parsed) {
            Map<String, Hit> hits = new LinkedHashMap<>();
            Map<Instance, List<Version>> searched = new LinkedHashMap<>();
            for (Map.Entry<Instance, List<Snapshot>> e : snapshots.entrySet()) {
                searched.put(
                        e.getKey(), e.getValue().stream().map(Snapshot::version).toList());
                for (Snapshot s : e.getValue()) {
                    for (EndpointSet set : s.sets()) {
                        match(
                                q,
                                set,
                                (entry, relation) -> hits.merge(
                                        e.getKey() + "/" + set.id() + "/" + entry,
                                        new Hit(e.getKey(), set, entry, relation, List.of(s.version())),
                                        (a, b) -> new Hit(
                                                a.instance(),
                                                b.set(),
                                                a.entry(),
                                                a.relation(),
                                                concat(a.versions(), b.versions()))));
                    }
                }
            }
            out.add(new Answer(q, List.copyOf(hits.values()), searched));
        }
        return out;
    }

    private static List<Version> concat(List<Version> a, List<Version> b) {
        List<Version> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The entries of {@code set} that answer the query, in the set's order. */
    static List<String> entries(Query q, EndpointSet set) {
        List<String> out = new ArrayList<>();
        match(q, set, (entry, relation) -> out.add(entry));
        return out;
    }

    private static void match(Query q, EndpointSet set, java.util.function.BiConsumer<String, Relation> hit) {
        if (q.prefix().isPresent()) {
            IpPrefix p = q.prefix().get();
            for (IpPrefix ip : set.ips()) {
                if (ip.contains(p)) {
                    hit.accept(ip.toString(), Relation.CONTAINS);
                } else if (p.contains(ip)) {
                    hit.accept(ip.toString(), Relation.INSIDE);
                }
            }
        } else {
            HostPattern h = q.host().orElseThrow();
            for (HostPattern u : set.urls()) {
                if (u.covers(h)) {
                    hit.accept(u.pattern(), Relation.CONTAINS);
                } else if (h.covers(u)) {
                    hit.accept(u.pattern(), Relation.INSIDE);
                }
            }
        }
    }
}
