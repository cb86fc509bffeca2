package io.github.o365watch.domain;

/** A count with its noun in the right number: "1 file", "2 files", "0 entries". Every message counts through it. */
public final class Plural {
    private Plural() {}

    public static String of(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
