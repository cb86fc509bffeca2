package io.github.o365watch.testing;

import org.quicktheories.QuickTheory;

/**
 * How many cases a property test runs, and from which seed. By default each property runs its
 * own count from a fixed seed, so {@code mvn verify} is deterministic. {@code -Dfuzz.cases=N}
 * runs N cases per property and {@code -Dfuzz.seed=S} starts from seed S, or from a new random
 * seed with {@code -Dfuzz.seed=random} (the fuzz profile sets both). A failure prints
 * "Seed was S" with the smallest falsifying case: rerun with {@code -Dfuzz.seed=S}.
 */
public final class Fuzz {
    /** The seed of the ordinary build; any fixed number would do. */
    static final long FIXED_SEED = 20261125L;

    private Fuzz() {}

    /** A theory of {@code cases} examples unless {@code fuzz.cases} says otherwise. */
    public static QuickTheory qt(int cases) {
        QuickTheory qt = QuickTheory.qt().withExamples(cases() > 0 ? cases() : cases);
        String seed = System.getProperty("fuzz.seed", "").strip();
        if (seed.equals("random")) {
            return qt;
        }
        return qt.withFixedSeed(seed.isEmpty() ? FIXED_SEED : Long.parseLong(seed));
    }

    private static int cases() {
        String s = System.getProperty("fuzz.cases", "").strip();
        return s.isEmpty() ? 0 : Integer.parseInt(s);
    }
}
