package io.github.o365watch.inspect;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.InvalidDataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a DNS block list or a proxy deny list blocks, in the forms security teams use: hosts
 * files ({@code 0.0.0.0 name}), Pi-hole domain lists (one name a line), AdGuard rules
 * ({@code ||name^}), dnsmasq ({@code address=/name/0.0.0.0}, {@code server=/name/}), BIND
 * response policy zones ({@code name CNAME .}, {@code *.name CNAME .}) and Squid
 * ({@code acl X dstdomain .name} named by an {@code http_access deny} line). Each line is read
 * in the form it is written in, so one file may mix them; what no form reads is skipped.
 */
public final class DenyList {
    /**
     * One blocked name: the name itself unless {@code subdomainsOnly} ({@code *.name} in a zone or
     * a list), and every name under it when {@code subdomains}; where it was read.
     */
    public record Denied(String name, boolean subdomains, boolean subdomainsOnly, int line, String text) {
        public Denied(String name, boolean subdomains, int line, String text) {
            this(name, subdomains, false, line, text);
        }

        /** True when this entry blocks {@code host} (an exact name). */
        public boolean blocks(String host) {
            return host.equals(name) && !subdomainsOnly || subdomains && host.endsWith("." + name);
        }
    }

    /** How one file reads: the entries, and the form each line was in, counted. */
    public record Read(List<Denied> entries, Map<String, Integer> forms) {}

    private static final Pattern HOSTS =
            Pattern.compile("(0\\.0\\.0\\.0|127\\.0\\.0\\.1|::1?|0:0:0:0:0:0:0:0|fe80::1%lo0)\\s+(.+)");
    private static final Pattern DNSMASQ = Pattern.compile("(?:address|server|local)=/([^#]+?)/(.*)");
    private static final Pattern ADGUARD = Pattern.compile("\\|\\|([^\\^$|/]+)\\^(\\$.*)?");
    private static final Pattern RPZ = Pattern.compile(
            "(\\S+)\\s+(?:\\d+\\s+)?(?:IN\\s+)?CNAME\\s+(\\.|\\*\\.)\\s*(;.*)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQUID_ACL = Pattern.compile("acl\\s+(\\S+)\\s+dstdomain\\s+(.+)");
    private static final Pattern SQUID_DENY = Pattern.compile("http_access\\s+deny\\s+(.+)");
    private static final Set<String> LOCAL = Set.of(
            "localhost", "localhost.localdomain", "local", "broadcasthost", "ip6-localhost", "ip6-loopback", "0.0.0.0");

    private DenyList() {}

    /** Reads a deny list's text; a line holding a control character is not read (as verify's other readers). */
    public static Read read(String text) {
        List<Denied> out = new ArrayList<>();
        Map<String, Integer> forms = new java.util.TreeMap<>();
        Map<String, List<Denied>> squidAcls = new HashMap<>();
        Set<String> squidDenied = new HashSet<>();
        Optional<String> origin = Optional.empty();
        int n = 0;
        for (String raw : text.lines().toList()) {
            n++;
            String line = strip(raw);
            if (line.isEmpty() || line.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                continue;
            }
            Matcher m;
            if (line.regionMatches(true, 0, "$ORIGIN", 0, 7)) {
                String o = line.substring(7).strip().toLowerCase(Locale.ROOT);
                origin = Optional.of(o.endsWith(".") ? o.substring(0, o.length() - 1) : o);
            } else if ((m = HOSTS.matcher(line)).matches()) {
                for (String name : m.group(2).split("\\s+")) {
                    add(out, forms, "hosts", name, false, n, raw);
                }
            } else if ((m = DNSMASQ.matcher(line)).matches()) {
                for (String name : m.group(1).split("/")) {
                    add(out, forms, "dnsmasq", name, true, n, raw);
                }
            } else if ((m = ADGUARD.matcher(line)).matches()) {
                add(out, forms, "adguard", m.group(1), true, n, raw);
            } else if ((m = RPZ.matcher(line)).matches()) {
                String owner = m.group(1).toLowerCase(Locale.ROOT);
                if (owner.endsWith(".")) {
                    owner = owner.substring(0, owner.length() - 1);
                    String o = origin.orElse("");
                    // an absolute owner ends with the zone's own name, which is no part of the blocked name
                    owner = !o.isEmpty() && owner.endsWith("." + o)
                            ? owner.substring(0, owner.length() - o.length() - 1)
                            : owner;
                }
                boolean wild = owner.startsWith("*.");
                add(out, forms, "rpz", wild ? owner.substring(2) : owner, wild, wild, n, raw);
            } else if ((m = SQUID_ACL.matcher(line)).matches()) {
                List<Denied> acl = squidAcls.computeIfAbsent(m.group(1), k -> new ArrayList<>());
                int at = n;
                for (String v : m.group(2).split("\\s+")) {
                    if (!v.startsWith("\"")) { // a file of names ("/etc/squid/x"): not followed
                        boolean sub = v.startsWith(".");
                        name(sub ? v.substring(1) : v)
                                .ifPresent(name -> acl.add(new Denied(name, sub, at, raw.strip())));
                    }
                }
            } else if ((m = SQUID_DENY.matcher(line)).matches()) {
                for (String a : m.group(1).split("\\s+")) {
                    if (!a.startsWith("!")) {
                        squidDenied.add(a);
                    }
                }
            } else if (!line.contains(" ") && !line.contains("\t")) {
                // a domain list: one name a line, a leading "*." for the names under it
                boolean wild = line.startsWith("*.");
                add(
                        out,
                        forms,
                        wild ? "domains (wildcard)" : "domains",
                        wild ? line.substring(2) : line,
                        wild,
                        wild,
                        n,
                        raw);
            }
        }
        for (String acl : squidDenied) {
            List<Denied> entries = squidAcls.getOrDefault(acl, List.of());
            out.addAll(entries);
            if (!entries.isEmpty()) {
                forms.merge("squid", entries.size(), Integer::sum);
            }
        }
        return new Read(List.copyOf(out), forms);
    }

    private static String strip(String raw) {
        String s = raw.strip();
        if (s.startsWith("#") || s.startsWith("!") || s.startsWith(";")) {
            return "";
        }
        int hash = s.indexOf(" #");
        return (hash >= 0 ? s.substring(0, hash) : s).strip();
    }

    private static void add(
            List<Denied> out,
            Map<String, Integer> forms,
            String form,
            String raw,
            boolean subdomains,
            int line,
            String text) {
        add(out, forms, form, raw, subdomains, false, line, text);
    }

    private static void add(
            List<Denied> out,
            Map<String, Integer> forms,
            String form,
            String raw,
            boolean subdomains,
            boolean subdomainsOnly,
            int line,
            String text) {
        name(raw).filter(n -> !LOCAL.contains(n)).ifPresent(n -> {
            out.add(new Denied(n, subdomains, subdomainsOnly, line, text.strip()));
            forms.merge(form, 1, Integer::sum);
        });
    }

    /** A host name in lower case without a trailing dot, or empty when it is none. */
    private static Optional<String> name(String raw) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.contains("*") || !s.contains(".")) {
            return Optional.empty();
        }
        try {
            return Optional.of(HostPattern.parse(s).pattern());
        } catch (InvalidDataException e) {
            return Optional.empty();
        }
    }
}
