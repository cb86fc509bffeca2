package io.github.o365watch.diff;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.net.AddressCounts;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSet;
import java.util.ArrayList;
import java.util.List;

/** How a flag names the addresses and hostnames of its claim, in one short line. */
final class Claims {
    /** Items named in a line; the claim itself holds them all (the JSON report lists every one). */
    static final int SHOWN = 5;

    private Claims() {}

    /** {@code IPv4 52.114.0.0/15; IPv6 2603:1016::/40, 2603:1026::/40; URL a.example (and 3 more)}. */
    static String describe(PrefixSet addresses, List<HostPattern> hosts) {
        List<String> groups = new ArrayList<>();
        int shown = 0;
        int total = addresses.size() + hosts.size();
        for (Family f : Family.values()) {
            List<String> items = new ArrayList<>();
            for (IpPrefix p : addresses.prefixes(f)) {
                if (shown < SHOWN) {
                    items.add(p.toString());
                    shown++;
                }
            }
            if (!items.isEmpty()) {
                groups.add(f.label() + " " + String.join(", ", items));
            }
        }
        List<String> names = new ArrayList<>();
        for (HostPattern h : hosts) {
            if (shown < SHOWN) {
                names.add(h.pattern());
                shown++;
            }
        }
        if (!names.isEmpty()) {
            groups.add("URL " + String.join(", ", names));
        }
        return String.join("; ", groups) + (total > shown ? " (and " + (total - shown) + " more)" : "");
    }

    /** In the words every message uses: {@code 4,194,304 addresses}, {@code 16,777,216 /64s}. */
    static String size(PrefixSet addresses, Family f) {
        return AddressCounts.words(f, addresses.addressCount(f));
    }
}
