package io.github.o365watch.domain;

import io.github.o365watch.text.Printable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Shared rules for Microsoft's enum-like strings: matched case-insensitively against the known
 * spellings; an unknown value is kept as published if it is a plain word, rejected otherwise.
 */
final class KnownSpellings {
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private KnownSpellings() {}

    static String canonical(String what, String raw, List<String> known) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidDataException(what + " is missing");
        }
        String trimmed = raw.strip();
        for (String k : known) {
            if (k.equalsIgnoreCase(trimmed)) {
                return k;
            }
        }
        if (!WORD.matcher(trimmed).matches()) {
            throw new InvalidDataException("not a valid " + what + ": '" + Printable.of(raw) + "'");
        }
        return trimmed;
    }

    static boolean isKnown(String value, List<String> known) {
        return known.contains(value);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
