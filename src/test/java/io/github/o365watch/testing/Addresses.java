package io.github.o365watch.testing;

import java.util.List;

/** Address literals to bytes by hand, for references that must not share code with the library. */
public final class Addresses {
    private Addresses() {}

    /** Literal addresses only: no name lookups. */
    public static byte[] literal(String address) {
        if (address.contains(":")) {
            String[] halves = address.split("::", -1);
            List<String> head = halves[0].isEmpty() ? List.of() : List.of(halves[0].split(":"));
            List<String> tail = halves.length < 2 || halves[1].isEmpty() ? List.of() : List.of(halves[1].split(":"));
            byte[] out = new byte[16];
            for (int i = 0; i < head.size(); i++) {
                int v = Integer.parseInt(head.get(i), 16);
                out[2 * i] = (byte) (v >> 8);
                out[2 * i + 1] = (byte) v;
            }
            for (int i = 0; i < tail.size(); i++) {
                int v = Integer.parseInt(tail.get(i), 16);
                int at = 8 - tail.size() + i;
                out[2 * at] = (byte) (v >> 8);
                out[2 * at + 1] = (byte) v;
            }
            return out;
        }
        String[] parts = address.split("\\.");
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) Integer.parseInt(parts[i]);
        }
        return out;
    }
}
