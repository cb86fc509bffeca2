package io.github.o365watch.app;

import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpAddress;
import java.util.function.Consumer;

/**
 * Two counts per client address, for audit's Teams media fallbacks: an open-addressing table
 * whose entries (family, address, counts) lie side by side in one array. A million-line audit
 * looks a client up per Teams media line, tens of thousands of clients: a {@code HashMap} of
 * {@code IpAddress} keys cost a node, a key and a counts array in three places in memory per
 * lookup (25 of a million-line run's 87 execution samples, JFR), this one place.
 */
final class ClientCounts {
    // per entry: family's ordinal + 1 (0: free), high, low, the two counts
    private static final int STRIDE = 5;

    /** One client's counts, for the table's reader. */
    record Entry(IpAddress client, long first, long second) {}

    private long[] slots = new long[16 * STRIDE];
    private int size;

    /** Adds one to the client's count number {@code which} (0 or 1). */
    void increment(IpAddress client, int which) {
        add(client.family().ordinal() + 1, client.high(), client.low(), which == 0 ? 1 : 0, which == 0 ? 0 : 1);
    }

    /** Adds another table's counts to this one's. */
    void addAll(ClientCounts other) {
        long[] s = other.slots;
        for (int i = 0; i < s.length; i += STRIDE) {
            if (s[i] != 0) {
                add(s[i], s[i + 1], s[i + 2], s[i + 3], s[i + 4]);
            }
        }
    }

    /** Every client with its counts, in no particular order. */
    void forEach(Consumer<Entry> action) {
        Family[] families = Family.values();
        for (int i = 0; i < slots.length; i += STRIDE) {
            if (slots[i] != 0) {
                action.accept(new Entry(
                        new IpAddress(families[(int) slots[i] - 1], slots[i + 1], slots[i + 2]),
                        slots[i + 3],
                        slots[i + 4]));
            }
        }
    }

    int size() {
        return size;
    }

    private void add(long tag, long high, long low, long first, long second) {
        int i = find(slots, tag, high, low);
        if (slots[i] == 0) {
            if (2 * (size + 1) > slots.length / STRIDE) {
                grow();
                i = find(slots, tag, high, low);
            }
            slots[i] = tag;
            slots[i + 1] = high;
            slots[i + 2] = low;
            size++;
        }
        slots[i + 3] += first;
        slots[i + 4] += second;
    }

    /** The entry's index: where the client is, or the free slot where it goes. */
    private static int find(long[] slots, long tag, long high, long low) {
        int mask = slots.length / STRIDE - 1;
        long h = (high * 0x9E3779B97F4A7C15L + low) * 0x9E3779B97F4A7C15L + tag;
        int e = (int) (h ^ (h >>> 29) ^ (h >>> 47)) & mask;
        while (true) {
            int i = e * STRIDE;
            long t = slots[i];
            if (t == 0 || t == tag && slots[i + 1] == high && slots[i + 2] == low) {
                return i;
            }
            e = (e + 1) & mask;
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (int i = 0; i < old.length; i += STRIDE) {
            if (old[i] != 0) {
                int j = find(slots, old[i], old[i + 1], old[i + 2]);
                System.arraycopy(old, i, slots, j, STRIDE);
            }
        }
    }
}
