package io.github.o365watch.diff;

/** How much changed in one service area or category. */
public record Counts(int setsAdded, int setsRemoved, int setsModified, int elementsAdded, int elementsRemoved) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

    public Counts plus(Counts o) {
        return new Counts(
                setsAdded + o.setsAdded,
                setsRemoved + o.setsRemoved,
                setsModified + o.setsModified,
                elementsAdded + o.elementsAdded,
                elementsRemoved + o.elementsRemoved);
    }

    public int total() {
        return setsAdded + setsRemoved + setsModified + elementsAdded + elementsRemoved;
    }
}
