package io.github.o365watch.cli;

import io.github.o365watch.app.OutputFormat;
import io.github.o365watch.app.Show;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.report.Csv;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", description = "Shows the endpoint sets of a stored version (default: the newest), filtered.")
final class ShowCommand extends StoreCommand {
    /** The formats show offers. */
    static final class Formats extends Vocabulary.Formats {
        Formats() {
            super(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.CSV);
        }
    }

    @Mixin
    StoredVersionOptions stored;

    @Option(
            names = "--service",
            paramLabel = "AREA",
            completionCandidates = Vocabulary.ServiceAreas.class,
            description = "Only this service area (${COMPLETION-CANDIDATES}). Repeatable.")
    List<String> services = new ArrayList<>();

    @Option(
            names = "--category",
            paramLabel = "C",
            completionCandidates = Vocabulary.Categories.class,
            description = "Only this category (${COMPLETION-CANDIDATES}). Repeatable.")
    List<String> categories = new ArrayList<>();

    @Option(names = "--required", description = "Only required endpoint sets.")
    boolean required;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            converter = Formats.class,
            completionCandidates = Formats.class,
            description = "${COMPLETION-CANDIDATES} (csv: one row per URL or IP). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--summary", description = "Table: one line per endpoint set, without its entries.")
    boolean summary;

    @Override
    public Integer call() {
        PrintWriter out = out();
        Instance i = instance(stored.instance.name);
        Show.Result r = new Show(offlineWorkspace())
                .run(i, stored.version, services, categories, required ? Show.Sets.REQUIRED_ONLY : Show.Sets.ALL);
        switch (format) {
            case JSON -> json(out, r);
            case CSV -> csv(out, r);
            default -> table(out, r);
        }
        return ExitCodes.OK;
    }

    private void table(PrintWriter out, Show.Result r) {
        out.println(r.version().instance() + " " + r.version().version() + ": "
                + r.sets().size() + " of " + r.total() + " endpoint sets ("
                + r.filter().describe() + ")");
        Table t = new Table("ID", "SERVICE", "CATEGORY", "REQUIRED", "EXPRESSROUTE", "TCP", "UDP", "URLS", "IPS");
        for (EndpointSet s : r.sets()) {
            if (summary) {
                t.row(
                        s.id(),
                        s.serviceArea(),
                        s.category(),
                        yesNo(s.required()),
                        yesNo(s.expressRoute()),
                        dash(s.tcpPorts().toString()),
                        dash(s.udpPorts().toString()),
                        s.urls().size(),
                        s.ips().size());
            } else {
                out.println();
                out.println(s.id() + "  " + s.serviceArea() + "  " + s.category()
                        + (s.required() ? "  required" : "  optional")
                        + (s.expressRoute() ? "  ExpressRoute" : "")
                        + (s.tcpPorts().isEmpty() ? "" : "  TCP " + s.tcpPorts())
                        + (s.udpPorts().isEmpty() ? "" : "  UDP " + s.udpPorts()));
                if (!s.notes().isEmpty()) {
                    out.println("    notes: " + Text.oneLine(s.notes()));
                }
                s.urls().forEach(u -> out.println("    " + u));
                s.ips().forEach(p -> out.println("    " + p));
            }
        }
        if (summary) {
            out.println();
            t.print(out);
        }
    }

    private static void json(PrintWriter out, Show.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance", r.version().instance().name());
        m.put("version", r.version().version().value());
        m.put("filter", r.filter().describe());
        m.put("endpointSets", r.sets().stream().map(EndpointSet::toRaw).toList());
        Json.print(out, m);
    }

    private static void csv(PrintWriter out, Show.Result r) {
        out.print(Csv.row(List.of(
                "instance",
                "version",
                "id",
                "serviceArea",
                "serviceAreaDisplayName",
                "category",
                "required",
                "expressRoute",
                "type",
                "value",
                "tcpPorts",
                "udpPorts",
                "notes")));
        for (EndpointSet s : r.sets()) {
            List<String[]> entries = new ArrayList<>();
            for (HostPattern u : s.urls()) {
                entries.add(new String[] {"url", u.pattern()});
            }
            for (IpPrefix p : s.ips()) {
                entries.add(new String[] {p.family().label().toLowerCase(java.util.Locale.ROOT), p.toString()});
            }
            if (entries.isEmpty()) {
                entries.add(new String[] {"", ""});
            }
            for (String[] e : entries) {
                out.print(Csv.row(List.of(
                        r.version().instance().name(),
                        r.version().version().value(),
                        Integer.toString(s.id()),
                        s.serviceArea().name(),
                        Csv.cell(s.serviceAreaDisplayName()),
                        s.category().name(),
                        Boolean.toString(s.required()),
                        Boolean.toString(s.expressRoute()),
                        e[0],
                        e[1],
                        s.tcpPorts().toString(),
                        s.udpPorts().toString(),
                        Csv.cell(s.notes()))));
            }
        }
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
