package io.github.o365watch.cli;

import io.github.o365watch.app.Explanations;
import io.github.o365watch.app.Lookup;
import io.github.o365watch.app.Workspace;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "lookup",
        description = {
            "Says which endpoint sets contain an IP address or prefix, or match a hostname.",
            "A host under a wildcard matches it; each match comes with service area, category and ports. Answers 'why is this"
                    + " IP allowed?' and 'is this blocked host Microsoft's?'. Exits 1 when a query matches nothing, and says what is"
                    + " known of it: listed in an earlier stored version (until when, and the change record that removed it), listed"
                    + " in another instance, the nearest listed prefix. --explain says for each match why the site's selection keeps"
                    + " it or leaves it out, and which of its targets can hold it."
        })
@Exits("1:a query matched nothing")
final class LookupCommand extends StoreCommand {
    @Mixin
    InstanceOptions instances;

    @Parameters(
            paramLabel = "IP|PREFIX|HOST",
            arity = "1..*",
            description =
                    "Addresses, prefixes or hostnames, also as pasted: a URL, host:port, ip:port or [v6]:port (the port is"
                            + " checked against each set's ports).")
    List<String> queries;

    @Option(names = "--version", paramLabel = "V", description = "Stored data version (default: the newest).")
    String version;

    @Option(
            names = "--history",
            description = "Search every stored version and say in which ones each entry was listed.")
    boolean history;

    @Option(
            names = "--explain",
            description = "For each match: why the site's selection (the config file's, else Optimize and"
                    + " Allow) keeps it or leaves it out (category, service area, required, family, overrides, tenant), and which of the"
                    + " config file's targets can hold it.")
    boolean explain;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = out();
        Workspace ws = offlineWorkspace();
        List<Instance> which = instances.get(config()).stored(ws.store().instances());
        List<Lookup.Answer> answers =
                new Lookup(ws).run(queries, which, version, history ? Lookup.Versions.ALL : Lookup.Versions.ONE);
        Explanations why = new Explanations(ws);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Lookup.Answer a : answers) {
            List<Explanations.Clue> clues = a.matched() ? List.of() : why.absence(a.parsed(), a.searched());
            List<Explanations.Verdict> verdicts = explain && a.matched() ? why.explain(a, config()) : List.of();
            if (json) {
                rows.add(json(a, clues, verdicts));
            } else {
                print(out, a, clues, verdicts);
            }
        }
        if (json) {
            Json.print(out, rows);
        }
        return answers.stream().allMatch(Lookup.Answer::matched) ? ExitCodes.OK : ExitCodes.FOUND;
    }

    private void print(
            PrintWriter out, Lookup.Answer a, List<Explanations.Clue> clues, List<Explanations.Verdict> verdicts) {
        out.println(a.query() + a.parsed().looked().map(l -> " (" + l + ")").orElse("") + ":");
        if (!a.matched()) {
            a.searched()
                    .forEach((i, vs) -> out.println("  no endpoint set of " + i + " " + describe(vs) + " lists it"));
            clues.forEach(c -> out.println("  " + c.text()));
            return;
        }
        List<String> columns =
                new ArrayList<>(List.of("INSTANCE", "SET", "SERVICE", "CATEGORY", "REQUIRED", "ENTRY", "PORTS"));
        a.parsed().port().ifPresent(p -> columns.add("PORT " + p));
        columns.add(history ? "LISTED IN" : "VERSION");
        Table t = new Table(columns.toArray(String[]::new));
        for (Lookup.Hit h : a.hits()) {
            EndpointSet s = h.set();
            List<Object> row = new ArrayList<>(List.of(
                    h.instance(),
                    s.id(),
                    s.serviceArea(),
                    s.category(),
                    s.required() ? "yes" : "no",
                    h.entry() + (h.relation() == Lookup.Relation.INSIDE ? " (inside the query)" : ""),
                    ports(s)));
            a.parsed().portListedBy(s).ifPresent(on -> row.add(on.isEmpty() ? "not listed" : String.join(", ", on)));
            row.add(
                    history
                            ? listed(h.versions(), a.searched().get(h.instance()))
                            : h.versions().get(0).value());
            t.row(row.toArray());
        }
        t.print(out, "  ");
        if (a.parsed().host().isPresent()) {
            // "why is it not in my address list?": some sets publish names only, by design
            java.util.Map<Integer, EndpointSet> nameOnly = new java.util.TreeMap<>();
            a.hits().stream()
                    .map(Lookup.Hit::set)
                    .filter(x -> x.ips().isEmpty())
                    .forEach(x -> nameOnly.putIfAbsent(x.id(), x));
            if (!nameOnly.isEmpty()) {
                String categories = String.join(
                        ", ",
                        nameOnly.values().stream()
                                .map(x -> x.category().name())
                                .distinct()
                                .sorted()
                                .toList());
                out.println("  " + (nameOnly.size() == 1 ? "set " : "sets ")
                        + String.join(
                                ", ",
                                nameOnly.keySet().stream().map(String::valueOf).toList()) + " (" + categories + ") "
                        + (nameOnly.size() == 1 ? "publishes" : "publish") + " no addresses: allow"
                        + " the name on the proxy; Microsoft publishes no addresses for it");
            }
        }
        for (int n = 0; n < verdicts.size(); n++) {
            Lookup.Hit h = a.hits().get(n);
            Explanations.Verdict v = verdicts.get(n);
            out.println("  set " + h.set().id() + ", " + h.entry() + ": " + v.why());
            List<String> in = v.targets().stream()
                    .filter(Explanations.TargetVerdict::holds)
                    .map(Explanations.TargetVerdict::target)
                    .toList();
            if (!in.isEmpty()) {
                out.println("    in: " + String.join(", ", in));
            }
            v.targets().stream()
                    .filter(x -> !x.holds())
                    .forEach(x -> out.println("    not in " + x.target() + ": it " + x.why()));
        }
        if (!verdicts.isEmpty() && config().isEmpty()) {
            out.println("  (no config file here: the default selection, and no targets to say more of)");
        }
    }

    private static String describe(List<Version> vs) {
        return vs.size() == 1 ? vs.get(0).value() : "(" + vs.size() + " versions)";
    }

    private static String listed(List<Version> in, List<Version> searched) {
        if (in.size() == searched.size()) {
            return searched.size() == 1 ? "the one stored version" : "all " + searched.size() + " stored versions";
        }
        return in.size() + " of " + searched.size() + ": " + in.get(0)
                + (in.size() > 1 ? " ... " + in.get(in.size() - 1) : "");
    }

    static String ports(EndpointSet s) {
        List<String> p = new ArrayList<>();
        if (!s.tcpPorts().isEmpty()) {
            p.add("TCP " + s.tcpPorts());
        }
        if (!s.udpPorts().isEmpty()) {
            p.add("UDP " + s.udpPorts());
        }
        return p.isEmpty() ? "-" : String.join(" ", p);
    }

    private static Map<String, Object> json(
            Lookup.Answer a, List<Explanations.Clue> clues, List<Explanations.Verdict> verdicts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("query", a.query());
        a.parsed().prefix().ifPresent(p -> m.put("address", p.toString()));
        a.parsed().host().ifPresent(h -> m.put("hostname", h.pattern()));
        a.parsed().port().ifPresent(p -> m.put("port", p));
        a.parsed().protocol().ifPresent(p -> m.put("protocol", p.toLowerCase(java.util.Locale.ROOT)));
        m.put("matched", a.matched());
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Lookup.Hit h : a.hits()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("instance", h.instance().name());
            x.put("endpointSetId", h.set().id());
            x.put("serviceArea", h.set().serviceArea().name());
            x.put("category", h.set().category().name());
            x.put("required", h.set().required());
            x.put("entry", h.entry());
            x.put("relation", h.relation().name().toLowerCase(java.util.Locale.ROOT));
            x.put("tcpPorts", h.set().tcpPorts().toString());
            x.put("udpPorts", h.set().udpPorts().toString());
            a.parsed()
                    .portListedBy(h.set())
                    .ifPresent(on -> x.put(
                            "portListedOn",
                            on.stream()
                                    .map(p -> p.toLowerCase(java.util.Locale.ROOT))
                                    .toList()));
            x.put("versions", h.versions().stream().map(Version::value).toList());
            if (!verdicts.isEmpty()) {
                Explanations.Verdict v = verdicts.get(hits.size());
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("selected", v.selected());
                e.put("why", v.why());
                Map<String, Object> targets = new LinkedHashMap<>();
                v.targets().forEach(t -> targets.put(t.target(), t.holds() ? "holds it" : "not: it " + t.why()));
                e.put("targets", targets);
                x.put("explain", e);
            }
            hits.add(x);
        }
        m.put("hits", hits);
        if (!a.matched()) {
            m.put(
                    "known",
                    clues.stream()
                            .map(c -> Map.of(
                                    "kind",
                                    c.kind()
                                            .name()
                                            .toLowerCase(java.util.Locale.ROOT)
                                            .replace('_', '-'),
                                    "text",
                                    c.text()))
                            .toList());
        }
        return m;
    }
}
