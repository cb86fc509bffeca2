package io.github.o365watch.render;

import io.github.o365watch.domain.Checksums;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.Ipv4Prefix;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Object names for one target: parts joined by the target's separator, in its case, characters
 * it does not allow replaced, shortened with a stable hash when too long. Unique per file.
 *
 * <p>Uniqueness is kept by remembering every name given and its key: a later key whose name is
 * taken gets a hash. Addresses are the exception when they cannot clash (see {@link #prefix}): a
 * target of 100,000 prefixes then remembers only its groups' and hostnames' names.
 */
final class ObjectNames {
    private final TargetSpec.NameRules rules;
    private final Map<String, String> used = new HashMap<>();
    // whether the target allows a character, per char: the rule is a pattern matched one character at a time;
    // ASCII in a table (0 not yet decided, 1 allowed, 2 not), the rest in a map
    private final byte[] ascii = new byte[128];
    private final Map<Character, Boolean> allowed = new HashMap<>();
    // true when no name but an address's can be an address's name, and addresses' names are apart by construction
    private final boolean apart;
    // true when, besides, no name but an exact hostname's can begin as theirs do, and two exact hostnames' names differ
    private final boolean exactApart;
    // what every exact hostname's key begins with
    private final String exactHead;

    /** As below, for names of prefixes, hostnames and groups not known in advance: every name remembered. */
    ObjectNames(TargetSpec.NameRules rules) {
        this.rules = rules;
        this.apart = false;
        this.exactHead = key("fqdn", "");
        this.exactApart = false;
    }

    /**
     * @param groupKeys the keys of every group whose names (key; key and v4; key and v6) will be
     *                  asked for, besides prefixes and hostnames: known before the first name is given
     */
    ObjectNames(TargetSpec.NameRules rules, Collection<String> groupKeys) {
        this.rules = rules;
        this.apart = apart(groupKeys);
        this.exactHead = key("fqdn", "");
        this.exactApart = apart && exactApart(groupKeys);
    }

    String name(String... parts) {
        String key = key(parts);
        String name = shape(key);
        String clash = used.putIfAbsent(name, key);
        if (clash != null && !clash.equals(key)) {
            int max = rules.maxLength();
            String hash = Checksums.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
            name = (max > 0 && name.length() + 9 > max ? name.substring(0, Math.max(1, max - 9)) : name)
                    + rules.separator()
                    + hash;
            used.put(name, key);
        }
        return name;
    }

    /**
     * The name of a prefix: {@code name(network + "/" + length)}, the same name in every case.
     * When it cannot be any other key's name it is not remembered. Two prefixes' texts differ in
     * a hex digit or in where the separators are, and a replaced {@code .}, {@code :} or {@code /}
     * is told apart by position (the last is {@code /}; IPv4 has the dots, IPv6 the colons), so
     * their names differ too; a name shortened to the maximum, or lengthened by a clash, ends in
     * the separator and eight hex digits where an address's ends in its length (three digits at
     * most); and no hostname's or group's name (checked when this was made) is made only of the
     * characters an address's name can hold. Names as long as the maximum are remembered: two
     * shortened ones may share the hash's eight digits.
     */
    String prefix(IpPrefix p) {
        String text = p.network() + "/" + p.length();
        if (!apart) {
            return name(text);
        }
        if (!plain(text)) {
            // the formats of domain.net never write these; a name that might clash is never given silently
            throw new IllegalStateException("object names: the prefix text '" + text
                    + "' is not in the IPv4 dotted or IPv6 colon form the names rely on");
        }
        String name = shape(key(text));
        int max = rules.maxLength();
        return max > 0 && name.length() >= max ? name(text) : name;
    }

    /**
     * True when {@link #prefix} would give {@code p} a name without remembering it and without
     * shortening it: a name that depends on the prefix alone, so it may be made when a template
     * reads it, or never (most targets' templates never read an address's name). Decided from the
     * longest text of the family (18 characters for IPv4, 43 for IPv6), so the prefix's text is
     * not made to decide it.
     */
    boolean madeWhenRead(IpPrefix p) {
        if (!apart) {
            return false;
        }
        int max = rules.maxLength();
        int head = rules.prefix().isEmpty()
                ? 0
                : rules.prefix().length() + rules.separator().length();
        return max == 0 || head + (p instanceof Ipv4Prefix ? 18 : 43) < max;
    }

    /**
     * True when the name of the exact hostname {@code h}, {@code name("fqdn", h.pattern())}, can be no other key's
     * name, so it need not be remembered and may be made when a template reads it ({@link #exactHost}): the names are
     * apart for addresses (see {@link #prefix}), every character a hostname holds is kept as it is (so two hostnames'
     * names differ), no group's name begins as an exact hostname's does (nor is the beginning of one), a wildcard's
     * begins with {@code wildcard} where an exact one's has {@code fqdn}, and this one is too short to be shortened.
     */
    boolean exactMadeWhenRead(HostPattern h) {
        if (!exactApart || h.kind() != HostPattern.Kind.EXACT) {
            return false;
        }
        int max = rules.maxLength();
        return max == 0 || exactHead.length() + h.pattern().length() < max;
    }

    /** The name of an exact hostname for which {@link #exactMadeWhenRead} holds. */
    String exactHost(HostPattern h) {
        return shape(key("fqdn", h.pattern()));
    }

    private boolean exactApart(Collection<String> groupKeys) {
        String head = shape(exactHead);
        int max = rules.maxLength();
        if (max > 0 && max - 9 <= head.length()) {
            return false;
        }
        for (char c : "abcdefghijklmnopqrstuvwxyz0123456789.-_".toCharArray()) {
            if (!allowed(rules.upper() ? Character.toUpperCase(c) : c)) {
                return false;
            }
        }
        String wildcard = shape(key("wildcard", ""));
        if (wildcard.startsWith(head) || head.startsWith(wildcard)) {
            return false;
        }
        for (String k : groupKeys) {
            for (String n : new String[] {shape(key(k)), shape(key(k, "v4")), shape(key(k, "v6"))}) {
                if (n.startsWith(head) || head.startsWith(n)) {
                    return false;
                }
            }
        }
        return true;
    }

    private String key(String... parts) {
        StringBuilder raw = new StringBuilder(rules.prefix());
        for (String p : parts) {
            if (raw.length() > 0) {
                raw.append(rules.separator());
            }
            raw.append(p);
        }
        return raw.toString();
    }

    /** The key in the target's case, characters it does not allow replaced, shortened with a hash when too long. */
    private String shape(String key) {
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
        return name;
    }

    /**
     * Whether prefixes' names need not be remembered: the separator is one character that is no
     * hex digit, dot, colon or slash; every hex digit is allowed in the target's case; and every
     * other name (hostnames' begin with "fqdn" or "wildcard") holds, within what a shortening
     * keeps, a character no address's name can hold.
     */
    private boolean apart(Collection<String> groupKeys) {
        String sep = rules.separator();
        if (sep.length() != 1 || addressChar(sep.charAt(0)) || Character.isLetterOrDigit(sep.charAt(0))) {
            return false;
        }
        // the lengths and places reckoned here and in madeWhenRead are the keys': a name prefix that is not ASCII may
        // change its length with its case ("ß" upper-cased is "SS"), so its names are all remembered
        if (!rules.prefix().chars().allMatch(c -> c < 128)) {
            return false;
        }
        for (char c : "0123456789abcdef".toCharArray()) {
            if (!allowed(rules.upper() ? Character.toUpperCase(c) : c)) {
                return false;
            }
        }
        if (!other(key("fqdn", "x")) || !other(key("wildcard", "x"))) {
            return false;
        }
        for (String k : groupKeys) {
            if (!other(key(k)) || !other(key(k, "v4")) || !other(key(k, "v6"))) {
                return false;
            }
        }
        return true;
    }

    /** True when the key's name holds, past the target's prefix and within what shortening keeps, a character no address's name has. */
    private boolean other(String key) {
        String name = shape(key);
        int head = rules.prefix().isEmpty() ? 0 : rules.prefix().length() + 1;
        int max = rules.maxLength();
        int end = max > 0 ? Math.min(name.length(), Math.max(1, max - 9)) : name.length();
        for (int i = head; i < end; i++) {
            char c = name.charAt(i);
            if (!addressChar(c) && c != rules.separator().charAt(0)) {
                return true;
            }
        }
        return false;
    }

    /** A character an address's text holds, in either case: a hex digit, dot, colon or slash. */
    private static boolean addressChar(char c) {
        return (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f')
                || (c >= 'A' && c <= 'F')
                || c == '.'
                || c == ':'
                || c == '/';
    }

    /** IPv4 as digits, dots and a slash; IPv6 as lower-case hex digits, colons and a slash. */
    private static boolean plain(String text) {
        boolean dot = false;
        boolean colon = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dot = true;
            } else if (c == ':') {
                colon = true;
            } else if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f') && c != '/') {
                return false;
            }
        }
        return !(dot && colon)
                && (colon
                        || text.indexOf('a') < 0
                                && text.indexOf('b') < 0
                                && text.indexOf('c') < 0
                                && text.indexOf('d') < 0
                                && text.indexOf('e') < 0
                                && text.indexOf('f') < 0);
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
