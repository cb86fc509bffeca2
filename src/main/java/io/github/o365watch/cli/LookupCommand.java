package io.github.o365watch.cli;

import io.github.o365watch.app.Lookup;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.app.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lookup",
        description = {
            "Says which endpoint sets contain an IP address or prefix, or match a hostname.",
            "A host under a wildcard matches it; each match comes with service area, category and ports. Answers 'why is this"
                    + " IP allowed?' and 'is this blocked host Microsoft's?'. Exits 1 when a query matches nothing."})
@Exits("1:a query matched nothing")
final class LookupCommand extends StoreCommand {
    @Mixin
    InstanceOptions instances;

    @Parameters(paramLabel = "IP|PREFIX|HOST", arity = "1..*",
            description = "Addresses, prefixes or hostnames, also as pasted: a URL, host:port, ip:port or [v6]:port (the port is"
                    + " checked against each set's ports).")
    List<String> queries;

    @Option(names = "--version", paramLabel = "V", description = "Stored data version (default: the newest).")
    String version;

    @Option(names = "--history", description = "Search every stored version and say in which ones each entry was listed.")
    boolean history;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = out();
        Workspace ws = offlineWorkspace();
        List<Instance> which = instances.get(config()).stored(ws.store().instances());
        List<Lookup.Answer> answers = new Lookup(ws).run(queries, which, version, history);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Lookup.Answer a : answers) {
            if (json) {
                rows.add(json(a));
            } else {
                print(out, a);
            }
        }
        if (json) {
            Json.print(out, rows);
        }
        return answers.stream().allMatch(Lookup.Answer::matched) ? ExitCodes.OK : ExitCodes.FOUND;
    }

    private void print(PrintWriter out, Lookup.Answer a) {
        out.println(a.query() + a.parsed().looked().map(l -> " (" + l + ")").orElse("") + ":");
        if (!a.matched()) {
            a.searched().forEach((i, vs) -> out.println("  no endpoint set of " + i + " " + describe(vs) + " lists it"));
            return;
        }
        List<String> columns = new ArrayList<>(List.of("INSTANCE", "SET", "SERVICE", "CATEGORY", "REQUIRED", "ENTRY", "PORTS"));
        a.parsed().port().ifPresent(p -> columns.add("PORT " + p));
        columns.add(history ? "LISTED IN" : "VERSION");
        Table t = new Table(columns.toArray(String[]::new));
        for (Lookup.Hit h : a.hits()) {
            EndpointSet s = h.set();
            List<Object> row = new ArrayList<>(List.of(h.instance(), s.id(), s.serviceArea(), s.category(), s.required() ? "yes" : "no",
                    h.entry() + (h.relation() == Lookup.Relation.INSIDE ? " (inside the query)" : ""), ports(s)));
            a.parsed().portListedBy(s).ifPresent(on -> row.add(on.isEmpty() ? "not listed" : String.join(", ", on)));
            row.add(history ? listed(h.versions(), a.searched().get(h.instance())) : h.versions().get(0).value());
            t.row(row.toArray());
        }
        t.print(out, "  ");
    }

    private static String describe(List<Version> vs) {
        return vs.size() == 1 ? vs.get(0).value() : "(" + vs.size() + " versions)";
    }

    private static String listed(List<Version> in, List<Version> searched) {
        if (in.size() == searched.size()) {
            return searched.size() == 1 ? "the one stored version" : "all " + searched.size() + " stored versions";
        }
        return in.size() + " of " + searched.size() + ": " + in.get(0) + (in.size() > 1 ? " ... " + in.get(in.size() - 1) : "");
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

    private static Map<String, Object> json(Lookup.Answer a) {
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
            a.parsed().portListedBy(h.set()).ifPresent(on -> x.put("portListedOn", on.stream().map(p -> p.toLowerCase(java.util.Locale.ROOT)).toList()));
            x.put("versions", h.versions().stream().map(Version::value).toList());
            hits.add(x);
        }
        m.put("hits", hits);
        return m;
    }
}
