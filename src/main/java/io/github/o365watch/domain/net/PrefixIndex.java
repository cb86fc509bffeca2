package io.github.o365watch.domain.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which prefixes contain an address, and the values added with them. Immutable once built.
 *
 * <p>Per family, one hash table per distinct prefix length, keyed by the masked network: a lookup
 * masks the address once per length, so it costs one hash probe per distinct length, however
 * many prefixes there are. IPv4 has a directory by the address's top 16 bits besides: each /16
 * holds the matches of the prefixes of 16 bits or fewer that cover it, and the longer lengths
 * that occur inside it, so a lookup probes only those (Microsoft's lists: 13 IPv4 lengths, and
 * most /16s hold none longer than 16 bits, so most lookups probe nothing).
 */
public final class PrefixIndex<T> {

    /** A prefix that contains the address looked up, and a value added with it. */
    public record Match<T>(IpPrefix prefix, T value) {
        public Match {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(value, "value");
        }
    }

    /** An IPv6 network as a hash key. */
    private record Key6(long high, long low) {}

    // the IPv4 directory, by the top 16 bits: the matches of lengths 0 to 16 (null for none), and the
    // longer lengths of networks inside, longest first (null for none)
    private final Object[] short4 = new Object[1 << 16];
    private final int[][] long4 = new int[1 << 16][];
    private final List<Table<T>> byLength4 = new ArrayList<>(Collections.nCopies(33, null));
    private final int[] lengths6;
    private final List<Table<T>> tables6;
    private final int size;

    private PrefixIndex(Builder<T> b) {
        TreeMap<Integer, Map<Key6, List<Match<T>>>> v4 = new TreeMap<>(Collections.reverseOrder());
        TreeMap<Integer, Map<Key6, List<Match<T>>>> v6 = new TreeMap<>(Collections.reverseOrder());
        for (Match<T> m : b.entries) {
            // the prefix's own value: its network's text, made and parsed again, would go through the IPAddress library
            int len = m.prefix().length();
            if (m.prefix() instanceof Ipv4Prefix p4) {
                v4.computeIfAbsent(len, k -> new HashMap<>())
                        .computeIfAbsent(new Key6(0, p4.networkValue()), k -> new ArrayList<>())
                        .add(m);
            } else {
                Ipv6Prefix p6 = (Ipv6Prefix) m.prefix();
                v6.computeIfAbsent(len, k -> new HashMap<>())
                        .computeIfAbsent(new Key6(p6.high(), p6.low()), k -> new ArrayList<>())
                        .add(m);
            }
        }
        directory(v4, frozen(v4));
        lengths6 = v6.keySet().stream().mapToInt(Integer::intValue).toArray();
        tables6 = frozen(v6);
        size = b.entries.size();
    }

    /**
     * Fills the IPv4 directory. A /16 covered by one stored list keeps that list (the same object
     * for every address under the same prefixes, as without the directory); several are joined once
     * here. At most 65,536 entries per length of 16 bits or fewer, however many prefixes.
     */
    private void directory(TreeMap<Integer, Map<Key6, List<Match<T>>>> v4, List<Table<T>> tables4) {
        Map<Integer, List<List<Match<T>>>> shortLists = new HashMap<>();
        Map<Integer, java.util.TreeSet<Integer>> longLengths = new HashMap<>();
        int t = 0;
        for (Map.Entry<Integer, Map<Key6, List<Match<T>>>> e : v4.entrySet()) { // longest first
            int len = e.getKey();
            byLength4.set(len, tables4.get(t++));
            for (Map.Entry<Key6, List<Match<T>>> n : e.getValue().entrySet()) {
                int first = (int) (n.getKey().low() >>> 16);
                if (len > 16) {
                    longLengths
                            .computeIfAbsent(first, k -> new java.util.TreeSet<>(Collections.reverseOrder()))
                            .add(len);
                } else {
                    List<Match<T>> stored = byLength4.get(len).get(0, n.getKey().low());
                    for (int b = first; b < first + (1 << (16 - len)); b++) {
                        shortLists.computeIfAbsent(b, k -> new ArrayList<>(1)).add(stored);
                    }
                }
            }
        }
        shortLists.forEach((b, lists) -> {
            if (lists.size() == 1) {
                short4[b] = lists.get(0);
            } else {
                List<Match<T>> joined = new ArrayList<>();
                lists.forEach(joined::addAll);
                short4[b] = List.copyOf(joined);
            }
        });
        longLengths.forEach((b, lens) ->
                long4[b] = lens.stream().mapToInt(Integer::intValue).toArray());
    }

    private static <T> List<Table<T>> frozen(TreeMap<Integer, Map<Key6, List<Match<T>>>> byLength) {
        List<Table<T>> out = new ArrayList<>();
        for (Map<Key6, List<Match<T>>> table : byLength.values()) {
            out.add(new Table<>(table));
        }
        return List.copyOf(out);
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Number of (prefix, value) pairs added. */
    public int size() {
        return size;
    }

    /**
     * Every (prefix, value) whose prefix contains {@code address}, most specific prefix first, and
     * in the order added for one prefix. Empty for anything that is not an IPv4 or IPv6 address
     * ({@link IpAddress#parse}); never throws.
     */
    public List<Match<T>> lookup(String address) {
        return IpAddress.parse(address).map(this::lookup).orElse(List.of());
    }

    /** As {@link #lookup(String)}, for an address already parsed. */
    public List<Match<T>> lookup(IpAddress address) {
        if (address.family() == Family.IPV4) {
            return lookup4(address.low());
        }
        Hits<T> hits = new Hits<>();
        for (int i = 0; i < lengths6.length; i++) {
            int len = lengths6[i];
            hits.add(
                    len <= 64
                            ? tables6.get(i).get(address.high() & mask64(len), 0)
                            : tables6.get(i).get(address.high(), address.low() & mask64(len - 64)));
        }
        return hits.list();
    }

    @SuppressWarnings("unchecked")
    private List<Match<T>> lookup4(long a) {
        int bucket = (int) (a >>> 16);
        List<Match<T>> covering = (List<Match<T>>) short4[bucket];
        int[] longer = long4[bucket];
        if (longer == null) {
            return covering == null ? List.of() : covering;
        }
        Hits<T> hits = new Hits<>();
        for (int len : longer) {
            // an IPv4 address is the low 32 bits
            hits.add(byLength4.get(len).get(0, a & (-1L << (32 - len))));
        }
        hits.add(covering);
        return hits.list();
    }

    /** The top {@code bits} bits of a 64-bit word. */
    private static long mask64(int bits) {
        return bits == 0 ? 0 : -1L << (64 - bits);
    }

    /**
     * One length's networks: open addressing on the two 64-bit words of the network (an IPv4
     * network is the low word), so a lookup, one per length and address, makes no key object.
     */
    private static final class Table<T> {
        private final long[] highs;
        private final long[] lows;
        private final Object[] values; // List<Match<T>>, null for an empty slot
        private final int mask;

        Table(Map<Key6, List<Match<T>>> networks) {
            int size = Integer.highestOneBit(Math.max(1, networks.size()) * 2) * 2; // at most half full
            highs = new long[size];
            lows = new long[size];
            values = new Object[size];
            mask = size - 1;
            networks.forEach((k, list) -> {
                int i = slot(k.high(), k.low());
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                highs[i] = k.high();
                lows[i] = k.low();
                values[i] = List.copyOf(list);
            });
        }

        @SuppressWarnings("unchecked")
        List<Match<T>> get(long high, long low) {
            for (int i = slot(high, low); ; i = (i + 1) & mask) {
                List<Match<T>> m = (List<Match<T>>) values[i];
                if (m == null || highs[i] == high && lows[i] == low) {
                    return m;
                }
            }
        }

        /** A 64-bit mix (MurmurHash3's finaliser): masked networks end in zero bits, which must not pick the slot. */
        private int slot(long high, long low) {
            long x = high * 0x9E3779B97F4A7C15L ^ low;
            x ^= x >>> 33;
            x *= 0xff51afd7ed558ccdL;
            x ^= x >>> 33;
            x *= 0xc4ceb9fe1a85ec53L;
            x ^= x >>> 33;
            return (int) x & mask;
        }
    }

    /** Gathers the stored lists; one matching length (the common case) returns its stored list, no copy. */
    private static final class Hits<T> {
        private List<Match<T>> first;
        private List<Match<T>> all;

        void add(List<Match<T>> hit) {
            if (hit == null) {
                return;
            }
            if (first == null) {
                first = hit;
                return;
            }
            if (all == null) {
                all = new ArrayList<>(first);
            }
            all.addAll(hit);
        }

        List<Match<T>> list() {
            return all != null ? Collections.unmodifiableList(all) : first != null ? first : List.of();
        }
    }

    /** Collects (prefix, value) pairs; each {@link #add} is one match, duplicates included. */
    public static final class Builder<T> {
        private final List<Match<T>> entries = new ArrayList<>();

        private Builder() {}

        public Builder<T> add(IpPrefix prefix, T value) {
            entries.add(new Match<>(prefix, value));
            return this;
        }

        /** An index of what was added so far; later adds do not change it. */
        public PrefixIndex<T> build() {
            return new PrefixIndex<>(this);
        }
    }
}
