package io.github.o365watch.report;

import io.github.o365watch.diff.AttributeChange;
import io.github.o365watch.diff.ChangeSet;
import io.github.o365watch.diff.Counts;
import io.github.o365watch.diff.CrossCheck;
import io.github.o365watch.diff.Disagreement;
import io.github.o365watch.diff.ElementChange;
import io.github.o365watch.diff.Flag;
import io.github.o365watch.diff.HostChanges;
import io.github.o365watch.diff.Notice;
import io.github.o365watch.diff.Review;
import io.github.o365watch.diff.SetChange;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.net.AddressCounts;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.PrefixSet;
import io.github.o365watch.report.Doc.Bullets;
import io.github.o365watch.report.Doc.Heading;
import io.github.o365watch.report.Doc.Para;
import io.github.o365watch.report.Doc.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of a change report, in the order a reviewer reads it: summary, flags, pending
 * items with dates, the cross-check, the firewall's view, then details per service area.
 */
public final class ReportBuilder {
    /** What a cosmetic change touches; such changes are listed, never flagged or cross-checked. */
    public static final String COSMETIC = "display name or notes (cosmetic)";

    private ReportBuilder() {}

    public static String title(ChangeSet c) {
        return "Microsoft 365 endpoint changes: " + c.instance() + " " + c.from() + " to " + c.to();
    }

    /** The whole report; {@code charts} adds the chart blocks (HTML). */
    public static Doc build(ReportData data, boolean charts) {
        Review r = data.review();
        ChangeSet c = r.changes();
        Doc.Builder doc = new Doc.Builder(title(c));
        doc.add(new Para("Compares " + c.from() + " (published " + Phrases.date(c.from()) + ") with " + c.to()
                + " (published "
                + Phrases.date(c.to()) + ") of the " + c.instance().displayName()
                + " instance. Pending and active as of "
                + r.today() + "."));
        summary(doc, r, charts);
        flags(doc, r);
        summarised(doc, data);
        held(doc, data);
        pending(doc, r);
        crossCheck(doc, r);
        firewallView(doc, c);
        details(doc, r);
        if (charts && data.history().size() > 1) {
            doc.add(new Heading(2, "History"));
            doc.add(new Doc.LineChart(
                    "Distinct prefixes and hostnames in each stored version",
                    data.history().stream().map(h -> h.version().value()).toList(),
                    "prefixes",
                    data.history().stream().map(HistoryPoint::prefixes).toList(),
                    "hostnames",
                    data.history().stream().map(HistoryPoint::hostnames).toList()));
        }
        return doc.build();
    }

    /** The short form for a feed item or a notification: summary, flags and pending only. */
    public static Doc brief(ReportData data) {
        Review r = data.review();
        Doc.Builder doc = new Doc.Builder(title(r.changes()));
        summary(doc, r, false);
        flags(doc, r);
        pending(doc, r);
        return doc.build();
    }

    static void summary(Doc.Builder doc, Review r, boolean charts) {
        ChangeSet c = r.changes();
        doc.add(new Heading(2, "Summary"));
        if (c.isEmpty()) {
            doc.add(new Para("No differences: every endpoint set is the same in both versions."));
        }
        long added = c.sets().stream().filter(s -> s instanceof SetChange.Added).count();
        long removed =
                c.sets().stream().filter(s -> s instanceof SetChange.Removed).count();
        long modified = c.sets().size() - added - removed;
        List<ElementChange> elements = c.elements();
        long plus = elements.stream()
                .filter(e -> e.direction() == ElementChange.Direction.ADDED)
                .count();
        List<String> items = new ArrayList<>();
        long cosmetic = c.sets().stream().filter(SetChange::cosmeticOnly).count();
        items.add("Endpoint sets: " + c.sets().size() + " changed ("
                + added + " added, " + removed + " removed, " + modified + " modified"
                + (cosmetic == 0 ? "" : ", " + cosmetic + " of them only in " + COSMETIC) + "); "
                + Phrases.plural(plus, "entry", "entries") + " added, " + (elements.size() - plus) + " removed.");
        items.add("Address space: " + addressSummary(c) + ".");
        HostChanges h = c.hosts();
        items.add("Hostnames: " + h.listed().size() + " newly listed, "
                + h.unlisted().size() + " no longer listed, " + h.moved().size() + " moved between sets.");
        items.add("Microsoft's change records: " + recordsSummary(r) + ".");
        items.add("Review flags: " + (r.flags().isEmpty() ? "none" : r.flags().size() + " (see Flags)") + ".");
        List<Notice> pending = r.pending();
        items.add("Pending: "
                + (pending.isEmpty()
                        ? "no addition waits for its effective date"
                        : Phrases.plural(pending.size(), "addition takes", "additions take") + " effect after "
                                + r.today() + ", the first on "
                                + pending.get(0).effectiveDate().orElseThrow() + " (see Pending)")
                + ".");
        doc.add(new Bullets(items));
        if (!c.isEmpty()) {
            counts(doc, "Changes per service area", "Service area", c.byServiceArea());
            counts(doc, "Changes per category", "Category", c.byCategory());
            if (charts) {
                Map<ServiceArea, Counts> m = c.byServiceArea();
                doc.add(new Doc.BarChart(
                        "Entries added and removed per service area",
                        m.keySet().stream().map(ServiceArea::name).toList(),
                        "added",
                        m.values().stream().map(Counts::elementsAdded).toList(),
                        "removed",
                        m.values().stream().map(Counts::elementsRemoved).toList()));
            }
        }
    }

    /** The figures each published file states in its header, the same sentence (a sync's report only). */
    private static void summarised(Doc.Builder doc, ReportData data) {
        if (data.summarised().isEmpty()) {
            return;
        }
        doc.add(new Heading(2, "Summarised lists"));
        doc.add(
                new Para(
                        "These outputs hold summarised lists (the target's maxEntries): fewer prefixes, admitting addresses"
                                + " Microsoft does not list, within the target's maxExtraPercent and never broader than the guard's prefix lengths."));
        List<List<String>> rows = new ArrayList<>();
        data.summarised().forEach((file, figures) -> figures.forEach(w -> rows.add(List.of(file, w.describe()))));
        doc.add(new Table(List.of("File", "What summarising admitted"), rows, List.of(0)));
    }

    /** Entries this version removed that the site keeps for a while (a sync's report only). */
    private static void held(Doc.Builder doc, ReportData data) {
        if (data.held().isEmpty()) {
            return;
        }
        doc.add(new Heading(2, "Held removals"));
        doc.add(new Para(
                "Microsoft no longer lists these entries; the outputs keep them until the day given (selection.holdRemovalsDays),"
                        + " marked in the files' comments, and then leave them out."));
        List<List<String>> rows = new ArrayList<>();
        data.held().forEach(h -> rows.add(List.of(h.entry(), h.category(), "set " + h.setId(), h.until())));
        doc.add(new Table(List.of("Entry", "Category", "Listed by", "Kept until"), rows, List.of(0)));
    }

    private static <K> void counts(Doc.Builder doc, String title, String key, Map<K, Counts> m) {
        List<List<String>> rows = new ArrayList<>();
        m.forEach((k, v) -> rows.add(List.of(
                k.toString(),
                Integer.toString(v.setsAdded()),
                Integer.toString(v.setsRemoved()),
                Integer.toString(v.setsModified()),
                Integer.toString(v.elementsAdded()),
                Integer.toString(v.elementsRemoved()))));
        doc.add(new Para(title + ":"));
        doc.add(new Table(
                List.of(key, "Sets added", "Sets removed", "Sets modified", "Entries added", "Entries removed"),
                rows,
                List.of()));
    }

    static String addressSummary(ChangeSet c) {
        List<String> parts = new ArrayList<>();
        for (Family f : Family.values()) {
            PrefixSet plus = c.addresses().listed();
            PrefixSet minus = c.addresses().unlisted();
            int p = plus.prefixes(f).size();
            int m = minus.prefixes(f).size();
            if (p + m > 0) {
                parts.add(f.label() + " " + describe(p, plus, f) + " newly listed, " + describe(m, minus, f)
                        + " no longer listed");
            }
        }
        String space = parts.isEmpty() ? "unchanged" : String.join("; ", parts);
        int moved = c.addresses().stillListed().size()
                + c.addresses().alreadyListed().size();
        return moved == 0
                ? space
                : space + "; " + Phrases.plural(moved, "prefix entry", "prefix entries")
                        + " moved between sets or re-split without changing the address space";
    }

    private static String describe(int prefixes, PrefixSet set, Family f) {
        String s = Phrases.plural(prefixes, "prefix", "prefixes");
        return f == Family.IPV4 && prefixes > 0 ? s + " (" + AddressCounts.words(f, set.addressCount(f)) + ")" : s;
    }

    static String recordsSummary(Review r) {
        if (!r.records().available()) {
            return "none for this range, so no cross-check: "
                    + r.records().unavailable().orElseThrow();
        }
        int n = r.records().records().size();
        CrossCheck x = r.crossCheck();
        return Phrases.plural(n, "record", "records") + " in this range; cross-check: "
                + (x.disagreements().isEmpty()
                        ? "the snapshots agree with them"
                        : Phrases.plural(x.disagreements().size(), "disagreement", "disagreements")
                                + " (see Cross-check)");
    }

    static void flags(Doc.Builder doc, Review r) {
        if (r.flags().isEmpty()) {
            return;
        }
        doc.add(new Heading(2, "Flags"));
        List<List<String>> rows = new ArrayList<>();
        for (Flag f : r.flags()) {
            rows.add(List.of(f.kind().label(), Integer.toString(f.setId()), f.subject(), f.reason()));
        }
        doc.add(new Table(List.of("Flag", "Set", "What", "Why"), rows, List.of(2)));
    }

    static void pending(Doc.Builder doc, Review r) {
        List<Notice> pending = r.pending();
        List<Notice> undated = r.undated();
        if (pending.isEmpty() && undated.isEmpty()) {
            return;
        }
        doc.add(new Heading(2, "Pending"));
        if (!undated.isEmpty()) {
            doc.add(
                    new Para(
                            "No date given: review. Microsoft's change records announce these additions without an effective date."));
            List<List<String>> rows = new ArrayList<>();
            for (Notice n : undated) {
                ElementChange e = n.change();
                rows.add(List.of(
                        "no date given: review",
                        Integer.toString(e.setId()),
                        e.serviceArea().name(),
                        e.category().name(),
                        Phrases.entry(e),
                        Integer.toString(n.recordId())));
            }
            doc.add(new Table(
                    List.of("Effective", "Set", "Service area", "Category", "Entry", "Record"), rows, List.of(4)));
        }
        if (pending.isEmpty()) {
            return;
        }
        doc.add(new Para(
                "Additions Microsoft announced with a later effective date: have them in place before that date."));
        List<List<String>> rows = new ArrayList<>();
        for (Notice n : pending) {
            ElementChange e = n.change();
            rows.add(List.of(
                    n.effectiveDate().orElseThrow().toString(),
                    Integer.toString(e.setId()),
                    e.serviceArea().name(),
                    e.category().name(),
                    Phrases.entry(e),
                    Integer.toString(n.recordId())));
        }
        doc.add(new Table(
                List.of("Effective", "Set", "Service area", "Category", "Entry", "Record"), rows, List.of(4)));
    }

    static void crossCheck(Doc.Builder doc, Review r) {
        doc.add(new Heading(2, "Cross-check with Microsoft's change records"));
        CrossCheck x = r.crossCheck();
        if (x.unavailable().isPresent()) {
            doc.add(new Para("Not possible: " + x.unavailable().get() + "."));
            return;
        }
        if (x.disagreements().isEmpty()) {
            doc.add(new Para(
                    "Every change in the snapshots was announced, and every announced change is in the snapshots."));
            return;
        }
        for (Disagreement.Kind kind : Disagreement.Kind.values()) {
            List<Disagreement> list = x.of(kind);
            if (list.isEmpty()) {
                continue;
            }
            doc.add(new Para(
                    kind == Disagreement.Kind.UNANNOUNCED
                            ? "In the snapshots, announced by no record:"
                            : "Announced by Microsoft, not in the snapshots:"));
            List<List<String>> rows = new ArrayList<>();
            for (Disagreement d : list) {
                rows.add(List.of(
                        Integer.toString(d.setId()),
                        d.subject(),
                        d.recordId().map(String::valueOf).orElse("")));
            }
            doc.add(new Table(List.of("Set", "Change", "Record"), rows, List.of(1)));
        }
    }

    static void firewallView(Doc.Builder doc, ChangeSet c) {
        if (c.isEmpty()) {
            return;
        }
        doc.add(new Heading(2, "Addresses and hostnames across all sets"));
        List<String> items = new ArrayList<>();
        items.add("Newly listed address space: " + prefixes(c.addresses().listed()));
        items.add("No longer listed address space: " + prefixes(c.addresses().unlisted()));
        HostChanges h = c.hosts();
        items.add("Newly listed hostnames: " + (h.listed().isEmpty() ? "none" : join(h.listed())));
        items.add("No longer listed hostnames: " + (h.unlisted().isEmpty() ? "none" : join(h.unlisted())));
        if (!h.moved().isEmpty()) {
            List<String> moves = new ArrayList<>();
            h.moved()
                    .forEach(
                            m -> moves.add(m.host() + " from set " + ids(m.fromSets()) + " to set " + ids(m.toSets())));
            items.add("Hostnames that moved between sets: " + String.join("; ", moves));
        }
        doc.add(new Bullets(items));
        if (!c.addresses().stillListed().isEmpty()
                || !c.addresses().alreadyListed().isEmpty()) {
            doc.add(
                    new Para(
                            "Prefix entries that moved between sets or were re-split: the addresses were listed before and"
                                    + " are listed after, so they are not an address change (but check the ports and category of the sets):"));
            Map<Integer, List<String>> left = new TreeMap<>();
            Map<Integer, List<String>> joined = new TreeMap<>();
            c.addresses()
                    .stillListed()
                    .forEach(e -> left.computeIfAbsent(e.setId(), k -> new ArrayList<>())
                            .add(e.element().value()));
            c.addresses()
                    .alreadyListed()
                    .forEach(e -> joined.computeIfAbsent(e.setId(), k -> new ArrayList<>())
                            .add(e.element().value()));
            java.util.Set<Integer> sets = new java.util.TreeSet<>(left.keySet());
            sets.addAll(joined.keySet());
            List<List<String>> rows = new ArrayList<>();
            for (int set : sets) {
                rows.add(List.of(
                        Integer.toString(set),
                        String.join(", ", left.getOrDefault(set, List.of())),
                        String.join(", ", joined.getOrDefault(set, List.of()))));
            }
            doc.add(new Table(List.of("Set", "Left the set", "Joined the set"), rows, List.of()));
        }
    }

    private static String prefixes(PrefixSet s) {
        return s.isEmpty() ? "none" : join(s.prefixes());
    }

    private static String join(List<?> items) {
        List<String> s = new ArrayList<>();
        items.forEach(i -> s.add(i.toString()));
        return String.join(", ", s);
    }

    private static String ids(List<Integer> ids) {
        return join(ids);
    }

    static void details(Doc.Builder doc, Review r) {
        ChangeSet c = r.changes();
        if (c.isEmpty()) {
            return;
        }
        doc.add(new Heading(2, "Details by service area"));
        Map<ServiceArea, List<SetChange>> byArea = new TreeMap<>();
        c.sets()
                .forEach(s -> byArea.computeIfAbsent(s.latest().serviceArea(), k -> new ArrayList<>())
                        .add(s));
        for (Map.Entry<ServiceArea, List<SetChange>> area : byArea.entrySet()) {
            doc.add(new Heading(3, area.getKey().name()));
            for (SetChange s : area.getValue()) {
                EndpointSet e = s.latest();
                String what = s instanceof SetChange.Added
                        ? "added"
                        : s instanceof SetChange.Removed
                                ? "removed"
                                : s.cosmeticOnly() ? "cosmetic change only" : "modified";
                doc.add(new Heading(
                        4,
                        "Set " + s.id() + ": " + e.category() + ", " + (e.required() ? "required" : "optional")
                                + (e.serviceAreaDisplayName().isEmpty()
                                        ? ""
                                        : ", " + Phrases.oneLine(e.serviceAreaDisplayName(), 80))
                                + " (" + what + ")"));
                List<List<String>> rows = new ArrayList<>();
                for (AttributeChange a : s.attributes()) {
                    rows.add(List.of(
                            a.cosmetic() ? "cosmetic" : "changed",
                            a.name(),
                            value(a.before()) + " -> " + value(a.after()),
                            ""));
                }
                for (ElementChange ec : s.elements()) {
                    rows.add(List.of(
                            ec.direction().label(),
                            ec.element().type().label(),
                            ec.element().value(),
                            Phrases.announcement(r.notice(ec), r.today())));
                }
                doc.add(new Table(List.of("Change", "Type", "Entry", "Announcement"), rows, List.of(2)));
            }
        }
    }

    private static String value(String v) {
        String one = Phrases.oneLine(v, 1000);
        return one.isEmpty() ? "(none)" : one;
    }
}
