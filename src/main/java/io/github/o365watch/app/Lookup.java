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
    public record Hit(Instance instance, EndpointSet set, String entry, Relation relation, List<Version> versions) {
    }

    /** The answers to one query, and how many versions were searched per instance. */
    public record Answer(String query, List<Hit> hits, Map<Instance, List<Version>> searched) {
        public boolean matched() {
            return !hits.isEmpty();
        }
    }

    /** A parsed query: an address or prefix, or a hostname (possibly a wildcard). */
    record Query(String text, Optional<IpPrefix> prefix, Optional<HostPattern> host) {
        static Query parse(String text) {
            String t = text.strip();
            if (IP_LIKE.matcher(t).matches()) {
                try {
                    return new Query(text, Optional.of(IpPrefix.parse(t)), Optional.empty());
                } catch (PrefixFormatException e) {
                    throw new UsageException("lookup: " + e.getMessage());
                }
            }
            try {
                return new Query(text, Optional.empty(), Optional.of(HostPattern.parse(t)));
            } catch (InvalidDataException e) {
                throw new UsageException("lookup: '" + io.github.o365watch.domain.net.Printable.of(text)
                        + "' is neither an IP address or prefix nor a hostname: " + e.getMessage());
            }
        }
    }

    /**
     * @param history search every stored version instead of the newest (or {@code version})
     */
    public List<Answer> run(List<String> queries, List<Instance> instances, String version, boolean history) {
        List<Query> parsed = queries.stream().map(Query::parse).toList();
        Map<Instance, List<Snapshot>> snapshots = new LinkedHashMap<>();
        for (Instance i : instances) {
            List<Snapshot> list = new ArrayList<>();
            if (history) {
                if (ws.store().versions(i).isEmpty()) {
                    throw ws.site().nothingStored(i);
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
                searched.put(e.getKey(), e.getValue().stream().map(Snapshot::version).toList());
                for (Snapshot s : e.getValue()) {
                    for (EndpointSet set : s.sets()) {
                        match(q, set, (entry, relation) -> hits.merge(
                                e.getKey() + "/" + set.id() + "/" + entry,
                                new Hit(e.getKey(), set, entry, relation, List.of(s.version())),
                                (a, b) -> new Hit(a.instance(), b.set(), a.entry(), a.relation(), concat(a.versions(), b.versions()))));
                    }
                }
            }
            out.add(new Answer(q.text(), List.copyOf(hits.values()), searched));
        }
        return out;
    }

    private static List<Version> concat(List<Version> a, List<Version> b) {
        List<Version> out = new ArrayList<>(a);
        out.addAll(b);
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
