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
    // whether the target allows a character, per char: the rule is a pattern matched one character at a time;
    // ASCII in a table (0 not yet decided, 1 allowed, 2 not), the rest in a map
    private final byte[] ascii = new byte[128];
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
        String key = raw.toString();
        String s = rules.upper() ? key.toUpperCase(Locale.ROOT) : key.toLowerCase(Locale.ROOT);
        // most names need no character replaced: then no copy is made
        String name = s;
        for (int i = 0; i < s.length(); i++) {
            if (!allowed(s.charAt(i))) {
                StringBuilder out = new StringBuilder(s.length()).append(s, 0, i);
                for (int j = i; j < s.length(); j++) {
                    char c = s.charAt(j);
                    if (allowed(c)) {
                        out.append(c);
                    } else {
                        out.append(rules.separator());
                    }
                }
                name = out.toString();
                break;
            }
        }
        int max = rules.maxLength();
        if (max > 0 && name.length() > max) {
            String hash = Checksums.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
            name = name.substring(0, Math.max(1, max - 9)) + rules.separator() + hash;
        }
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

    private boolean allowed(char c) {
        if (c < 128) {
            if (ascii[c] == 0) {
                ascii[c] = (byte) (rules.allowed().matcher(String.valueOf(c)).matches() ? 1 : 2);
            }
            return ascii[c] == 1;
        }
        return allowed.computeIfAbsent(
                c, k -> rules.allowed().matcher(String.valueOf(k)).matches());
    }
}
