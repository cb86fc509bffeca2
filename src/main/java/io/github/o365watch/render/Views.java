package io.github.o365watch.render;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.Ipv4Prefix;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The view model's per-prefix and per-hostname maps, computed when a template reads a value
 * rather than for every key of every element up front: a 100,000-prefix list costs one small
 * object per element, not a hash map of strings per element and per list it is in. Each map has
 * the same keys as it always had (a template's lookup that misses falls through to outer scopes,
 * so the key set is part of the meaning); values are pure functions of the element, except
 * object names, which are decided in building order ({@link ObjectNames} keeps them unique per
 * file in the order they are asked for) and held; a name that depends on its element alone
 * ({@link ObjectNames#madeWhenRead}, {@link ObjectNames#exactMadeWhenRead}) is made on its first
 * read instead, so a target whose templates never read names makes none.
 */
final class Views {
    private Views() {}

    /** A read-only map over a fixed list of keys whose values are computed on each read. */
    private abstract static class Computed extends AbstractMap<String, Object> {
        abstract List<String> keys();

        /** The keys of {@link #keys()} as a set: asked on every lookup a template makes. */
        abstract Set<String> knownKeys();

        /** The value of a key of {@link #keys()}. */
        abstract Object value(String key);

        @Override
        public final boolean containsKey(Object key) {
            return knownKeys().contains(key);
        }

        @Override
        public final Object get(Object key) {
            return key instanceof String k && knownKeys().contains(k) ? value(k) : null;
        }

        @Override
        public final int size() {
            return keys().size();
        }

        @Override
        public final Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<String> k = keys().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return k.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            String key = k.next();
                            return new SimpleImmutableEntry<>(key, value(key));
                        }
                    };
                }

                @Override
                public int size() {
                    return keys().size();
                }
            };
        }
    }

    /** One prefix: {@code prefix network length last family netmask wildcardMask isHost name}. */
    static final class Prefix extends Computed {
        private static final List<String> KEYS =
                List.of("prefix", "network", "length", "last", "family", "netmask", "wildcardMask", "isHost", "name");
        private static final Set<String> KEY_SET = Set.copyOf(KEYS);
        private final IpPrefix p;
        private final ObjectNames names;
        // made on the first read when the names can make it then (ObjectNames.madeWhenRead)
        private String name;

        /** With its name given now, in building order. */
        Prefix(IpPrefix p, String name) {
            this.p = p;
            this.names = null;
            this.name = name;
        }

        /** With its name made when read: only for a prefix {@code names} can name then ({@link ObjectNames#madeWhenRead}). */
        Prefix(IpPrefix p, ObjectNames names) {
            this.p = p;
            this.names = names;
        }

        @Override
        List<String> keys() {
            return KEYS;
        }

        @Override
        Set<String> knownKeys() {
            return KEY_SET;
        }

        @Override
        Object value(String key) {
            return switch (key) {
                case "prefix" -> p.toString();
                case "network" -> p.network();
                case "length" -> p.length();
                case "last" -> p.lastAddress();
                case "family" -> p instanceof Ipv4Prefix ? "ipv4" : "ipv6";
                case "netmask" -> p instanceof Ipv4Prefix v ? v.netmask() : "";
                case "wildcardMask" -> p instanceof Ipv4Prefix v ? v.wildcardMask() : "";
                case "isHost" -> p.length() == (p instanceof Ipv4Prefix ? 32 : 128);
                case "name" -> name != null ? name : (name = names.prefix(p));
                default -> throw new IllegalArgumentException(key);
            };
        }
    }

    /** One hostname pattern: {@code host kind isExact isWildcard domain regex name}. */
    static final class Host extends Computed {
        private static final List<String> KEYS =
                List.of("host", "kind", "isExact", "isWildcard", "domain", "regex", "name");
        private static final Set<String> KEY_SET = Set.copyOf(KEYS);
        private final HostPattern h;
        // looked up once: the lists, their filters and the templates ask it several times
        private final HostPattern.Kind kind;
        private final ObjectNames names;
        // made on the first read when the names can make it then (ObjectNames.exactMadeWhenRead)
        private String name;

        /** With its name given now, in building order. */
        Host(HostPattern h, HostPattern.Kind kind, String name) {
            this.h = h;
            this.kind = kind;
            this.names = null;
            this.name = name;
        }

        /** An exact hostname with its name made when read: only when {@code names} can name it then. */
        Host(HostPattern h, ObjectNames names) {
            this.h = h;
            this.kind = HostPattern.Kind.EXACT;
            this.names = names;
        }

        HostPattern.Kind kind() {
            return kind;
        }

        @Override
        List<String> keys() {
            return KEYS;
        }

        @Override
        Set<String> knownKeys() {
            return KEY_SET;
        }

        @Override
        Object value(String key) {
            return switch (key) {
                case "host" -> h.pattern();
                case "kind" -> kind.name().toLowerCase(Locale.ROOT);
                case "isExact" -> kind == HostPattern.Kind.EXACT;
                case "isWildcard" -> kind != HostPattern.Kind.EXACT;
                case "domain" -> kind == HostPattern.Kind.SUBDOMAINS ? h.domain() : h.pattern();
                case "regex" -> ViewBuilder.regex(h);
                case "name" -> name != null ? name : (name = names.exactHost(h));
                default -> throw new IllegalArgumentException(key);
            };
        }
    }

    /** An element of a list with {@code isFirst} and {@code isLast} added (they win over the element's own). */
    private static final class Positioned extends AbstractMap<String, Object> {
        private final Map<String, Object> of;
        private final boolean first;
        private final boolean last;

        Positioned(Map<String, Object> of, boolean first, boolean last) {
            this.of = of;
            this.first = first;
            this.last = last;
        }

        @Override
        public boolean containsKey(Object key) {
            return "isFirst".equals(key) || "isLast".equals(key) || of.containsKey(key);
        }

        @Override
        public Object get(Object key) {
            if ("isFirst".equals(key)) {
                return first;
            }
            if ("isLast".equals(key)) {
                return last;
            }
            return of.get(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Entry<String, Object>> own = of.entrySet().stream()
                            .filter(e ->
                                    !e.getKey().equals("isFirst") && !e.getKey().equals("isLast"))
                            .iterator();
                    return new Iterator<>() {
                        private int extra;

                        @Override
                        public boolean hasNext() {
                            return own.hasNext() || extra < 2;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (own.hasNext()) {
                                return own.next();
                            }
                            if (extra >= 2) {
                                throw new NoSuchElementException();
                            }
                            return extra++ == 0
                                    ? new SimpleImmutableEntry<>("isFirst", first)
                                    : new SimpleImmutableEntry<>("isLast", last);
                        }
                    };
                }

                @Override
                public int size() {
                    return (int) of.keySet().stream()
                                    .filter(k -> !k.equals("isFirst") && !k.equals("isLast"))
                                    .count()
                            + 2;
                }
            };
        }
    }

    /** A map made on its first read, then kept: for parts of the view only some targets' templates read. */
    static Map<String, Object> lazy(Supplier<Map<String, Object>> make) {
        return new AbstractMap<>() {
            private Map<String, Object> made;

            private Map<String, Object> made() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }

            @Override
            public boolean containsKey(Object key) {
                return made().containsKey(key);
            }

            @Override
            public Object get(Object key) {
                return made().get(key);
            }

            @Override
            public Set<Entry<String, Object>> entrySet() {
                return made().entrySet();
            }
        };
    }

    /**
     * The list with isFirst and isLast on each element, made when an element is read: the list
     * itself is not copied (callers hand over lists they no longer change).
     */
    static List<Map<String, Object>> positions(List<? extends Map<String, Object>> list) {
        return new Positions(list);
    }

    /** Each string as {@code {key: value}}, with positions. */
    static List<Map<String, Object>> values(String key, List<String> list) {
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (String v : list) {
            out.add(Map.of(key, v)); // one small map per element: lists run to a hundred thousand
        }
        return positions(out);
    }

    private static final class Positions extends AbstractList<Map<String, Object>> implements RandomAccess {
        private final List<? extends Map<String, Object>> of;

        Positions(List<? extends Map<String, Object>> of) {
            this.of = of instanceof RandomAccess ? of : List.copyOf(of);
        }

        @Override
        public Map<String, Object> get(int index) {
            return new Positioned(of.get(index), index == 0, index == of.size() - 1);
        }

        @Override
        public int size() {
            return of.size();
        }
    }
}
