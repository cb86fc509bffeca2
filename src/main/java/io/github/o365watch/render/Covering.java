package io.github.o365watch.render;

import io.github.o365watch.domain.HostPattern;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which names a set of wildcard patterns covers, without trying every pattern on every name. A
 * pattern has at most one {@code *} (the grammar says so), so {@code X*T} covers a name exactly
 * when the name starts with {@code X} and ends with {@code T} and is at least as long as both: the
 * patterns are kept by tail, and a name is looked up by its suffixes and prefixes, at most
 * 253 each. The cost is linear in the number of names and patterns.
 */
final class Covering {
    private final Map<String, Set<String>> headsByTail = new HashMap<>();
    private final BitSet tailLengths = new BitSet();

    Covering(Collection<HostPattern> patterns) {
        for (HostPattern p : patterns) {
            if (p.isWildcard()) {
                headsByTail.computeIfAbsent(p.tail(), k -> new HashSet<>()).add(p.head());
                tailLengths.set(p.tail().length());
            }
        }
    }

    /** True when a wildcard pattern other than {@code h} itself covers {@code h} (as {@link HostPattern#covers} says). */
    boolean coversOther(HostPattern h) {
        String t = h.pattern();
        for (int len = tailLengths.nextSetBit(0);
                len >= 0 && len <= t.length();
                len = tailLengths.nextSetBit(len + 1)) {
            String tail = t.substring(t.length() - len);
            Set<String> heads = headsByTail.get(tail);
            if (heads == null) {
                continue;
            }
            int room = t.length() - len; // the head must end before the tail starts
            if (heads.size() <= room + 1) {
                for (String head : heads) {
                    if (head.length() <= room && t.startsWith(head) && !t.equals(head + "*" + tail)) {
                        return true;
                    }
                }
            } else {
                for (int i = 0; i <= room; i++) {
                    String head = t.substring(0, i);
                    if (heads.contains(head) && !t.equals(head + "*" + tail)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
