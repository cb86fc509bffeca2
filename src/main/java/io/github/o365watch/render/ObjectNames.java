package io.github.o365watch.render;

import io.github.o365watch.domain.Checksums;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Object names for one target: parts joined by the target's separator, in its case, characters
 * it does not allow replaced, shortened with a stable hash when too long. Unique per file.
 */
final class ObjectNames {
    private final TargetSpec.NameRules rules;
    private final Map<String, String> used = new HashMap<>();
    // whether the target allows a character, per char: the rule is a pattern matched one character at a time
    private final Map<Character, Boolean> allowed = new HashMap<>();

    ObjectNames(TargetSpec.NameRules rules) {
        this.rules = rules;
    }

    String name(String... parts) {
        StringBuilder raw = new StringBuilder(rules.prefix());
        for (String p : parts) {
            if (raw.length() > 0) {
                raw.append(rules.separator());
            }
            raw.append(p);
        }
        StringBuilder out = new StringBuilder();
        String s = rules.upper()
                ? raw.toString().toUpperCase(Locale.ROOT)
                : raw.toString().toLowerCase(Locale.ROOT);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (allowed.computeIfAbsent(
                    c, k -> rules.allowed().matcher(String.valueOf(k)).matches())) {
                out.append(c);
            } else {
                out.append(rules.separator());
            }
        }
        String name = out.toString();
        int max = rules.maxLength();
        if (max > 0 && name.length() > max) {
            String hash = Checksums.sha256(raw.toString().getBytes(StandardCharsets.UTF_8))
                    .substring(0, 8);
            name = name.substring(0, Math.max(1, max - 9)) + rules.separator() + hash;
        }
        String key = raw.toString();
        String clash = used.putIfAbsent(name, key);
        if (clash != null && !clash.equals(key)) {
            String hash = Checksums.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
            name = (max > 0 && name.length() + 9 > max ? name.substring(0, Math.max(1, max - 9)) : name)
                    + rules.separator()
                    + hash;
            used.put(name, key);
        }
        return name;
    }
}
