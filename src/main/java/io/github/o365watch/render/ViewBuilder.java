package io.github.o365watch.render;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.SummaryException;
import io.github.o365watch.domain.net.Widening;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The view model a target's templates see (documented in {@code rules-templates/README.md}).
 * Everything a template needs is computed here or in the target's own {@link TargetView}
 * (squid's, dnsmasq's and the PAC's forms of hostnames): names, masks, port forms, list
 * positions; templates only format. Entries the target cannot express are left out of the lists
 * and listed in {@code notExpressed}.
 */
final class ViewBuilder {
    private final TargetSpec spec;
    private final TargetView form;
    private final Plan plan;
    private final Map<String, String> options;
    private final ObjectNames names;
    private final List<NotExpressed> notExpressed = new ArrayList<>();
    private final List<String> head = new ArrayList<>();
    private final List<String> tail = new ArrayList<>();
    // the objects and families whose prefixes the file being rendered wrote (see Emitted)
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Set<Use> used = new LinkedHashSet<>();
    // each hostname's element, made once (see host)
    private final Map<HostPattern, Views.Host> hostElements = new HashMap<>();
    // the version the headers and descriptions name (see label(Version)), where the header says it, and the
    // group views whose description says it
    private Version label;
    private int versionLine = -1;
    private final List<Map<String, Object>> described = new ArrayList<>();
    private final List<Group> describedGroups = new ArrayList<>();

    /** The prefixes of one family of one object, written into a file. */
    private record Use(String key, Family family) {
        // written out: added for every prefix a template reads, and the generated methods are slow under C1
        @Override
        public int hashCode() {
            return 31 * key.hashCode() + family.ordinal();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Use u && family == u.family && key.equals(u.key);
        }
    }

    /**
     * A list of prefixes in the view that notes which object and family a template read from it,
     * so that a file's header states what summarising did to exactly the lists it holds.
     */
    private static final class Emitted extends AbstractList<Map<String, Object>> {
        private final List<Map<String, Object>> list;
        // the first ones are IPv4 prefixes, the rest IPv6 (a list of one family, or IPv4 then IPv6)
        private final int ipv4;
        private final Use use4;
        private final Use use6;
        private final Set<Use> used;

        Emitted(List<Map<String, Object>> list, int ipv4, String key, Set<Use> used) {
            this.list = list;
            this.ipv4 = ipv4;
            this.use4 = new Use(key, Family.IPV4);
            this.use6 = new Use(key, Family.IPV6);
            this.used = used;
        }

        @Override
        public Map<String, Object> get(int index) {
            Map<String, Object> p = list.get(index);
            used.add(index < ipv4 ? use4 : use6);
            return p;
        }

        @Override
        public int size() {
            return list.size();
        }
    }

    ViewBuilder(TargetSpec spec, TargetView form, Plan plan, Map<String, String> options) {
        this.spec = spec;
        this.form = form;
        this.plan = plan;
        this.options = options;
        List<String> keys = new ArrayList<>();
        plan.categories().forEach(g -> keys.add(g.key()));
        plan.rules().forEach(g -> keys.add(g.key()));
        this.names = new ObjectNames(spec.names(), keys);
        this.label = plan.selected().version();
    }

    /**
     * From now on the view names {@code v} as the data version wherever it names one (the header's
     * line, each group's description): the view a fresh build from the same data relabelled
     * {@code v} would give. The top-level {@code version} and {@code header} keys are the caller's
     * to replace ({@link #header(List)} says the new label).
     */
    void label(Version v) {
        label = v;
        if (versionLine >= 0) {
            head.set(versionLine, versionLine());
        }
        for (int i = 0; i < described.size(); i++) {
            described.get(i).put("description", description(describedGroups.get(i)));
        }
    }

    /** The version the view names now. */
    Version label() {
        return label;
    }

    private String versionLine() {
        return "Instance " + plan.selected().instance() + ", data version " + label
                + label.date().map(d -> " (published " + d + ")").orElse("") + ".";
    }

    private String description(Group g) {
        return Safe.cut(
                comment("o365watch " + plan.selected().instance() + " " + label + " " + g.category() + ": "
                        + g.provenance()),
                180);
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
        return Views.positions(lines.stream()
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
        categories = Views.positions(categories);
        rules = Views.positions(rules);

        head.add("Generated by o365watch from the Microsoft 365 IP address and URL web service data.");
        versionLine = head.size();
        head.add(versionLine());
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
        view.put("version", label.value());
        view.put("header", header(List.of()));
        view.put("categories", categories);
        view.put("rules", rules);
        // made when a template reads them (four targets do): the names in them are the rule groups' own, already
        // decided
        view.put("objects", Views.lazy(() -> objects(plan.rules())));
        view.put("options", typed(options));
        List<Map<String, Object>> allHosts = new ArrayList<>();
        for (Map<String, Object> g : categories) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> hs = (List<Map<String, Object>>) g.get("hosts");
            allHosts.addAll(hs);
        }
        view.put("allHosts", Views.positions(allHosts));
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
        view.put("notExpressed", Views.positions(ne));
        view.put("hasNotExpressed", !ne.isEmpty());
        form.view(view, plan, spec, options);
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
        List<Map<String, Object>> hostViews = new ArrayList<>(hosts.size());
        List<Map<String, Object>> exact = new ArrayList<>();
        List<Map<String, Object>> wildcard = new ArrayList<>();
        for (HostPattern h : hosts) {
            Views.Host v = host(h);
            hostViews.add(v);
            (v.kind() == HostPattern.Kind.EXACT ? exact : wildcard).add(v);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ipv4", Views.positions(v4Views));
        m.put("ipv6", Views.positions(v6Views));
        m.put("ips", Views.positions(both));
        m.put("hosts", Views.positions(hostViews));
        m.put("exactHosts", Views.positions(exact));
        m.put("wildcardHosts", Views.positions(wildcard));
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

    /**
     * One group's view: who it is, its summaries, the entries the target takes (the rest noted as
     * not expressed, for the category groups, which every entry is in once), its ports, and the
     * target's own keys.
     *
     * @param report true for the category groups: what the target cannot take is noted once, there
     */
    private Map<String, Object> group(Group g, boolean report) {
        Map<String, Object> m = new LinkedHashMap<>();
        int before = notExpressed.size();
        groups.put(g.key(), g);
        identity(m, g);
        summaries(m, g);
        List<Map<String, Object>> v4 = prefixes(g, Family.IPV4, report);
        List<Map<String, Object>> v6 = prefixes(g, Family.IPV6, report);
        List<HostPattern> hosts = hosts(g, report);
        if (report) {
            tooMany(g, Family.IPV4, v4.size());
            tooMany(g, Family.IPV6, v6.size());
        }
        entries(m, g.key(), v4, v6, hosts);
        boolean empty = v4.isEmpty() && v6.isEmpty() && hosts.isEmpty();
        m.put("hasPorts", !g.tcp().isEmpty() || !g.udp().isEmpty());
        if (!report && spec.ports() && g.tcp().isEmpty() && g.udp().isEmpty() && !empty) {
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
        form.group(m, hosts);
        m.put(
                "notExpressed",
                Views.positions(notExpressed.subList(before, notExpressed.size()).stream()
                        .map(n -> (Map<String, Object>) new LinkedHashMap<String, Object>(
                                Map.of("text", comment(n.entry() + ": " + n.reason()))))
                        .toList()));
        return m;
    }

    /** Key, names, stable UUID, provenance, description and sets. */
    private void identity(Map<String, Object> m, Group g) {
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
        m.put("description", description(g));
        described.add(m);
        describedGroups.add(g);
        m.put("sets", g.sets().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
    }

    /** This object's own figures, for files that hold several objects. */
    private void summaries(Map<String, Object> m, Group g) {
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
    }

    /** The group's prefixes of one family when the target takes that family; else none, noted once. */
    private List<Map<String, Object>> prefixes(Group g, Family f, boolean report) {
        List<IpPrefix> listed = f == Family.IPV4 ? g.ipv4() : g.ipv6();
        if (f == Family.IPV4 ? spec.ipv4() : spec.ipv6()) {
            return listed.stream().map(this::prefix).toList();
        }
        if (report && !listed.isEmpty()) {
            notExpressed.add(new NotExpressed(
                    g.key(), listed.size() + " " + f.label() + " prefixes", "this target takes no " + f.label()));
        }
        return List.of();
    }

    /** The group's hostnames the target takes; the others noted once (all of them in one line when it takes none). */
    private List<HostPattern> hosts(Group g, boolean report) {
        if (spec.hosts() == HostSupport.NONE) {
            if (report && !g.hosts().isEmpty()) {
                notExpressed.add(new NotExpressed(
                        g.key(),
                        io.github.o365watch.domain.Plural.of(g.hosts().size(), "hostname", "hostnames"),
                        HostSupport.NONE.refuse(g.hosts().get(0))));
            }
            return List.of();
        }
        List<HostPattern> hosts = new ArrayList<>();
        for (HostPattern h : g.hosts()) {
            String refused = spec.hosts().refuse(h);
            if (refused == null) {
                hosts.add(h);
            } else if (report) {
                notExpressed.add(new NotExpressed(g.key(), h.pattern(), refused));
            }
        }
        return hosts;
    }

    /** More prefixes of one family than the target takes per object is noted (the lists stay whole). */
    private void tooMany(Group g, Family f, int n) {
        if (spec.maxEntries() > 0 && n > spec.maxEntries()) {
            notExpressed.add(new NotExpressed(
                    g.key(),
                    n + " " + f.label() + " prefixes",
                    "more than the " + spec.maxEntries() + " this target takes per object; use --max-entries "
                            + spec.maxEntries()));
        }
    }

    /** The entry lists and the flags that say which are empty. */
    private void entries(
            Map<String, Object> m,
            String key,
            List<Map<String, Object>> v4,
            List<Map<String, Object>> v6,
            List<HostPattern> hosts) {
        m.put("ipv4", new Emitted(Views.positions(v4), v4.size(), key, used));
        m.put("ipv6", new Emitted(Views.positions(v6), 0, key, used));
        List<Map<String, Object>> both = new ArrayList<>(v4);
        both.addAll(v6);
        m.put("ips", new Emitted(Views.positions(both), v4.size(), key, used));
        List<Views.Host> made = new ArrayList<>(hosts.size());
        for (HostPattern h : hosts) {
            made.add(host(h));
        }
        List<Map<String, Object>> hostViews = Views.positions(made);
        // each kind's list holds the elements of the whole list (with their positions there), positioned again
        List<Map<String, Object>> exact = new ArrayList<>();
        List<Map<String, Object>> wildcard = new ArrayList<>();
        for (int i = 0; i < made.size(); i++) {
            (made.get(i).kind() == HostPattern.Kind.EXACT ? exact : wildcard).add(hostViews.get(i));
        }
        m.put("hosts", hostViews);
        m.put("exactHosts", Views.positions(exact));
        m.put("wildcardHosts", Views.positions(wildcard));
        m.put("hasIpv4", !v4.isEmpty());
        m.put("hasIpv6", !v6.isEmpty());
        m.put("hasIps", !v4.isEmpty() || !v6.isEmpty());
        m.put("hasHosts", !hosts.isEmpty());
        m.put("isEmpty", v4.isEmpty() && v6.isEmpty() && hosts.isEmpty());
        m.put("hasIpv4OrHosts", !v4.isEmpty() || !hosts.isEmpty());
    }

    /**
     * Computed when read (see {@link Views}); the name now, in building order, as {@link ObjectNames} keeps names
     * unique in the order asked, unless it depends on the prefix alone: then when a template reads it.
     */
    private Map<String, Object> prefix(IpPrefix p) {
        return names.madeWhenRead(p) ? new Views.Prefix(p, names) : new Views.Prefix(p, names.prefix(p));
    }

    /**
     * An exact hostname whose name depends on it alone ({@link ObjectNames#exactMadeWhenRead}) gets an element whose
     * name is made when a template reads it. Any other gets one element, made the first time the hostname is met (in
     * building order, as its name is decided) and given again to every group and list that holds it: asking
     * {@link ObjectNames} the same key again gives the same name.
     */
    private Views.Host host(HostPattern h) {
        if (names.exactMadeWhenRead(h)) {
            return new Views.Host(h, names);
        }
        Views.Host v = hostElements.get(h);
        if (v == null) {
            HostPattern.Kind kind = h.kind();
            v = new Views.Host(h, kind, names.name(kind == HostPattern.Kind.EXACT ? "fqdn" : "wildcard", h.pattern()));
            hostElements.put(h, v);
        }
        return v;
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
        m.put(proto, Views.positions(list));
        m.put("has" + Character.toUpperCase(proto.charAt(0)) + proto.substring(1), !list.isEmpty());
        m.put(proto + "Text", ports.toString());
        m.put(proto + "Spaced", ports.toString().replace(",", " "));
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
}
