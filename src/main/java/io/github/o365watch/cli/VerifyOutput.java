package io.github.o365watch.cli;

import io.github.o365watch.app.DenyCheck;
import io.github.o365watch.app.Verify;
import io.github.o365watch.inspect.Listed;
import io.github.o365watch.report.Csv;
import io.github.o365watch.report.Doc;
import io.github.o365watch.report.MarkdownRenderer;
import io.github.o365watch.text.Printable;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** verify's findings as text, JSON and JUnit XML. */
final class VerifyOutput {
    private VerifyOutput() {}

    /** A share rounded down, so that 99.96% never shows as 100%. */
    static String percent(BigInteger part, BigInteger whole) {
        if (whole.signum() == 0) {
            return "-";
        }
        BigInteger tenths = part.multiply(BigInteger.valueOf(1000)).divide(whole);
        return tenths.remainder(BigInteger.TEN).signum() == 0
                ? tenths.divide(BigInteger.TEN) + "%"
                : tenths.divide(BigInteger.TEN) + "." + tenths.remainder(BigInteger.TEN) + "%";
    }

    /** A family's share, or why there is none: nothing selected, or no file's format holds the family. */
    static String addresses(BigInteger covered, BigInteger selected, boolean expressible) {
        return selected.signum() == 0 ? "-" : expressible ? percent(covered, selected) : "not expressible";
    }

    /** The share of the hostnames the formats can hold, with the count of those they cannot. */
    static String hosts(Verify.Coverage c) {
        if (c.hosts() == 0) {
            return "-";
        }
        int compared = c.hosts() - c.hostsNotExpressible();
        if (compared == 0) {
            return "not expressible (" + c.hostsNotExpressible() + ")";
        }
        return percent(BigInteger.valueOf(c.hostsCovered()), BigInteger.valueOf(compared)) + " (" + c.hostsCovered()
                + " of " + compared + ")"
                + (c.hostsNotExpressible() == 0 ? "" : "; " + c.hostsNotExpressible() + " not expressible");
    }

    /**
     * Not expressible, for people: addresses counted per category, family and reason, hostnames
     * too when no file holds any (an nftables file's list would be every selected name); the
     * names a format holds in part (exact names only) one by one. The JSON lists every entry.
     */
    static List<String[]> notExpressibleRows(Verify.Result r) {
        boolean noHostnames =
                r.files().stream().allMatch(f -> f.holds().hostnames() == io.github.o365watch.render.HostSupport.NONE);
        Map<String, String[]> rows = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Verify.NotExpressible n : r.notExpressible()) {
            if (!n.address() && !noHostnames) {
                rows.put(
                        "\1" + rows.size(),
                        new String[] {n.entry(), n.category().toString(), n.reason()});
                continue;
            }
            String kind = !n.address() ? "hostname" : n.entry().indexOf(':') >= 0 ? "IPv6 prefix" : "IPv4 prefix";
            String key = n.category() + "\0" + kind + "\0" + n.reason();
            counts.merge(key, 1, Integer::sum);
            rows.put(key, new String[] {kind, n.category().toString(), n.reason()});
        }
        List<String[]> out = new ArrayList<>();
        rows.forEach((k, row) -> {
            Integer n = counts.get(k);
            out.add(
                    n == null
                            ? row
                            : new String[] {
                                n + " " + row[0] + (n == 1 ? "" : row[0].endsWith("x") ? "es" : "s"), row[1], row[2]
                            });
        });
        return out;
    }

    static String origins(List<Verify.Origin> origins) {
        return origins.stream()
                .map(o ->
                        "set " + o.setId() + " " + o.serviceArea() + (o.ports().isEmpty() ? "" : " " + o.ports()))
                .collect(Collectors.joining("; "));
    }

    static String text(Verify.Result r, String selectionFrom) {
        StringWriter s = new StringWriter();
        var w = new java.io.PrintWriter(s);
        w.println("Verified against " + r.instance() + " " + r.version() + " (selection "
                + Printable.line(selectionFrom, 300) + "):");
        Table files = new Table("FILE", "FORMAT", "HOLDS", "ADDRESSES", "HOSTNAMES", "PROBLEMS");
        r.files()
                .forEach(f -> files.row(
                        Printable.line(f.file().toString(), 300),
                        f.format().id(),
                        f.holds().describe(),
                        f.addresses(),
                        f.hosts(),
                        f.problems().size()));
        files.print(w, "  ");
        w.println("Coverage (share of the selected entries the files' formats can hold that the files permit):");
        Table cov = new Table("CATEGORY", "IPV4 ADDRESSES", "IPV6 ADDRESSES", "HOSTNAMES");
        r.coverage()
                .forEach(c -> cov.row(
                        c.category(),
                        addresses(c.ipv4Covered(), c.ipv4(), c.ipv4Expressible()),
                        addresses(c.ipv6Covered(), c.ipv6(), c.ipv6Expressible()),
                        hosts(c)));
        cov.print(w, "  ");
        if (r.missing().isEmpty()) {
            w.println(
                    r.notExpressible().isEmpty()
                            ? "Missing: nothing; every selected address and hostname is permitted."
                            : "Missing: nothing; every selected entry the files' formats can hold is permitted.");
        } else {
            w.println("Missing (" + r.missing().size() + "): selected, not permitted by the files");
            Table t = new Table("ENTRY", "CATEGORY", "FROM");
            r.missing().forEach(m -> t.row(m.entry(), m.category(), origins(m.origins())));
            t.print(w, "  ");
        }
        if (!r.notExpressible().isEmpty()) {
            w.println("Not expressible in these formats (" + r.notExpressible().size()
                    + "): selected, but no file's format can hold them;" + " not counted as missing");
            Table t = new Table("ENTRY", "CATEGORY", "WHY");
            notExpressibleRows(r).forEach(row -> t.row((Object[]) row));
            t.print(w, "  ");
        }
        if (r.extra().isEmpty()) {
            w.println("Extra: nothing; every entry belongs to a current endpoint set (or a local override).");
        } else {
            w.println("Extra (" + r.extra().size() + "): listed in the files, in no current endpoint set");
            Table t = new Table("WHERE", "ENTRY", "WHY");
            r.extra()
                    .forEach(e -> t.row(
                            Printable.line(e.file().getFileName() + ":" + e.line(), 300),
                            Printable.line(e.entry(), 200),
                            e.detail()));
            t.print(w, "  ");
        }
        boolean problems = r.files().stream().anyMatch(f -> !f.problems().isEmpty());
        if (problems) {
            w.println("Problems (the entry is left out of the comparison unless the reason says how it was read):");
            for (Verify.FileRead f : r.files()) {
                for (Listed.Problem p : f.problems()) {
                    w.println("  " + Printable.line(f.file().getFileName() + ":" + p.line(), 300) + "  "
                            + Printable.line(p.text(), 120) + "  " + p.reason());
                }
            }
        }
        w.flush();
        return s.toString();
    }

    static Map<String, Object> json(Verify.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance", r.instance().name());
        m.put("version", r.version().value());
        m.put("complete", r.complete());
        List<Object> files = new ArrayList<>();
        for (Verify.FileRead f : r.files()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("file", f.file().toString());
            fm.put("format", f.format().id());
            Map<String, Object> holds = new LinkedHashMap<>();
            holds.put("ipv4", f.holds().ipv4());
            holds.put("ipv6", f.holds().ipv6());
            holds.put("hostnames", f.holds().hostnames().name().toLowerCase(java.util.Locale.ROOT));
            holds.put(
                    "only",
                    f.holds()
                            .only()
                            .map(o -> o.name().toLowerCase(java.util.Locale.ROOT))
                            .orElse(null));
            fm.put("holds", holds);
            fm.put("addresses", f.addresses());
            fm.put("hostnames", f.hosts());
            List<Object> problems = new ArrayList<>();
            f.problems().forEach(p -> problems.add(Map.of("line", p.line(), "text", p.text(), "reason", p.reason())));
            fm.put("problems", problems);
            files.add(fm);
        }
        m.put("files", files);
        List<Object> coverage = new ArrayList<>();
        for (Verify.Coverage c : r.coverage()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("category", c.category().name());
            cm.put("ipv4Addresses", c.ipv4().toString());
            cm.put("ipv4Covered", c.ipv4Covered().toString());
            cm.put("ipv4Expressible", c.ipv4Expressible());
            cm.put("ipv6Addresses", c.ipv6().toString());
            cm.put("ipv6Covered", c.ipv6Covered().toString());
            cm.put("ipv6Expressible", c.ipv6Expressible());
            cm.put("hostnames", c.hosts());
            cm.put("hostnamesCovered", c.hostsCovered());
            cm.put("hostnamesNotExpressible", c.hostsNotExpressible());
            coverage.add(cm);
        }
        m.put("coverage", coverage);
        List<Object> missing = new ArrayList<>();
        for (Verify.Missing x : r.missing()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("entry", x.entry());
            mm.put("kind", x.address() ? "address" : "hostname");
            mm.put("category", x.category().name());
            mm.put("from", from(x.origins()));
            missing.add(mm);
        }
        m.put("missing", missing);
        List<Object> notExpressible = new ArrayList<>();
        for (Verify.NotExpressible x : r.notExpressible()) {
            Map<String, Object> nm = new LinkedHashMap<>();
            nm.put("entry", x.entry());
            nm.put("kind", x.address() ? "address" : "hostname");
            nm.put("category", x.category().name());
            nm.put("reason", x.reason());
            nm.put("from", from(x.origins()));
            notExpressible.add(nm);
        }
        m.put("notExpressible", notExpressible);
        List<Object> extra = new ArrayList<>();
        r.extra()
                .forEach(e -> extra.add(Map.of(
                        "file", e.file().toString(), "line", e.line(), "entry", e.entry(), "detail", e.detail())));
        m.put("extra", extra);
        return m;
    }

    private static List<Object> from(List<Verify.Origin> origins) {
        List<Object> from = new ArrayList<>();
        origins.forEach(o -> from.add(Map.of(
                "set",
                o.setId(),
                "serviceArea",
                o.serviceArea(),
                "category",
                o.category().name(),
                "ports",
                o.ports())));
        return from;
    }

    /**
     * One test case per category (failed when something of it is missing), one skipped for what
     * the files' formats cannot hold (when there is some), and one for the extra entries (never failed).
     */
    static String junit(Verify.Result r) {
        List<JUnitXml.Case> cases = new ArrayList<>();
        for (Verify.Coverage c : r.coverage()) {
            List<Verify.Missing> missing = r.missing().stream()
                    .filter(m -> m.category().equals(c.category()))
                    .toList();
            cases.add(
                    missing.isEmpty()
                            ? JUnitXml.Case.passed(c.category().name(), null)
                            : JUnitXml.Case.failed(
                                    c.category().name(),
                                    "Missing",
                                    missing.size() + " selected " + (missing.size() == 1 ? "entry" : "entries")
                                            + " not permitted; IPv4 "
                                            + addresses(c.ipv4Covered(), c.ipv4(), c.ipv4Expressible()) + ", IPv6 "
                                            + addresses(c.ipv6Covered(), c.ipv6(), c.ipv6Expressible()) + ", hostnames "
                                            + hosts(c),
                                    missing.stream()
                                            .map(m -> m.entry() + "  " + origins(m.origins()))
                                            .collect(Collectors.joining("\n", "", "\n"))));
        }
        if (!r.notExpressible().isEmpty()) {
            cases.add(JUnitXml.Case.skipped(
                    "not expressible",
                    r.notExpressible().size() + " selected "
                            + (r.notExpressible().size() == 1 ? "entry" : "entries")
                            + " no file's format can hold; not counted as missing",
                    r.notExpressible().stream()
                            .map(n -> n.entry() + "  " + n.category() + "  " + n.reason())
                            .collect(Collectors.joining("\n", "", "\n"))));
        }
        cases.add(JUnitXml.Case.passed(
                "extra entries",
                r.extra().stream()
                        .map(e -> Printable.line(e.file().getFileName() + ":" + e.line() + "  " + e.entry(), 300) + "  "
                                + e.detail())
                        .collect(Collectors.joining("\n", "", r.extra().isEmpty() ? "" : "\n"))));
        return JUnitXml.suite("o365watch verify " + r.instance() + " " + r.version(), "o365watch.verify", cases);
    }

    /** What the deny lists block: per selected hostname of the selection, the entry and file that block it. */
    static String denyText(DenyCheck.Result d) {
        StringBuilder b = new StringBuilder();
        b.append("Deny lists read:\n");
        for (DenyCheck.FileRead f : d.files()) {
            b.append("  ")
                    .append(f.file())
                    .append(": ")
                    .append(io.github.o365watch.domain.Plural.of(f.entries(), "blocked name", "blocked names"))
                    .append(" (")
                    .append(f.forms().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(")\n");
        }
        if (d.blocked().isEmpty()) {
            b.append("Blocked: nothing; no selected hostname is blocked by these lists.\n");
            return b.toString();
        }
        long required = d.blocked().stream()
                .filter(x -> x.set().required())
                .map(DenyCheck.Blocked::host)
                .distinct()
                .count();
        b.append("Blocked (")
                .append(d.blocked().stream()
                        .map(DenyCheck.Blocked::host)
                        .distinct()
                        .count())
                .append(" selected hostnames, ")
                .append(required)
                .append(" of required sets):\n");
        Table t = new Table("HOSTNAME", "SET", "SERVICE", "CATEGORY", "REQUIRED", "HOW", "BLOCKED BY");
        for (DenyCheck.Blocked x : d.blocked()) {
            t.row(
                    x.host().pattern(),
                    x.set().id(),
                    x.set().serviceArea(),
                    x.set().category(),
                    x.set().required() ? "yes" : "no",
                    how(x.how()),
                    Printable.line(x.file().getFileName() + ":" + x.by().line() + "  " + x.by().text(), 200));
        }
        java.io.StringWriter w = new java.io.StringWriter();
        java.io.PrintWriter pw = new java.io.PrintWriter(w);
        t.print(pw, "  ");
        pw.flush();
        return b.append(w).toString();
    }

    private static String how(DenyCheck.How h) {
        return switch (h) {
            case EXACT -> "the name";
            case PARENT -> "a parent domain";
            case SOME_NAMES -> "some names under the wildcard";
        };
    }

    static Map<String, Object> denyJson(DenyCheck.Result d) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(
                "files",
                d.files().stream()
                        .map(f -> Map.of("file", f.file().toString(), "entries", f.entries(), "forms", f.forms()))
                        .toList());
        m.put(
                "blocked",
                d.blocked().stream()
                        .map(x -> {
                            Map<String, Object> e = new java.util.LinkedHashMap<>();
                            e.put("hostname", x.host().pattern());
                            e.put("endpointSetId", x.set().id());
                            e.put("serviceArea", x.set().serviceArea().name());
                            e.put("category", x.set().category().name());
                            e.put("required", x.set().required());
                            e.put(
                                    "how",
                                    x.how()
                                            .name()
                                            .toLowerCase(java.util.Locale.ROOT)
                                            .replace('_', '-'));
                            e.put("file", x.file().toString());
                            e.put("line", x.by().line());
                            e.put("entry", Printable.line(x.by().text(), 300));
                            return e;
                        })
                        .toList());
        m.put("requiredClear", d.requiredClear());
        return m;
    }

    /** One test case per selected hostname of a required set that a list blocks (failed), and one for the rest. */
    static String denyJunit(DenyCheck.Result d) {
        List<JUnitXml.Case> cases = new ArrayList<>();
        Map<String, List<DenyCheck.Blocked>> byHost = new java.util.TreeMap<>();
        d.blocked().stream()
                .filter(x -> x.set().required())
                .forEach(x -> byHost.computeIfAbsent(x.host().pattern(), k -> new ArrayList<>())
                        .add(x));
        byHost.forEach((host, xs) -> cases.add(JUnitXml.Case.failed(
                host,
                "Blocked",
                "a required hostname is blocked",
                xs.stream()
                        .map(x -> "set " + x.set().id() + "  " + x.file().getFileName() + ":" + x.by().line() + "  "
                                + Printable.line(x.by().text(), 200))
                        .collect(Collectors.joining("\n", "", "\n")))));
        long others = d.blocked().stream()
                .filter(x -> !x.set().required())
                .map(DenyCheck.Blocked::host)
                .distinct()
                .count();
        cases.add(JUnitXml.Case.passed(
                "not required",
                io.github.o365watch.domain.Plural.of((int) others, "blocked hostname", "blocked hostnames")
                        + " of sets not marked required"));
        return JUnitXml.suite("o365watch verify deny lists", "o365watch.verify.deny", cases);
    }

    /** The deny lists' findings as Markdown, rendered from a report document as every report is. */
    static String denyMarkdown(DenyCheck.Result d) {
        Doc.Builder doc = new Doc.Builder("Deny lists against the selection");
        doc.add(new Doc.Bullets(d.files().stream()
                .map(f -> Printable.line(f.file().toString(), 300) + ": "
                        + io.github.o365watch.domain.Plural.of(f.entries(), "blocked name", "blocked names"))
                .toList()));
        doc.add(new Doc.Heading(2, "Blocked (" + d.blocked().size() + ")"));
        if (d.blocked().isEmpty()) {
            doc.add(new Doc.Para("No selected hostname is blocked by these lists."));
            return MarkdownRenderer.render(doc.build());
        }
        doc.add(new Doc.Table(
                List.of("Hostname", "Set", "Service", "Category", "Required", "How", "Blocked by"),
                d.blocked().stream()
                        .map(x -> List.of(
                                x.host().pattern(),
                                Integer.toString(x.set().id()),
                                x.set().serviceArea().toString(),
                                x.set().category().toString(),
                                x.set().required() ? "yes" : "no",
                                how(x.how()),
                                Printable.line(
                                        x.file().getFileName() + ":" + x.by().line() + " " + x.by().text(), 300)))
                        .toList(),
                List.of(0),
                List.of(1)));
        return MarkdownRenderer.render(doc.build());
    }

    /** One row per blocked hostname and entry; every cell a CSV text cell, as audit's CSV is. */
    static String denyCsv(DenyCheck.Result d) {
        StringBuilder s = new StringBuilder(Csv.row(List.of(
                "hostname", "endpointSetId", "serviceArea", "category", "required", "how", "file", "line", "entry")));
        for (DenyCheck.Blocked x : d.blocked()) {
            s.append(Csv.row(List.of(
                    x.host().pattern(),
                    Integer.toString(x.set().id()),
                    x.set().serviceArea().name(),
                    x.set().category().name(),
                    Boolean.toString(x.set().required()),
                    x.how().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    Csv.cell(x.file().toString()),
                    Integer.toString(x.by().line()),
                    Csv.cell(Printable.line(x.by().text(), 300)))));
        }
        return s.toString();
    }
}
