package io.github.o365watch.domain;

import io.github.o365watch.text.Printable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Microsoft 365 service instance (cloud), by the token the web service uses in its paths.
 * Names are matched case-insensitively (two instances are equal whatever their case); the known
 * ones get Microsoft's spelling, and an instance that {@code /version} announces but this list
 * lacks is accepted as it is spelt there.
 */
public record Instance(String name) implements Comparable<Instance> {
    // before the constants below: their constructor uses it
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");
    public static final Instance WORLDWIDE = new Instance("Worldwide");
    private static final Map<String, String> DISPLAY = Map.of(
            "Worldwide", "Worldwide (includes GCC)",
            "USGovDoD", "US Government DoD",
            "USGovGCCHigh", "US Government GCC High",
            "China", "China (operated by 21Vianet)",
            "Germany", "Germany (retired)");
    private static final List<String> KNOWN = List.of("Worldwide", "USGovDoD", "USGovGCCHigh", "China", "Germany");
    private static final java.util.Set<String> RETIRED = java.util.Set.of("Germany");

    public Instance {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new InvalidDataException("not a valid instance name: '" + Printable.of(name) + "'");
        }
    }

    /** A token the web service could use for an instance: the shape every instance name has (the lock file checks it too). */
    public static boolean isValidName(String name) {
        return name != null && TOKEN.matcher(name).matches();
    }

    /** The instances the service publishes that this version of o365watch knows by name, in Microsoft's spelling. */
    public static List<String> current() {
        return KNOWN.stream().filter(k -> !RETIRED.contains(k)).toList();
    }

    /** Parses a name case-insensitively ({@code worldwide}, {@code USGOVDoD}). */
    public static Instance parse(String raw) {
        String s = raw == null ? null : raw.strip();
        for (String k : KNOWN) {
            if (k.equalsIgnoreCase(s)) {
                return new Instance(k);
            }
        }
        return new Instance(s);
    }

    /** One of the instances this version of o365watch knows by name. */
    public boolean isKnown() {
        return KNOWN.contains(name);
    }

    /** The directory name in the snapshot store: the name in lower case. */
    public String dirName() {
        return name.toLowerCase(Locale.ROOT);
    }

    public String displayName() {
        return DISPLAY.getOrDefault(name, name);
    }

    public boolean known() {
        return KNOWN.contains(name);
    }

    /** The same instance in the spelling found in {@code candidates} (the service's, the store's), if there. */
    public Instance spelledAsIn(java.util.Collection<Instance> candidates) {
        return candidates.stream().filter(this::equals).findFirst().orElse(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instance i && i.name.equalsIgnoreCase(name);
    }

    @Override
    public int hashCode() {
        return name.toLowerCase(Locale.ROOT).hashCode();
    }

    @Override
    public int compareTo(Instance o) {
        int a = KNOWN.indexOf(name);
        int b = KNOWN.indexOf(o.name);
        if (a >= 0 && b >= 0) {
            return Integer.compare(a, b);
        }
        if (a >= 0 || b >= 0) {
            return a >= 0 ? -1 : 1;
        }
        return name.compareToIgnoreCase(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
