package io.github.o365watch.domain.net;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact arithmetic behind {@link PrefixSet}: prefixes of one family as ranges of unsigned
 * 128-bit numbers held in two longs (IPv4 in the low one), merged, cut and written back as the
 * fewest prefixes. The fewest prefixes that cover a set of addresses exactly are unique, so this
 * gives what any correct method gives, without building the IPAddress library's objects.
 */
final class Ranges {
    private final boolean v4;
    // maximal ranges, sorted and apart: start high, start low, end high, end low
    private long[] r = new long[16];
    private int n;

    private Ranges(boolean v4) {
        this.v4 = v4;
    }

    /** The union of prefixes of one family, in any order, overlaps and duplicates allowed. */
    static List<IpPrefix> union(List<IpPrefix> prefixes) {
        if (prefixes.isEmpty()) {
            return List.of();
        }
        List<IpPrefix> sorted = new ArrayList<>(prefixes);
        sorted.sort(null);
        return of(sorted).prefixes();
    }

    /** The addresses of {@code from} not in {@code remove}: both minimal and sorted, of one family. */
    static List<IpPrefix> subtract(List<IpPrefix> from, List<IpPrefix> remove) {
        Ranges a = of(from);
        Ranges b = of(remove);
        Ranges out = new Ranges(a.v4);
        int j = 0;
        for (int i = 0; i < a.n; i++) {
            long sh = a.r[4 * i];
            long sl = a.r[4 * i + 1];
            long eh = a.r[4 * i + 2];
            long el = a.r[4 * i + 3];
            // cuts that end before this range starts are done with; a cut may reach into the next range
            while (j < b.n && below(b.r[4 * j + 2], b.r[4 * j + 3], sh, sl)) {
                j++;
            }
            boolean open = true;
            for (int k = j; k < b.n && !below(eh, el, b.r[4 * k], b.r[4 * k + 1]); k++) {
                long ch = b.r[4 * k];
                long cl = b.r[4 * k + 1];
                if (below(sh, sl, ch, cl)) {
                    long ph = cl == 0 ? ch - 1 : ch;
                    out.add(sh, sl, ph, cl - 1);
                }
                long xh = b.r[4 * k + 2];
                long xl = b.r[4 * k + 3];
                if (!below(xh, xl, eh, el)) {
                    open = false;
                    break;
                }
                sh = xl == -1 ? xh + 1 : xh;
                sl = xl + 1;
            }
            if (open) {
                out.add(sh, sl, eh, el);
            }
        }
        return out.prefixes();
    }

    /** Sorted prefixes of one family as maximal ranges (neighbours and overlaps joined). */
    private static Ranges of(List<IpPrefix> sorted) {
        Ranges out = new Ranges(sorted.isEmpty() || sorted.get(0) instanceof Ipv4Prefix);
        for (IpPrefix p : sorted) {
            long h;
            long l;
            int hostBits;
            if (p instanceof Ipv4Prefix x) {
                h = 0;
                l = x.networkValue();
                hostBits = 32 - x.length();
            } else {
                Ipv6Prefix x = (Ipv6Prefix) p;
                h = x.high();
                l = x.low();
                hostBits = 128 - x.length();
            }
            long eh = hostBits > 64 ? h | mask(hostBits - 64) : h;
            long el = hostBits >= 64 ? -1L : l | mask(hostBits);
            out.join(h, l, eh, el);
        }
        return out;
    }

    /** Adds a range that starts at or after the last one's start: joined with it when they touch. */
    private void join(long sh, long sl, long eh, long el) {
        if (n > 0) {
            int last = 4 * (n - 1);
            long lh = r[last + 2];
            long ll = r[last + 3];
            boolean touches = !below(lh, ll, sh, sl)
                    || (ll == -1 ? lh + 1 == sh && sl == 0 && lh != -1 : lh == sh && ll + 1 == sl);
            if (touches) {
                if (below(lh, ll, eh, el)) {
                    r[last + 2] = eh;
                    r[last + 3] = el;
                }
                return;
            }
        }
        add(sh, sl, eh, el);
    }

    private void add(long sh, long sl, long eh, long el) {
        if (4 * n + 4 > r.length) {
            r = java.util.Arrays.copyOf(r, r.length * 2);
        }
        r[4 * n] = sh;
        r[4 * n + 1] = sl;
        r[4 * n + 2] = eh;
        r[4 * n + 3] = el;
        n++;
    }

    /** Each range as its fewest prefixes: from its start, the largest aligned block that fits. */
    private List<IpPrefix> prefixes() {
        int bits = v4 ? 32 : 128;
        List<IpPrefix> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long sh = r[4 * i];
            long sl = r[4 * i + 1];
            long eh = r[4 * i + 2];
            long el = r[4 * i + 3];
            while (true) {
                int size = Math.min(
                        bits,
                        sl != 0 ? Long.numberOfTrailingZeros(sl) : sh != 0 ? 64 + Long.numberOfTrailingZeros(sh) : 128);
                long th;
                long tl;
                while (true) {
                    th = size > 64 ? sh | mask(size - 64) : sh;
                    tl = size >= 64 ? -1L : sl | mask(size);
                    if (!below(eh, el, th, tl)) {
                        break;
                    }
                    size--;
                }
                out.add(v4 ? new Ipv4Prefix(sl, 32 - size) : new Ipv6Prefix(sh, sl, 128 - size));
                if (th == eh && tl == el) {
                    break;
                }
                sh = tl == -1 ? th + 1 : th;
                sl = tl + 1;
            }
        }
        return List.copyOf(out);
    }

    /** The low {@code bits} bits set (0 to 64). */
    private static long mask(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    /** (ah, al) &lt; (bh, bl), unsigned. */
    private static boolean below(long ah, long al, long bh, long bl) {
        int c = Long.compareUnsigned(ah, bh);
        return c < 0 || c == 0 && Long.compareUnsigned(al, bl) < 0;
    }
}
