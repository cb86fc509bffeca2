package io.github.o365watch.cli;

import io.github.o365watch.app.Audit;
import io.github.o365watch.inspect.Flow;
import io.github.o365watch.inspect.Listed;
import io.github.o365watch.report.Csv;
import io.github.o365watch.report.Doc;
import io.github.o365watch.report.MarkdownRenderer;
import io.github.o365watch.text.Printable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** audit's findings as text, Markdown, JSON and CSV. */
final class AuditOutput {
    private AuditOutput() {}

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String verb(Flow.Action a) {
        return switch (a) {
            case DENIED -> "denied";
            case FAILED -> "failed";
            case ALLOWED -> "allowed";
            case UNKNOWN -> "logged";
        };
    }

    static String sets(List<Integer> ids) {
        return (ids.size() == 1 ? "set " : "sets ")
                + ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** {@code UDP 3478-3481 to 52.112.0.0/14 (set 11, Skype, Optimize) denied 1,204 times}. */
    static String sentence(Audit.Group g) {
        String what = (g.protocol() == Flow.Protocol.UNKNOWN
                        ? "traffic"
                        : g.protocol().name())
                + (g.ports().isEmpty() ? "" : " " + g.ports());
        return what + " to " + g.destination() + " (" + sets(g.setIds()) + ": " + g.serviceArea() + ", " + g.category()
                + ") " + verb(g.action()) + " " + count(g.count()) + (g.count() == 1 ? " time" : " times");
    }

    static String when(Audit.Group g) {
        return g.first().isEmpty()
                ? ""
                : g.first().equals(g.last())
                        ? "at " + Printable.line(g.first(), 60)
                        : "first " + Printable.line(g.first(), 60) + ", last " + Printable.line(g.last(), 60);
    }

    static final String FALLBACK_TITLE = "Teams media falling back to TCP: poor call quality";
    static final String FALLBACK_WHAT =
            "UDP to Teams media prefixes denied or failed while TCP 443 to the same prefix was allowed,"
                    + " from the same client";
    /** Clients named in a text or Markdown line; JSON and CSV name them all. */
    static final int CLIENTS_SHOWN = 10;

    /** {@code 52.112.0.0/14 (set 11: Skype, Optimize): 2 clients (10.0.0.5, 10.0.0.6); UDP denied or failed 3 times, TCP 443 allowed 2 times}. */
    static String fallback(Audit.Fallback f) {
        return f.prefix() + " (" + sets(f.setIds()) + ": " + f.serviceArea() + ", " + f.category() + "): " + clients(f)
                + "; UDP denied or failed "
                + count(f.udpBlocked()) + (f.udpBlocked() == 1 ? " time" : " times") + ", TCP 443 allowed "
                + count(f.tcpAllowed())
                + (f.tcpAllowed() == 1 ? " time" : " times");
    }

    private static String clients(Audit.Fallback f) {
        int n = f.clients().size();
        String shown = String.join(", ", f.clients().subList(0, Math.min(n, CLIENTS_SHOWN)));
        return count(n) + (n == 1 ? " client (" : " clients (") + shown
                + (n > CLIENTS_SHOWN ? " and " + count(n - CLIENTS_SHOWN) + " more" : "") + ")";
    }

    static final String RELAY_FAILURES = "Failures to Microsoft 365 media relays";
    static final String RELAY_FAILURES_WHAT =
            "Teams streams whose media path could not be set up (CQD), by building and subnet";
    static final String RELAY_TCP = "Teams media over TCP to relays listed for UDP";
    static final String RELAY_TCP_WHAT =
            "streams carried over TCP to a relay whose endpoint set lists UDP 3478-3481 (CQD): a firewall"
                    + " blocking UDP, poor call quality";

    /** {@code Main, 10.1.1.0: relay 52.112.1.1 (52.112.0.0/14, set 11: Skype, Optimize, UDP 3478-3481)}. */
    static String relay(Audit.RelayFinding f) {
        String where = (f.building().isEmpty() ? "no building" : f.building()) + ", "
                + (f.subnet().isEmpty() ? "no subnet" : f.subnet());
        String set = f.prefix().isEmpty()
                ? "listed by no endpoint set of this version"
                : f.prefix() + ", " + sets(f.setIds()) + ": " + f.serviceArea() + ", " + f.category()
                        + (f.udpPorts().isEmpty() ? "" : ", UDP " + f.udpPorts());
        return where + ": relay " + f.relay() + " (" + set + ")";
    }

    static String streams(long n) {
        return count(n) + (n == 1 ? " stream" : " streams");
    }

    static String text(Audit.Result r) {
        StringBuilder s = new StringBuilder();
        java.io.StringWriter sw = new java.io.StringWriter();
        java.io.PrintWriter w = new java.io.PrintWriter(sw);
        w.println("Audit against " + r.instance() + " " + r.version() + ":");
        if (!r.complete()) {
            w.println("Unreadable logs (" + r.unreadable().size() + "): nothing below covers them");
            r.unreadable().forEach(f -> w.println("  " + f.failure().orElseThrow()));
        }
        Table t = new Table("LOG", "FORMAT", "LINES", "FLOWS", "SKIPPED", "MALFORMED");
        r.files()
                .forEach(f -> t.row(
                        Printable.line(f.file(), 200),
                        f.format().id(),
                        count(f.lines()),
                        count(f.flows()),
                        count(f.skipped()),
                        count(f.malformed())));
        t.print(w, "  ");
        if (r.gaps().isEmpty()) {
            w.println(noGaps(r));
        } else {
            w.println("Rule gaps (" + r.gaps().size()
                    + "): Microsoft 365 traffic on ports its endpoint sets list, denied or failed");
            r.gaps().forEach(g -> w.println("  " + sentence(g) + (when(g).isEmpty() ? "" : "; " + when(g))));
        }
        if (!r.offPort().isEmpty()) {
            w.println("Off-port (" + r.offPort().size()
                    + "): Microsoft's addresses on ports no matching endpoint set lists");
            r.offPort()
                    .forEach(g -> w.println("  " + sentence(g) + (when(g).isEmpty() ? "" : "; " + when(g))
                            + (g.listedPorts().isEmpty() ? "" : "; its sets list " + g.listedPorts())));
        }
        if (!r.relayFailures().isEmpty()) {
            w.println(RELAY_FAILURES + " (" + r.relayFailures().size() + "): " + RELAY_FAILURES_WHAT);
            r.relayFailures()
                    .forEach(f -> w.println(
                            "  " + relay(f) + ": " + Printable.line(f.reason(), 120) + ": " + streams(f.streams())));
        }
        if (!r.relayTcp().isEmpty()) {
            w.println(RELAY_TCP + " (" + r.relayTcp().size() + "): " + RELAY_TCP_WHAT);
            r.relayTcp().forEach(f -> w.println("  " + relay(f) + ": " + streams(f.streams())));
        }
        if (!r.fallbacks().isEmpty()) {
            w.println(FALLBACK_TITLE + " (" + r.fallbacks().size() + "): " + FALLBACK_WHAT);
            r.fallbacks().forEach(f -> w.println("  " + fallback(f)));
        }
        w.println("Allowed flows to Microsoft 365: " + count(r.allowed()) + ". Flows to other destinations: "
                + elsewhere(r) + ".");
        problems(r, w);
        w.flush();
        return s.append(sw).toString();
    }

    /** "none" only for flows read, and only for all the logs when all were read. */
    private static String noGaps(Audit.Result r) {
        if (r.flows() == 0) {
            return "Rule gaps: not known: no flow was read.";
        }
        if (onlyCqd(r)) {
            return "Rule gaps: not known: only CQD exports were read, no firewall or proxy log.";
        }
        if (!r.complete()) {
            return "Rule gaps: none in the flows read; the unreadable logs above are not covered.";
        }
        return "Rule gaps: none; no Microsoft 365 traffic on a listed port was denied or failed.";
    }

    /** CQD rows are streams to relays, not flows through a firewall: they say nothing of rule gaps. */
    private static boolean onlyCqd(Audit.Result r) {
        return r.files().stream().allMatch(f -> f.format() == io.github.o365watch.inspect.LogFormat.CQD);
    }

    private static String elsewhere(Audit.Result r) {
        if (r.elsewhere().isEmpty()) {
            return "none";
        }
        return r.elsewhere().entrySet().stream()
                .map(e -> verb(e.getKey()) + " " + count(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static void problems(Audit.Result r, java.io.PrintWriter w) {
        if (r.files().stream().allMatch(f -> f.problems().isEmpty())) {
            return;
        }
        // as many as the reader keeps: the wording says so, so that no reader takes them for the only ones
        w.println("Malformed lines (counted above; up to the first "
                + io.github.o365watch.inspect.LogReader.MAX_PROBLEMS + " of each log here):");
        for (Audit.FileStats f : r.files()) {
            for (Listed.Problem p : f.problems()) {
                w.println("  " + Printable.line(f.file() + ":" + p.line(), 200) + "  " + p.reason() + "  "
                        + Printable.line(p.text(), 100));
            }
        }
    }

    static String markdown(Audit.Result r) {
        return MarkdownRenderer.render(doc(r));
    }

    /** The findings as a report document: the Markdown output renders it, as it renders every report. */
    static Doc doc(Audit.Result r) {
        Doc.Builder d = new Doc.Builder("Microsoft 365 traffic audit: " + r.instance() + " " + r.version());
        if (!r.complete()) {
            d.add(new Doc.Heading(2, "Unreadable logs (" + r.unreadable().size() + ")"));
            d.add(new Doc.Para("Nothing below covers them."));
            d.add(new Doc.Bullets(r.unreadable().stream()
                    .map(f -> cap(f.failure().orElseThrow(), 600))
                    .toList()));
        }
        d.add(new Doc.Table(
                List.of("Log", "Format", "Lines", "Flows", "Skipped", "Malformed"),
                r.files().stream()
                        .map(f -> List.of(
                                cap(f.file(), 200),
                                f.format().id(),
                                count(f.lines()),
                                count(f.flows()),
                                count(f.skipped()),
                                count(f.malformed())))
                        .toList(),
                List.of(),
                List.of(2, 3, 4, 5)));
        section(
                d,
                "Rule gaps",
                "Microsoft 365 traffic on ports its endpoint sets list, denied or failed.",
                r.gaps(),
                r.flows() == 0
                        ? "Not known: no flow was read."
                        : onlyCqd(r)
                                ? "Not known: only CQD exports were read, no firewall or proxy log."
                                : r.complete()
                                        ? "None."
                                        : "None in the flows read; the unreadable logs above are not covered.");
        section(d, "Off-port", "Microsoft's addresses on ports no matching endpoint set lists.", r.offPort(), "None.");
        List<String> listed = r.offPort().stream()
                .filter(g -> !g.listedPorts().isEmpty())
                .map(g -> g.destination() + ": its sets list " + g.listedPorts())
                .distinct()
                .toList();
        if (!listed.isEmpty()) {
            d.add(new Doc.Para("What the endpoint sets of these destinations do list:"));
            d.add(new Doc.Bullets(listed));
        }
        for (boolean failed : List.of(true, false)) {
            List<Audit.RelayFinding> list = failed ? r.relayFailures() : r.relayTcp();
            if (list.isEmpty()) {
                continue;
            }
            d.add(new Doc.Heading(2, (failed ? RELAY_FAILURES : RELAY_TCP) + " (" + list.size() + ")"));
            d.add(new Doc.Para((failed ? RELAY_FAILURES_WHAT : RELAY_TCP_WHAT) + "."));
            d.add(new Doc.Table(
                    List.of(
                            "Building",
                            "Subnet",
                            "Relay",
                            "Prefix",
                            "Sets",
                            "Category",
                            "UDP ports",
                            "Reason",
                            "Streams"),
                    list.stream()
                            .map(f -> List.of(
                                    cap(f.building(), 200),
                                    cap(f.subnet(), 200),
                                    f.relay(),
                                    f.prefix().isEmpty() ? "none" : f.prefix(),
                                    ids(f.setIds()),
                                    f.category(),
                                    f.udpPorts(),
                                    cap(f.reason(), 200),
                                    count(f.streams())))
                            .toList(),
                    List.of(2, 3),
                    List.of(8)));
        }
        if (!r.fallbacks().isEmpty()) {
            d.add(new Doc.Heading(2, FALLBACK_TITLE + " (" + r.fallbacks().size() + ")"));
            d.add(new Doc.Para(FALLBACK_WHAT + "."));
            d.add(new Doc.Table(
                    List.of(
                            "Prefix",
                            "Sets",
                            "Service",
                            "Category",
                            "Clients",
                            "UDP denied or failed",
                            "TCP 443 allowed"),
                    r.fallbacks().stream()
                            .map(f -> List.of(
                                    f.prefix(),
                                    ids(f.setIds()),
                                    f.serviceArea(),
                                    f.category().toString(),
                                    cap(clients(f), 600),
                                    count(f.udpBlocked()),
                                    count(f.tcpAllowed())))
                            .toList(),
                    List.of(0),
                    List.of(5, 6)));
        }
        d.add(new Doc.Para("Allowed flows to Microsoft 365: " + count(r.allowed()) + ". Flows to other destinations: "
                + elsewhere(r) + "."));
        return d.build();
    }

    private static void section(Doc.Builder d, String title, String what, List<Audit.Group> groups, String none) {
        d.add(new Doc.Heading(2, title + " (" + groups.size() + ")"));
        d.add(new Doc.Para(what));
        if (groups.isEmpty()) {
            d.add(new Doc.Para(none));
            return;
        }
        d.add(new Doc.Table(
                List.of(
                        "Protocol",
                        "Ports",
                        "Destination",
                        "Sets",
                        "Service",
                        "Category",
                        "Action",
                        "Count",
                        "First",
                        "Last"),
                groups.stream()
                        .map(g -> List.of(
                                g.protocol().toString(),
                                g.ports(),
                                g.destination(),
                                ids(g.setIds()),
                                g.serviceArea(),
                                g.category().toString(),
                                verb(g.action()),
                                count(g.count()),
                                cap(g.first(), 200),
                                cap(g.last(), 200)))
                        .toList(),
                List.of(2),
                List.of(7)));
    }

    private static String ids(java.util.Collection<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Log text, one line and at most {@code max} characters: a hostile log cannot make a cell a page long. */
    private static String cap(String s, int max) {
        return Printable.line(s, max);
    }

    static Map<String, Object> json(Audit.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance", r.instance().name());
        m.put("version", r.version().value());
        // false when a log could not be read: the gaps then speak only for the logs that were
        m.put("complete", r.complete());
        List<Object> files = new ArrayList<>();
        for (Audit.FileStats f : r.files()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("log", f.file());
            fm.put("format", f.format().id());
            fm.put("lines", f.lines());
            fm.put("flows", f.flows());
            fm.put("skipped", f.skipped());
            fm.put("other", f.other());
            fm.put("malformed", f.malformed());
            fm.put("readable", f.readable());
            f.failure().ifPresent(x -> fm.put("failure", x));
            // the first line malformed or of another kind, read or not: where to look first
            f.firstUnread()
                    .ifPresent(p ->
                            fm.put("firstUnread", Map.of("line", p.line(), "text", p.text(), "reason", p.reason())));
            List<Object> problems = new ArrayList<>();
            f.problems().forEach(p -> problems.add(Map.of("line", p.line(), "text", p.text(), "reason", p.reason())));
            fm.put("malformedLines", problems);
            files.add(fm);
        }
        m.put("logs", files);
        m.put("gaps", groups(r.gaps()));
        m.put("offPort", groups(r.offPort()));
        List<Object> fallbacks = new ArrayList<>();
        for (Audit.Fallback f : r.fallbacks()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("prefix", f.prefix());
            fm.put("sets", f.setIds());
            fm.put("serviceArea", f.serviceArea());
            fm.put("category", f.category().name());
            fm.put("clients", f.clients());
            fm.put("udpDeniedOrFailed", f.udpBlocked());
            fm.put("tcp443Allowed", f.tcpAllowed());
            fallbacks.add(fm);
        }
        m.put("tcpFallback", fallbacks);
        m.put("mediaRelayFailures", relays(r.relayFailures()));
        m.put("mediaRelayTcp", relays(r.relayTcp()));
        m.put("allowed", r.allowed());
        Map<String, Object> other = new LinkedHashMap<>();
        r.elsewhere().forEach((a, n) -> other.put(verb(a), n));
        m.put("otherDestinations", other);
        return m;
    }

    private static List<Object> relays(List<Audit.RelayFinding> list) {
        List<Object> out = new ArrayList<>();
        for (Audit.RelayFinding f : list) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("building", f.building());
            fm.put("subnet", f.subnet());
            fm.put("relay", f.relay());
            fm.put("prefix", f.prefix());
            fm.put("sets", f.setIds());
            fm.put("serviceArea", f.serviceArea());
            fm.put("category", f.category());
            fm.put("udpPorts", f.udpPorts());
            fm.put("reason", f.reason());
            fm.put("streams", f.streams());
            out.add(fm);
        }
        return out;
    }

    private static List<Object> groups(List<Audit.Group> groups) {
        List<Object> out = new ArrayList<>();
        for (Audit.Group g : groups) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("protocol", g.protocol().name());
            gm.put("ports", g.ports());
            gm.put("destination", g.destination());
            gm.put("sets", g.setIds());
            gm.put("serviceArea", g.serviceArea());
            gm.put("category", g.category().name());
            gm.put("action", verb(g.action()));
            gm.put("count", g.count());
            gm.put("first", g.first());
            gm.put("last", g.last());
            if (!g.listedPorts().isEmpty()) {
                gm.put("listedPorts", g.listedPorts());
            }
            out.add(gm);
        }
        return out;
    }

    static String csv(Audit.Result r) {
        StringBuilder s = new StringBuilder(Csv.row(List.of(
                "kind",
                "protocol",
                "ports",
                "destination",
                "sets",
                "serviceArea",
                "category",
                "action",
                "count",
                "first",
                "last",
                "client",
                "building",
                "subnet")));
        // a log that could not be read comes first, so that no reader takes the rows for all of it
        for (Audit.FileStats f : r.unreadable()) {
            String log = f.file().equals("-") ? "-" : Csv.cell(f.file());
            s.append(Csv.row(List.of(
                    "unreadable-log", "", "", log, "", "", "", "", Long.toString(f.unread()), "", "", "", "", "")));
        }
        for (String kind : List.of("gap", "off-port")) {
            for (Audit.Group g : kind.equals("gap") ? r.gaps() : r.offPort()) {
                s.append(Csv.row(List.of(
                        kind,
                        g.protocol().name(),
                        g.ports(),
                        g.destination(),
                        g.setIds().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                        g.serviceArea(),
                        g.category().name(),
                        verb(g.action()),
                        Long.toString(g.count()),
                        Csv.cell(g.first()),
                        Csv.cell(g.last()),
                        "",
                        "",
                        "")));
            }
        }
        // the clients of each prefix, one row each; their counts are the prefix's, in the JSON and text reports
        for (Audit.Fallback f : r.fallbacks()) {
            for (String client : f.clients()) {
                s.append(Csv.row(List.of(
                        "tcp-fallback",
                        "UDP",
                        "",
                        f.prefix(),
                        f.setIds().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                        f.serviceArea(),
                        f.category().name(),
                        "denied or failed",
                        "",
                        "",
                        "",
                        client,
                        "",
                        "")));
            }
        }
        // CQD: the reason in action, the streams in count
        for (boolean failed : List.of(true, false)) {
            for (Audit.RelayFinding f : failed ? r.relayFailures() : r.relayTcp()) {
                s.append(Csv.row(List.of(
                        failed ? "relay-failure" : "relay-tcp",
                        failed ? "" : "TCP",
                        f.udpPorts(),
                        f.relay(),
                        f.setIds().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                        f.serviceArea(),
                        f.category(),
                        Csv.cell(failed ? f.reason() : "tcp"),
                        Long.toString(f.streams()),
                        "",
                        "",
                        "",
                        Csv.cell(f.building()),
                        Csv.cell(f.subnet()))));
            }
        }
        return s.toString();
    }
}
