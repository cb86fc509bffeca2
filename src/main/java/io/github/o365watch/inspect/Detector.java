package io.github.o365watch.inspect;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells a configuration's format from its content: o365watch's own header ({@code # Target
 * squid: ...}) when there is one, else signatures of each format in the first lines, else the
 * shape of its lines (one entry per line is an EDL; anything else plain text).
 */
final class Detector {
    /** Only the start of a file is looked at: signatures come early, and a huge file stays cheap. */
    private static final int HEAD = 256 * 1024;

    private static final int HEADER_LINES = 40;

    private Detector() {}

    static ConfigFormat detect(String content) {
        String head = content;
        if (content.length() > HEAD) {
            // whole lines only: a cut one would look like no entry
            int nl = content.lastIndexOf('\n', HEAD);
            head = content.substring(0, nl > 0 ? nl : HEAD);
        }
        if (head.startsWith("\ufeff")) {
            head = head.substring(1);
        }
        ConfigFormat own = header(head);
        if (own != null) {
            return own;
        }
        String start = head.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            return head.contains("\"objects\"") && head.contains("\"ranges\"")
                    ? ConfigFormat.CHECKPOINT
                    : ConfigFormat.JSON;
        }
        if (start.startsWith("<")) {
            return start.contains("<ip-netmask>")
                            || start.contains("<fqdn>")
                            || start.contains("<ip-range>")
                            || start.contains("<address>")
                    ? ConfigFormat.PALOALTO
                    : ConfigFormat.TEXT;
        }
        if (head.contains("FindProxyForURL")) {
            return ConfigFormat.PAC;
        }
        String[] lines = head.split("\r\n|\r|\n");
        Map<ConfigFormat, Integer> score = new EnumMap<>(ConfigFormat.class);
        for (String raw : lines) {
            ConfigFormat f = signature(raw);
            if (f != null) {
                score.merge(f, 1, Integer::sum);
            }
        }
        ConfigFormat best = null;
        for (Map.Entry<ConfigFormat, Integer> e : score.entrySet()) {
            if (best == null || e.getValue() > score.get(best)) {
                best = e.getKey();
            }
        }
        if (best != null) {
            return best;
        }
        if (csv(lines)) {
            return ConfigFormat.CSV;
        }
        if (proxyBypass(lines)) {
            return ConfigFormat.PROXY_BYPASS;
        }
        return edl(lines) ? ConfigFormat.EDL : ConfigFormat.TEXT;
    }

    /** o365watch's header names the target: {@code # Target edl: ...}, {@code ! Target cisco-asa: ...}, {@code // Target pac: ...}. */
    private static ConfigFormat header(String head) {
        int n = 0;
        int from = 0;
        while (n++ < HEADER_LINES && from < head.length()) {
            int end = head.indexOf('\n', from);
            String line = head.substring(from, end < 0 ? head.length() : end);
            from = end < 0 ? head.length() : end + 1;
            String s = line.strip();
            int i = 0;
            while (i < s.length() && (s.charAt(i) == '#' || s.charAt(i) == '!' || s.charAt(i) == '/')) {
                i++;
            }
            if (i == 0) {
                continue;
            }
            String rest = s.substring(i).strip();
            if (!rest.startsWith("Target ")) {
                continue;
            }
            int colon = rest.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String id = rest.substring(7, colon);
            for (ConfigFormat f : ConfigFormat.values()) {
                if (f != ConfigFormat.TEXT && f.id().equals(id)) {
                    return f;
                }
            }
        }
        return null;
    }

    /** The format one line is typical of, or null. */
    private static ConfigFormat signature(String raw) {
        String s = raw.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (s.startsWith("#!") && (s.endsWith("/nft -f") || s.contains("/nft "))) {
            return ConfigFormat.NFTABLES;
        }
        if (s.startsWith("#") || s.startsWith("!") && !s.startsWith("!=")) {
            return null;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (startsAny(
                        s,
                        "table inet ",
                        "table ip ",
                        "table ip6 ",
                        "table bridge ",
                        "table netdev ",
                        "table arp ",
                        "add element ",
                        "add rule ",
                        "flush ruleset",
                        "delete table ")
                || s.startsWith("elements = {")) {
            return ConfigFormat.NFTABLES;
        }
        if (startsAny(s, "config firewall ", "config system ", "config vdom")) {
            return ConfigFormat.FORTIGATE;
        }
        if (startsAny(
                        s,
                        "object-group network ",
                        "object network ",
                        "network-object ",
                        "ASA Version",
                        "fqdn v4 ",
                        "fqdn v6 ")
                || s.startsWith("access-list ") && s.contains(" extended ")) {
            return ConfigFormat.CISCO_ASA;
        }
        if (startsAny(
                        s,
                        "set address ",
                        "set address-group ",
                        "set shared address",
                        "set rulebase ",
                        "set device-group ",
                        "set vsys ")
                || s.contains(" ip-netmask ")) {
            return ConfigFormat.PALOALTO;
        }
        if (startsAny(
                        s,
                        "set security ",
                        "set policy-options ",
                        "set applications ",
                        "set firewall family ",
                        "address-book {",
                        "policy-options {",
                        "security {")
                || s.startsWith("dns-name ")
                || s.startsWith("range-address ")) {
            return ConfigFormat.JUNIPER_SRX;
        }
        if (startsAny(
                        s,
                        "-A ",
                        "-I ",
                        "*filter",
                        "*nat",
                        "*mangle",
                        "*raw",
                        "COMMIT",
                        "iptables ",
                        "ip6tables ",
                        "ipset ")
                || s.startsWith("create ") && s.contains(" hash:")
                || ipsetAdd(s)) {
            return ConfigFormat.IPTABLES;
        }
        if (startsAny(lower, "ipset=/", "nftset=/", "server=/", "address=/", "local=/", "--ipset=/", "--nftset=/")) {
            return ConfigFormat.DNSMASQ;
        }
        if (s.startsWith("acl ")
                        && (s.contains(" dstdomain ")
                                || s.contains(" dst ")
                                || s.contains(" dstdom_regex ")
                                || s.contains(" src "))
                || startsAny(s, "http_access ", "always_direct ", "never_direct ", "cache_peer ")
                || s.length() > 1 && s.charAt(0) == '.' && TokenScanner.looksHost(s.substring(1))
                || s.endsWith("$") && s.contains("\\.") && s.indexOf(' ') < 0) {
            return ConfigFormat.SQUID;
        }
        return null;
    }

    /** ipset restore's {@code add SET ENTRY}, told from nft's {@code add element} by the entry. */
    private static boolean ipsetAdd(String s) {
        if (!s.startsWith("add ")) {
            return false;
        }
        List<String> w = TokenScanner.words(s);
        if (w.size() < 3) {
            return false;
        }
        String entry = w.get(2);
        int comma = entry.indexOf(',');
        return TokenScanner.addressLike(comma >= 0 ? entry.substring(0, comma) : entry)
                || TokenScanner.rangeDash(entry) > 0;
    }

    private static boolean startsAny(String s, String... starts) {
        for (String p : starts) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** A header row with a column that holds entries, o365watch's among them. */
    private static boolean csv(String[] lines) {
        for (String l : lines) {
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (s.indexOf(',') < 0) {
                return false;
            }
            for (String cell : s.split(",")) {
                String c = cell.strip().toLowerCase(Locale.ROOT);
                if (c.startsWith("\"") && c.endsWith("\"") && c.length() >= 2) {
                    c = c.substring(1, c.length() - 1);
                }
                if (StructuredReaders.VALUE_COLUMNS.contains(c)) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }

    /** A few lines of {@code ;}-separated names (or {@code <local>}). */
    private static boolean proxyBypass(String[] lines) {
        int content = 0;
        int items = 0;
        int entries = 0;
        boolean local = false;
        boolean separated = false;
        for (String l : lines) {
            String s = l.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (++content > 3) {
                return false;
            }
            separated |= s.indexOf(';') > 0;
            for (String item : s.split(";")) {
                String t = item.strip();
                if (t.isEmpty()) {
                    continue;
                }
                items++;
                local |= t.equalsIgnoreCase("<local>");
                if (t.startsWith("<")
                        || PlainReader.v4Wildcard(t) != null
                        || TokenScanner.addressLike(t)
                        || TokenScanner.looksHost(TokenScanner.hostPart(t))) {
                    entries++;
                }
            }
        }
        return separated && entries * 10 >= items * 8 || local && items == entries;
    }

    /** Every line an entry (a comment after it allowed), {@code #} lines aside. */
    private static boolean edl(String[] lines) {
        for (String l : lines) {
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("//")) {
                continue;
            }
            int space = 0;
            while (space < s.length() && s.charAt(space) != ' ' && s.charAt(space) != '\t') {
                space++;
            }
            String first = s.substring(0, space);
            String rest = s.substring(space).strip();
            if (!rest.isEmpty() && !rest.startsWith("#") && !rest.startsWith("//")) {
                return false;
            }
            String host = TokenScanner.hostPart(first);
            // a fully qualified name keeps its root dot: outlook.office.com.
            host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            boolean entry = TokenScanner.rangeDash(first) > 0
                    || TokenScanner.looksV4(first)
                    || TokenScanner.looksV6(first, false)
                    || TokenScanner.looksHost(host);
            if (!entry) {
                return false;
            }
        }
        // a file of comments alone lists nothing; read as text, its comments would count
        return true;
    }
}
