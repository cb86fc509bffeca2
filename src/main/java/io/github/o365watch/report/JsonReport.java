package io.github.o365watch.report;

import io.github.o365watch.diff.AttributeChange;
import io.github.o365watch.diff.ChangeSet;
import io.github.o365watch.diff.Counts;
import io.github.o365watch.diff.Disagreement;
import io.github.o365watch.diff.ElementChange;
import io.github.o365watch.diff.Flag;
import io.github.o365watch.diff.HostChanges;
import io.github.o365watch.diff.Notice;
import io.github.o365watch.diff.Review;
import io.github.o365watch.diff.SetChange;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.net.IpPrefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report as a JSON tree (maps, lists, strings, numbers, booleans), documented in
 * {@code docs/report-schema.md}. The caller serialises it canonically (sorted keys), so the same
 * review gives the same bytes.
 */
public final class JsonReport {
    /** Bumped on any change that could break a reader. */
    public static final int SCHEMA_VERSION = 1;

    private JsonReport() {}

    public static Map<String, Object> tree(ReportData data) {
        Review r = data.review();
        ChangeSet c = r.changes();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", SCHEMA_VERSION);
        m.put("instance", c.instance().name());
        m.put("from", c.from().value());
        m.put("to", c.to().value());
        m.put("asOf", r.today().toString());
        m.put("summary", summary(r));
        m.put("countsByServiceArea", counts(c.byServiceArea()));
        m.put("countsByCategory", counts(c.byCategory()));
        m.put("flags", r.flags().stream().map(JsonReport::flag).toList());
        if (!data.summarised().isEmpty()) {
            m.put("summarisedOutputs", summarised(data));
        }
        if (!data.held().isEmpty()) {
            m.put(
                    "heldRemovals",
                    data.held().stream()
                            .map(h -> Map.of(
                                    "entry",
                                    h.entry(),
                                    "category",
                                    h.category(),
                                    "endpointSetId",
                                    h.setId(),
                                    "until",
                                    h.until()))
                            .toList());
        }
        m.put(
                "pending",
                r.pending().stream()
                        .map(n -> element(n.change(), Optional.of(n), r))
                        .toList());
        m.put("crossCheck", crossCheck(r));
        m.put("addresses", addresses(c));
        m.put("hostnames", hostnames(c.hosts()));
        m.put("endpointSets", c.sets().stream().map(s -> set(s, r)).toList());
        return m;
    }

    private static List<Map<String, Object>> summarised(ReportData data) {
        List<Map<String, Object>> out = new ArrayList<>();
        data.summarised()
                .forEach((file, figures) -> figures.forEach(w -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("file", file);
                    m.put("family", w.family().label());
                    m.put("objects", w.objects());
                    m.put("listedPrefixes", w.listedPrefixes());
                    m.put("prefixes", w.prefixes());
                    m.put("listedAddresses", w.listedAddresses().toString());
                    m.put("extraAddresses", w.extraAddresses().toString());
                    m.put("text", w.describe());
                    out.add(m);
                }));
        return out;
    }

    private static Map<String, Object> summary(Review r) {
        ChangeSet c = r.changes();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "setsAdded",
                c.sets().stream().filter(s -> s instanceof SetChange.Added).count());
        m.put(
                "setsRemoved",
                c.sets().stream().filter(s -> s instanceof SetChange.Removed).count());
        m.put(
                "setsModified",
                c.sets().stream().filter(s -> s instanceof SetChange.Modified).count());
        m.put(
                "setsCosmeticOnly",
                c.sets().stream().filter(SetChange::cosmeticOnly).count());
        List<ElementChange> e = c.elements();
        m.put(
                "entriesAdded",
                e.stream()
                        .filter(x -> x.direction() == ElementChange.Direction.ADDED)
                        .count());
        m.put(
                "entriesRemoved",
                e.stream()
                        .filter(x -> x.direction() == ElementChange.Direction.REMOVED)
                        .count());
        m.put("flags", r.flags().size());
        m.put("pending", r.pending().size());
        m.put("changeRecords", r.records().records().size());
        return m;
    }

    private static <K> Map<String, Object> counts(Map<K, Counts> counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("setsAdded", v.setsAdded());
            x.put("setsRemoved", v.setsRemoved());
            x.put("setsModified", v.setsModified());
            x.put("entriesAdded", v.elementsAdded());
            x.put("entriesRemoved", v.elementsRemoved());
            m.put(k.toString(), x);
        });
        return m;
    }

    private static Map<String, Object> flag(Flag f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", f.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("endpointSetId", f.setId());
        m.put("subject", f.subject());
        m.put("reason", f.reason());
        f.claim().entry().ifPresent(e -> m.put("entry", e.type().label() + " " + e.value()));
        m.put(
                "addresses",
                f.claim().addresses().prefixes().stream()
                        .map(IpPrefix::toString)
                        .toList());
        m.put("hostnames", f.claim().hostnames().stream().map(Object::toString).toList());
        return m;
    }

    private static Map<String, Object> crossCheck(Review r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", r.crossCheck().unavailable().isEmpty());
        r.crossCheck().unavailable().ifPresent(u -> m.put("reason", u));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Disagreement d : r.crossCheck().disagreements()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", d.kind() == Disagreement.Kind.UNANNOUNCED ? "unannounced" : "announced-not-seen");
            x.put("endpointSetId", d.setId());
            x.put("subject", d.subject());
            d.recordId().ifPresent(id -> x.put("changeRecordId", id));
            list.add(x);
        }
        m.put("disagreements", list);
        return m;
    }

    private static Map<String, Object> addresses(ChangeSet c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "listed",
                c.addresses().listed().prefixes().stream()
                        .map(IpPrefix::toString)
                        .toList());
        m.put(
                "unlisted",
                c.addresses().unlisted().prefixes().stream()
                        .map(IpPrefix::toString)
                        .toList());
        m.put(
                "stillListed",
                c.addresses().stillListed().stream().map(JsonReport::moved).toList());
        m.put(
                "alreadyListed",
                c.addresses().alreadyListed().stream().map(JsonReport::moved).toList());
        return m;
    }

    private static Map<String, Object> moved(ElementChange e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpointSetId", e.setId());
        m.put("prefix", e.element().value());
        return m;
    }

    private static Map<String, Object> hostnames(HostChanges h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listed", h.listed().stream().map(Object::toString).toList());
        m.put("unlisted", h.unlisted().stream().map(Object::toString).toList());
        List<Map<String, Object>> moved = new ArrayList<>();
        for (HostChanges.Move mv : h.moved()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("hostname", mv.host().pattern());
            x.put("fromSets", mv.fromSets());
            x.put("toSets", mv.toSets());
            moved.add(x);
        }
        m.put("moved", moved);
        return m;
    }

    private static Map<String, Object> set(SetChange s, Review r) {
        EndpointSet e = s.latest();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put(
                "change",
                s instanceof SetChange.Added ? "added" : s instanceof SetChange.Removed ? "removed" : "modified");
        m.put("cosmeticOnly", s.cosmeticOnly());
        m.put("serviceArea", e.serviceArea().name());
        m.put("category", e.category().name());
        m.put("required", e.required());
        List<Map<String, Object>> attributes = new ArrayList<>();
        for (AttributeChange a : s.attributes()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", a.name());
            x.put("before", a.before());
            x.put("after", a.after());
            x.put("cosmetic", a.cosmetic());
            attributes.add(x);
        }
        m.put("attributes", attributes);
        m.put(
                "entries",
                s.elements().stream().map(ec -> element(ec, r.notice(ec), r)).toList());
        return m;
    }

    private static Map<String, Object> element(ElementChange e, Optional<Notice> n, Review r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpointSetId", e.setId());
        m.put("serviceArea", e.serviceArea().name());
        m.put("category", e.category().name());
        m.put("direction", e.direction().label());
        m.put("type", e.element().type().label());
        m.put("value", e.element().value());
        n.ifPresent(x -> {
            m.put("changeRecordId", x.recordId());
            x.impact().ifPresent(i -> m.put("impact", i.name()));
            x.effectiveDate().ifPresent(d -> m.put("effectiveDate", d.toString()));
            m.put("pending", x.pendingOn(r.today()));
        });
        return m;
    }
}
