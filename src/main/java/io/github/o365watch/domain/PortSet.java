package io.github.o365watch.domain;

import io.github.o365watch.text.Printable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of TCP or UDP ports, as sorted, non-overlapping ranges. Parsed from Microsoft's
 * {@code "80,443"}, {@code "3478-3481"} or {@code "143, 587"}; overlapping and adjacent ranges
 * merge, so two sets with the same ports are equal however they were written.
 */
public record PortSet(List<PortRange> ranges) {
    public static final PortSet EMPTY = new PortSet(List.of());

    /** An inclusive range of ports, 1 to 65535. */
    public record PortRange(int from, int to) {
        public PortRange {
            if (from < 1 || to > 65535 || from > to) {
                throw new InvalidDataException("not a port range: " + from + "-" + to);
            }
        }

        public boolean isSingle() {
            return from == to;
        }

        public int count() {
            return to - from + 1;
        }

        @Override
        public String toString() {
            return isSingle() ? Integer.toString(from) : from + "-" + to;
        }
    }

    public PortSet {
        ranges = normalise(ranges);
    }

    /** Parses a comma-separated list of ports and ranges; null or blank is the empty set. */
    public static PortSet parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return EMPTY;
        }
        List<PortRange> out = new ArrayList<>();
        for (String item : raw.split(",", -1)) {
            String s = item.strip();
            int dash = s.indexOf('-');
            if (dash < 0) {
                int p = port(s, raw);
                out.add(new PortRange(p, p));
            } else {
                int from = port(s.substring(0, dash).strip(), raw);
                int to = port(s.substring(dash + 1).strip(), raw);
                if (from > to) {
                    throw bad(raw, "range '" + s + "' runs backwards");
                }
                out.add(new PortRange(from, to));
            }
        }
        return new PortSet(out);
    }

    private static int port(String s, String raw) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(raw, s.isEmpty() ? "empty item" : "'" + Printable.of(s) + "' is not a port number");
        }
        int p = Integer.parseInt(s);
        if (p < 1 || p > 65535) {
            throw bad(raw, p + " is outside 1-65535");
        }
        return p;
    }

    private static InvalidDataException bad(String raw, String why) {
        return new InvalidDataException("not a port list: '" + Printable.of(raw) + "' (" + why + ")");
    }

    private static List<PortRange> normalise(List<PortRange> in) {
        List<PortRange> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingInt(PortRange::from).thenComparingInt(PortRange::to));
        List<PortRange> out = new ArrayList<>();
        for (PortRange r : sorted) {
            if (!out.isEmpty() && r.from() <= out.get(out.size() - 1).to() + 1) {
                PortRange last = out.remove(out.size() - 1);
                out.add(new PortRange(last.from(), Math.max(last.to(), r.to())));
            } else {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(int port) {
        for (PortRange r : ranges) {
            if (port >= r.from() && port <= r.to()) {
                return true;
            }
        }
        return false;
    }

    /** The ports of this set that are not in {@code other}. */
    public PortSet minus(PortSet other) {
        List<PortRange> out = new ArrayList<>();
        for (PortRange r : ranges) {
            int start = r.from();
            for (PortRange o : other.ranges) {
                if (o.to() < start || o.from() > r.to()) {
                    continue;
                }
                if (o.from() > start) {
                    out.add(new PortRange(start, o.from() - 1));
                }
                start = o.to() + 1;
            }
            if (start <= r.to()) {
                out.add(new PortRange(start, r.to()));
            }
        }
        return new PortSet(out);
    }

    public PortSet union(PortSet other) {
        List<PortRange> all = new ArrayList<>(ranges);
        all.addAll(other.ranges);
        return new PortSet(all);
    }

    /** Canonical text: {@code 80,443,3478-3481}; empty for no ports. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (PortRange r : ranges) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(r);
        }
        return out.toString();
    }
}
