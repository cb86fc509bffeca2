package io.github.o365watch.cli;

import io.github.o365watch.app.Verify;
import io.github.o365watch.domain.net.Printable;
import io.github.o365watch.inspect.Listed;
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
        return tenths.remainder(BigInteger.TEN).signum() == 0 ? tenths.divide(BigInteger.TEN) + "%"
                : tenths.divide(BigInteger.TEN) + "." + tenths.remainder(BigInteger.TEN) + "%";
    }

    static String hosts(Verify.Coverage c) {
        return c.hosts() == 0 ? "-" : percent(BigInteger.valueOf(c.hostsCovered()), BigInteger.valueOf(c.hosts())) + " (" + c.hostsCovered()
                + " of " + c.hosts() + ")";
    }

    static String origins(List<Verify.Origin> origins) {
        return origins.stream().map(o -> "set " + o.setId() + " " + o.serviceArea() + (o.ports().isEmpty() ? "" : " " + o.ports()))
                .collect(Collectors.joining("; "));
    }

    static String text(Verify.Result r, String selectionFrom) {
        StringWriter s = new StringWriter();
        var w = new java.io.PrintWriter(s);
        w.println("Verified against " + r.instance() + " " + r.version() + " (selection " + Printable.line(selectionFrom, 300) + "):");
        Table files = new Table("FILE", "FORMAT", "ADDRESSES", "HOSTNAMES", "PROBLEMS");
        r.files().forEach(f -> files.row(Printable.line(f.file().toString(), 300), f.format().id(), f.addresses(), f.hosts(), f.problems().size()));
        files.print(w, "  ");
        w.println("Coverage (share of the selected entries the files permit):");
        Table cov = new Table("CATEGORY", "IPV4 ADDRESSES", "IPV6 ADDRESSES", "HOSTNAMES");
        r.coverage().forEach(c -> cov.row(c.category(), percent(c.ipv4Covered(), c.ipv4()), percent(c.ipv6Covered(), c.ipv6()), hosts(c)));
        cov.print(w, "  ");
        if (r.missing().isEmpty()) {
            w.println("Missing: nothing; every selected address and hostname is permitted.");
        } else {
            w.println("Missing (" + r.missing().size() + "): selected, not permitted by the files");
            Table t = new Table("ENTRY", "CATEGORY", "FROM");
            r.missing().forEach(m -> t.row(m.entry(), m.category(), origins(m.origins())));
            t.print(w, "  ");
        }
        if (r.extra().isEmpty()) {
            w.println("Extra: nothing; every entry belongs to a current endpoint set (or a local override).");
        } else {
            w.println("Extra (" + r.extra().size() + "): listed in the files, in no current endpoint set");
            Table t = new Table("WHERE", "ENTRY", "WHY");
            r.extra().forEach(e -> t.row(Printable.line(e.file().getFileName() + ":" + e.line(), 300), Printable.line(e.entry(), 200), e.detail()));
            t.print(w, "  ");
        }
        boolean problems = r.files().stream().anyMatch(f -> !f.problems().isEmpty());
        if (problems) {
            w.println("Problems (the entry is left out of the comparison unless the reason says how it was read):");
            for (Verify.FileRead f : r.files()) {
                for (Listed.Problem p : f.problems()) {
                    w.println("  " + Printable.line(f.file().getFileName() + ":" + p.line(), 300) + "  " + Printable.line(p.text(), 120) + "  "
                            + p.reason());
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
            cm.put("ipv6Addresses", c.ipv6().toString());
            cm.put("ipv6Covered", c.ipv6Covered().toString());
            cm.put("hostnames", c.hosts());
            cm.put("hostnamesCovered", c.hostsCovered());
            coverage.add(cm);
        }
        m.put("coverage", coverage);
        List<Object> missing = new ArrayList<>();
        for (Verify.Missing x : r.missing()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("entry", x.entry());
            mm.put("kind", x.address() ? "address" : "hostname");
            mm.put("category", x.category().name());
            List<Object> from = new ArrayList<>();
            x.origins().forEach(o -> from.add(Map.of("set", o.setId(), "serviceArea", o.serviceArea(), "category", o.category().name(),
                    "ports", o.ports())));
            mm.put("from", from);
            missing.add(mm);
        }
        m.put("missing", missing);
        List<Object> extra = new ArrayList<>();
        r.extra().forEach(e -> extra.add(Map.of("file", e.file().toString(), "line", e.line(), "entry", e.entry(), "detail", e.detail())));
        m.put("extra", extra);
        return m;
    }

    /** One test case per category (failed when something of it is missing), and one for the extra entries (never failed). */
    static String junit(Verify.Result r) {
        List<JUnitXml.Case> cases = new ArrayList<>();
        for (Verify.Coverage c : r.coverage()) {
            List<Verify.Missing> missing = r.missing().stream().filter(m -> m.category().equals(c.category())).toList();
            cases.add(missing.isEmpty() ? JUnitXml.Case.passed(c.category().name(), null)
                    : JUnitXml.Case.failed(c.category().name(), "Missing", missing.size() + " selected " + (missing.size() == 1 ? "entry" : "entries")
                            + " not permitted; IPv4 " + percent(c.ipv4Covered(), c.ipv4()) + ", IPv6 " + percent(c.ipv6Covered(), c.ipv6())
                            + ", hostnames " + hosts(c),
                            missing.stream().map(m -> m.entry() + "  " + origins(m.origins())).collect(Collectors.joining("\n", "", "\n"))));
        }
        cases.add(JUnitXml.Case.passed("extra entries", r.extra().stream()
                .map(e -> Printable.line(e.file().getFileName() + ":" + e.line() + "  " + e.entry(), 300) + "  " + e.detail())
                .collect(Collectors.joining("\n", "", r.extra().isEmpty() ? "" : "\n"))));
        return JUnitXml.suite("o365watch verify " + r.instance() + " " + r.version(), "o365watch.verify", cases);
    }
}
