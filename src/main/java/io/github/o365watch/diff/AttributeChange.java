package io.github.o365watch.diff;

import java.util.Locale;
import java.util.Set;

/**
 * A scalar attribute of an endpoint set that changed: {@code category}, {@code required},
 * {@code expressRoute}, {@code notes}, {@code serviceArea} or {@code serviceAreaDisplayName}.
 * Values as published ("" when absent).
 */
public record AttributeChange(String name, String before, String after) {
    /** Free text for people: changes nothing a firewall, proxy or selection uses. */
    private static final Set<String> COSMETIC = Set.of("serviceareadisplayname", "notes");

    /** A display name or the notes: listed as cosmetic, never a flag, an unannounced change or a disagreement. */
    public boolean cosmetic() {
        return isCosmetic(name);
    }

    /** Whether an attribute name (any case, as in change records) is cosmetic. */
    public static boolean isCosmetic(String name) {
        return COSMETIC.contains(name.toLowerCase(Locale.ROOT));
    }
}
