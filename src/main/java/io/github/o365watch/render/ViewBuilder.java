package io.github.o365watch.render;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.SummaryException;
import io.github.o365watch.domain.net.Widening;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The view model a target's templates see (documented in {@code rules-templates/README.md}).
 * Everything a template needs is computed here: names, masks, port forms, the squid, dnsmasq
 * and PAC forms of hostnames, list positions; templates only format. Entries the target
 * cannot express are left out of the lists and listed in {@code notExpressed}.
 */
final class ViewBuilder {
    private final TargetSpec spec;
    private final Plan plan;
    private final Map<String, String> options;
    private final ObjectNames names;
    private final List<NotExpressed> notExpressed = new ArrayList<>();
    private final List<String> head = new ArrayList<>();
    private final List<String> tail = new ArrayList<>();
    // the objects and families whose prefixes the file being rendered wrote (see Emitted)
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Set<Use> used = new LinkedHashSet<>();

    /** The prefixes of one family of one object, written into a file. */
    private record Use(String key, Family family) {}

    /**
     * A list of prefixes in the view that notes which object and family a template read from it,
     * so that a file's header states what summarising did to exactly the lists it holds.
     */
    private static final class Emitted extends AbstractList<Map<String, Object>> {
        private final List<Map<String, Object>> list;
        private final String key;
        private final Set<Use> used;

        Emitted(List<Map<String, Object>> list, String key, Set<Use> used) {
            this.list = list;
            this.key = key;
            this.used = used;
        }

        @Override
        public Map<String, Object> get(int index) {
            Map<String, Object> p = list.get(index);
            used.add(new Use(key, "ipv4".equals(p.get("family")) ? Family.IPV4 : Family.IPV6));
            return p;
        }

        @Override
        public int size() {
            return list.size();
        }
    }

    ViewBuilder(TargetSpec spec, Plan plan, Map<String, String> options) {
        this.spec = spec;
        this.plan = plan;
        this.options = options;
        this.names = new ObjectNames(spec.names());
    }

    /** Free text for this target's comments and descriptions (see {@link Safe}). */
    private String comment(String s) {
        return Safe.comment(s, spec.utf8Comments());
    }

    List<NotExpressed> notExpressed() {
        return notExpressed;
    }

    /** Starts a file: no prefixes written yet. */
    void startFile() {
        used.clear();
    }

    /** What summarising did to the lists of the file rendered since {@link #startFile()}, per family; empty when they are exact. */
    List<Widening> widenings() {
        List<Widening> out = new ArrayList<>();
        for (Family f : Family.values()) {
            Widening w = Widening.none(f);
            for (Use u : used) {
                if (u.family() == f) {
                    w = w.plus(groups.get(u.key()).summary(f).widening());
                }
            }
            if (!w.exact()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Why the lists the file rendered since {@link #startFile()} holds fit no summary within the limits; empty when they do. */
    List<String> beyondLimits() {
        List<String> out = new ArrayList<>();
        for (Use u : used) {
            SummaryException why = groups.get(u.key()).beyondLimits().get(u.family());
            if (why != null) {
                out.add(plan.selected().instance() + " " + plan.selected().version() + ", object " + u.key() + ", "
                        + u.family().label() + ": " + why.getMessage());
            }
        }
        return out;
    }

    /** The header lines of a file, with what summarising did to its lists. */
    List<Map<String, Object>> header(List<Widening> widenings) {
        List<String> lines = new ArrayList<>(head);
        for (Widening w : widenings) {
            lines.add("Summarised, " + w.describe() + ".");
        }
        if (!widenings.isEmpty()) {
            lines.add("Summary limits: " + plan.limits().describe() + ".");
        }
        lines.addAll(tail);
        return positions(lines.stream()
                .map(h -> Map.<String, Object>of("text", comment(h)))
                .toList());
    }

    Map<String, Object> build() {
        Selected s = plan.selected();
        List<Map<String, Object>> categories = new ArrayList<>();
        for (Group g : plan.categories()) {
            categories.add(group(g, true));
        }
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Group g : plan.rules()) {
            rules.add(group(g, false));
        }
        categories = positions(categories);
        rules = positions(rules);

        head.add("Generated by o365watch from the Microsoft 365 IP address and URL web service data.");
        head.add("Instance " + s.instance() + ", data version " + s.version()
                + s.version().date().map(d -> " (published " + d + ")").orElse("") + ".");
        head.add("Target " + spec.id() + ": " + spec.description());
        head.add("Selection: " + s.selection().describe() + ".");
        s.notes().forEach(n -> head.add("Note: " + n + "."));
        if (!spec.hostNote().isEmpty()) {
            tail.add("Note: " + spec.hostNote());
        }
        if (!notExpressed.isEmpty()) {
            tail.add("Not expressed in this format: "
                    + io.github.o365watch.domain.Plural.of(notExpressed.size(), "entry", "entries")
                    + ", listed at the end.");
        }

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("target", spec.id());
        view.put("instance", s.instance().name());
        view.put("version", s.version().value());
        view.put("header", header(List.of()));
        view.put("categories", categories);
        view.put("rules", rules);
        // made when a template reads them (four targets do): the names in them are the rule groups' own, already
        // decided
        view.put("objects", Views.lazy(() -> objects(plan.rules())));
        view.put("options", typed(options));
        view.put("pac", Views.lazy(this::pac));
        List<Map<String, Object>> allHosts = new ArrayList<>();
        for (Map<String, Object> g : categories) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> hs = (List<Map<String, Object>>) g.get("hosts");
            allHosts.addAll(hs);
        }
        view.put("allHosts", positions(allHosts));
        List<Map<String, Object>> ne = new ArrayList<>();
        for (NotExpressed n : notExpressed) {
            ne.add(Map.of(
                    "group",
                    n.group(),
                    "entry",
                    comment(n.entry()),
                    "reason",
                    comment(n.reason()),
                    "text",
                    comment(n.group() + ": " + n.entry() + ": " + n.reason())));
        }
        view.put("notExpressed", positions(ne));
        view.put("hasNotExpressed", !ne.isEmpty());
        return view;
    }

    /**
     * Every prefix and hostname of the given groups that the target takes, each once, sorted:
     * the address objects a target defines before the groups that name them (groups share
     * entries: an address open on two port signatures is in two rule groups).
     */
    private Map<String, Object> objects(List<Group> groups) {
        Set<IpPrefix> v4 = new TreeSet<>();
        Set<IpPrefix> v6 = new TreeSet<>();
        Set<HostPattern> hosts = new TreeSet<>();
        for (Group g : groups) {
            if (spec.ipv4()) {
                v4.addAll(g.ipv4());
            }
            if (spec.ipv6()) {
                v6.addAll(g.ipv6());
            }
            g.hosts().stream().filter(h -> spec.hosts().refuse(h) == null).forEach(hosts::add);
        }
        List<Map<String, Object>> v4Views = v4.stream().map(this::prefix).toList();
        List<Map<String, Object>> v6Views = v6.stream().map(this::prefix).toList();
        List<Map<String, Object>> both = new ArrayList<>(v4Views);
        both.addAll(v6Views);
        List<Map<String, Object>> hostViews = hosts.stream().map(this::host).toList();
        List<Map<String, Object>> exact =
                hostViews.stream().filter(h -> (boolean) h.get("isExact")).toList();
        List<Map<String, Object>> wildcard =
                hostViews.stream().filter(h -> (boolean) h.get("isWildcard")).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ipv4", positions(v4Views));
        m.put("ipv6", positions(v6Views));
        m.put("ips", positions(both));
        m.put("hosts", positions(hostViews));
        m.put("exactHosts", positions(exact));
        m.put("wildcardHosts", positions(wildcard));
        m.put("hasIpv4", !v4Views.isEmpty());
        m.put("hasIpv6", !v6Views.isEmpty());
        m.put("hasHosts", !hostViews.isEmpty());
        m.put("hasWildcardHosts", !wildcard.isEmpty());
        return m;
    }

    /** Options as the view holds them: "true" and "false" as booleans, so sections work. */
    private static Map<String, Object> typed(Map<String, String> options) {
        Map<String, Object> out = new LinkedHashMap<>();
        options.forEach((k, v) -> out.put(k, v.equals("true") ? Boolean.TRUE : v.equals("false") ? Boolean.FALSE : v));
        return out;
    }

    private Map<String, Object> group(Group g, boolean report) {
        Map<String, Object> m = new LinkedHashMap<>();
        int before = notExpressed.size();
        String category = g.category().name();
        m.put("key", g.key());
        m.put("id", g.key().replace('-', '_'));
        m.put("category", category);
        m.put("categoryLower", category.toLowerCase(Locale.ROOT));
        m.put("categoryUpper", category.toUpperCase(Locale.ROOT));
        m.put("name", names.name(g.key()));
        m.put("groupName", m.get("name"));
        m.put("name4", names.name(g.key(), "v4"));
        m.put("name6", names.name(g.key(), "v6"));
        m.put(
                "uuid",
                UUID.nameUUIDFromBytes(("o365watch:" + plan.selected().instance() + ":" + g.key())
                                .getBytes(StandardCharsets.UTF_8))
                        .toString());
        m.put("provenance", comment(g.provenance()));
        String description = comment("o365watch " + plan.selected().instance() + " "
                + plan.selected().version() + " " + g.category() + ": " + g.provenance());
        m.put("description", Safe.cut(description, 180));
        m.put("sets", g.sets().stream().map(String::valueOf).collect(Collectors.joining(",")));
        groups.put(g.key(), g);
        // this object's own figures, for files that hold several objects
        List<String> figures = new ArrayList<>();
        for (Family f : Family.values()) {
            m.put(
                    f == Family.IPV4 ? "summary4" : "summary6",
                    g.summary(f).exact()
                            ? ""
                            : comment("Summarised, " + g.summary(f).widening().describe()));
            if (!g.summary(f).exact()) {
                figures.add(g.summary(f).widening().describe());
            }
        }
        m.put("summaryNote", figures.isEmpty() ? "" : comment("Summarised, " + String.join("; ", figures)));

        List<Map<String, Object>> v4 = new ArrayList<>();
        List<Map<String, Object>> v6 = new ArrayList<>();
        if (spec.ipv4()) {
            g.ipv4().forEach(p -> v4.add(prefix(p)));
        } else if (report && !g.ipv4().isEmpty()) {
            notExpressed.add(
                    new NotExpressed(g.key(), g.ipv4().size() + " IPv4 prefixes", "this target takes no IPv4"));
        }
        if (spec.ipv6()) {
            g.ipv6().forEach(p -> v6.add(prefix(p)));
        } else if (report && !g.ipv6().isEmpty()) {
            notExpressed.add(
                    new NotExpressed(g.key(), g.ipv6().size() + " IPv6 prefixes", "this target takes no IPv6"));
        }
        List<HostPattern> hosts = new ArrayList<>();
        if (spec.hosts() == HostSupport.NONE) {
            if (report && !g.hosts().isEmpty()) {
                notExpressed.add(new NotExpressed(
                        g.key(),
                        io.github.o365watch.domain.Plural.of(g.hosts().size(), "hostname", "hostnames"),
                        HostSupport.NONE.refuse(g.hosts().get(0))));
            }
        } else {
            for (HostPattern h : g.hosts()) {
                String refused = spec.hosts().refuse(h);
                if (refused == null) {
                    hosts.add(h);
                } else if (report) {
                    notExpressed.add(new NotExpressed(g.key(), h.pattern(), refused));
                }
            }
        }
        if (report && spec.maxEntries() > 0) {
            for (String family : new String[] {"IPv4", "IPv6"}) {
                int n = family.equals("IPv4") ? v4.size() : v6.size();
                if (n > spec.maxEntries()) {
                    notExpressed.add(new NotExpressed(
                            g.key(),
                            n + " " + family + " prefixes",
                            "more than the " + spec.maxEntries() + " this target takes per object; use --max-entries "
                                    + spec.maxEntries()));
                }
            }
        }
        m.put("ipv4", new Emitted(positions(v4), g.key(), used));
        m.put("ipv6", new Emitted(positions(v6), g.key(), used));
        List<Map<String, Object>> both = new ArrayList<>(v4);
        both.addAll(v6);
        m.put("ips", new Emitted(positions(both), g.key(), used));
        List<Map<String, Object>> hostViews =
                positions(hosts.stream().map(this::host).toList());
        m.put("hosts", hostViews);
        m.put(
                "exactHosts",
                positions(hostViews.stream()
                        .filter(h -> (boolean) h.get("isExact"))
                        .toList()));
        m.put(
                "wildcardHosts",
                positions(hostViews.stream()
                        .filter(h -> (boolean) h.get("isWildcard"))
                        .toList()));
        m.put("hasIpv4", !v4.isEmpty());
        m.put("hasIpv6", !v6.isEmpty());
        m.put("hasIps", !v4.isEmpty() || !v6.isEmpty());
        m.put("hasHosts", !hosts.isEmpty());
        m.put("isEmpty", v4.isEmpty() && v6.isEmpty() && hosts.isEmpty());
        m.put("hasIpv4OrHosts", !v4.isEmpty() || !hosts.isEmpty());
        m.put("hasPorts", !g.tcp().isEmpty() || !g.udp().isEmpty());
        if (!report
                && spec.ports()
                && g.tcp().isEmpty()
                && g.udp().isEmpty()
                && !(v4.isEmpty() && v6.isEmpty() && hosts.isEmpty())) {
            notExpressed.add(
                    new NotExpressed(g.key(), "rule group", "the endpoint sets list no ports, so no rule opens them"));
        }
        ports(m, "tcp", g.tcp());
        ports(m, "udp", g.udp());
        List<String> portWords = new ArrayList<>();
        if (!g.tcp().isEmpty()) {
            portWords.add("TCP " + g.tcp());
        }
        if (!g.udp().isEmpty()) {
            portWords.add("UDP " + g.udp());
        }
        m.put("portsText", portWords.isEmpty() ? "no ports" : String.join(", ", portWords));
        squid(m, hosts);
        m.put(
                "notExpressed",
                positions(notExpressed.subList(before, notExpressed.size()).stream()
                        .map(n -> (Map<String, Object>) new LinkedHashMap<String, Object>(
                                Map.of("text", comment(n.entry() + ": " + n.reason()))))
                        .toList()));
        m.put(
                "dnsmasqDomains",
                positions(hosts.stream()
                        .map(h -> Map.<String, Object>of("value", h.pattern()))
                        .toList()));
        return m;
    }

    /** Computed when read (see {@link Views}); the name now, in building order, as {@link ObjectNames} keeps names unique in the order asked. */
    private Map<String, Object> prefix(IpPrefix p) {
        return new Views.Prefix(p, names.name(p.network() + "/" + p.length()));
    }

    private Map<String, Object> host(HostPattern h) {
        return new Views.Host(h, names.name(h.isWildcard() ? "wildcard" : "fqdn", h.pattern()));
    }

    private void ports(Map<String, Object> m, String proto, PortSet ports) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PortSet.PortRange r : ports.ranges()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("from", r.from());
            x.put("to", r.to());
            x.put("isRange", !r.isSingle());
            x.put("text", r.toString());
            x.put("colon", r.isSingle() ? Integer.toString(r.from()) : r.from() + ":" + r.to());
            x.put("spaced", r.isSingle() ? Integer.toString(r.from()) : r.from() + " " + r.to());
            list.add(x);
        }
        m.put(proto, positions(list));
        m.put("has" + Character.toUpperCase(proto.charAt(0)) + proto.substring(1), !list.isEmpty());
        m.put(proto + "Text", ports.toString());
        m.put(proto + "Spaced", ports.toString().replace(",", " "));
    }

    /**
     * Squid's forms: {@code .domain} covers the domain and every name under it, so a
     * {@code *.domain} becomes {@code .domain} only where the domain itself is listed too (then it
     * is exact); the other wildcards become anchored regular expressions. Names already covered
     * by a {@code .domain} are left out (squid warns about them).
     */
    private void squid(Map<String, Object> m, List<HostPattern> hosts) {
        Set<String> exact = new TreeSet<>();
        hosts.stream().filter(h -> !h.isWildcard()).forEach(h -> exact.add(h.pattern()));
        Set<String> dotted = new TreeSet<>();
        List<String> regex = new ArrayList<>();
        for (HostPattern h : hosts) {
            if (h.kind() == HostPattern.Kind.SUBDOMAINS && exact.contains(h.domain())) {
                dotted.add(h.domain());
            } else if (h.isWildcard()) {
                regex.add(regex(h));
            }
        }
        // a .domain under another .domain is redundant (and squid warns); looked up by suffix, not pair by pair
        Set<String> all = new java.util.HashSet<>(dotted);
        dotted.removeIf(d -> under(d, all));
        List<String> domains = new ArrayList<>();
        for (String e : exact) {
            if (!dotted.contains(e) && !under(e, dotted)) {
                domains.add(e);
            }
        }
        dotted.forEach(d -> domains.add("." + d));
        domains.sort(Comparator.comparing(d -> d.startsWith(".") ? d.substring(1) : d));
        m.put("squidDomains", positions(values(domains)));
        m.put("squidRegex", positions(values(regex)));
        m.put("hasSquidDomains", !domains.isEmpty());
        m.put("hasSquidRegex", !regex.isEmpty());
    }

    /** True when a name strictly under {@code name}'s parents is in {@code domains} ({@code a.b.c} is under {@code b.c} and {@code c}). */
    private static boolean under(String name, Set<String> domains) {
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            if (domains.contains(name.substring(dot + 1))) {
                return true;
            }
        }
        return false;
    }

    private static List<Map<String, Object>> values(List<String> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String v : list) {
            out.add(Map.of("value", v)); // one small map per element: lists run to a hundred thousand
        }
        return out;
    }

    /** The pattern as an extended regular expression; a leading {@code *} leaves the start open (same meaning, no needless ".*"). */
    static String regex(HostPattern h) {
        String p = h.pattern();
        StringBuilder r = new StringBuilder(p.startsWith("*") ? "" : "^");
        for (int i = p.startsWith("*") ? 1 : 0; i < p.length(); i++) {
            char c = p.charAt(i);
            r.append(c == '.' ? "\\." : c == '*' ? ".*" : String.valueOf(c));
        }
        return r.append('$').toString();
    }

    /**
     * The PAC's two lists, as Microsoft's PAC generator makes them: hostnames of the direct
     * categories (type 1: Optimize; type 2: Optimize and Allow), and the exceptions, hostnames of
     * the other categories that a direct wildcard would otherwise send direct.
     */
    private Map<String, Object> pac() {
        Set<String> direct = "2".equals(options.get("type"))
                ? Set.of(Category.OPTIMIZE.name(), Category.ALLOW.name())
                : Set.of(Category.OPTIMIZE.name());
        List<HostPattern> directHosts = new ArrayList<>();
        List<HostPattern> otherHosts = new ArrayList<>();
        for (Group g : plan.categories()) {
            for (HostPattern h : g.hosts()) {
                if (spec.hosts().refuse(h) == null) {
                    (direct.contains(g.category().name()) ? directHosts : otherHosts).add(h);
                }
            }
        }
        List<HostPattern> exceptions = new ArrayList<>();
        Covering wildcards = new Covering(directHosts);
        for (HostPattern o : otherHosts) {
            if (wildcards.coversOther(o)) {
                exceptions.add(o);
            }
        }
        Function<List<HostPattern>, List<Map<String, Object>>> list = hs -> positions(hs.stream()
                .sorted()
                .distinct()
                .map(h -> Map.<String, Object>of("pattern", h.pattern()))
                .toList());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("direct", list.apply(directHosts));
        m.put("exceptions", list.apply(exceptions));
        m.put("hasDirect", !directHosts.isEmpty());
        m.put("hasExceptions", !exceptions.isEmpty());
        m.put("directCategories", direct.size() == 1 ? "Optimize" : "Optimize and Allow");
        return m;
    }

    /** The list with isFirst and isLast added to each element (templates join with them); see {@link Views#positions}. */
    private static <T extends Map<String, Object>> List<Map<String, Object>> positions(List<T> list) {
        return Views.positions(list);
    }
}
