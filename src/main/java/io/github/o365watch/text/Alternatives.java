package io.github.o365watch.text;

import java.util.List;

/** A closed list of choices as messages and help spell it: {@code a, b or c}. */
public final class Alternatives {
    private Alternatives() {}

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    public static String of(List<String> choices) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("no choices");
        }
        int last = choices.size() - 1;
        return last == 0 ? choices.get(0) : String.join(", ", choices.subList(0, last)) + " or " + choices.get(last);
    }
}
