package io.github.o365watch.report;

import io.github.o365watch.diff.AttributeChange;
import io.github.o365watch.diff.ChangeSet;
import io.github.o365watch.diff.ElementChange;
import io.github.o365watch.diff.Notice;
import io.github.o365watch.diff.Review;
import io.github.o365watch.diff.SetChange;
import io.github.o365watch.domain.EndpointSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One row per changed element, and per changed attribute (with its values before and after), for
 * spreadsheets. RFC 4180 quoting,
 * LF line ends; a cell that starts with {@code = + - @} is prefixed with an apostrophe so a
 * spreadsheet cannot take feed text for a formula.
 */
public final class CsvReport {
    static final List<String> HEADER = List.of(
            "instance",
            "from",
            "to",
            "endpointSetId",
            "serviceArea",
            "category",
            "setChange",
            "direction",
            "type",
            "value",
            "before",
            "after",
            "changeRecordId",
            "impact",
            "effectiveDate",
            "status");

    private CsvReport() {}

    public static String render(ReportData data) {
        Review r = data.review();
        ChangeSet c = r.changes();
        StringBuilder out = new StringBuilder();
        row(out, HEADER);
        for (SetChange s : c.sets()) {
            EndpointSet e = s.latest();
            String setChange =
                    s instanceof SetChange.Added ? "added" : s instanceof SetChange.Removed ? "removed" : "modified";
            for (AttributeChange a : s.attributes()) {
                row(
                        out,
                        where(c, s, e.serviceArea().name(), e.category().name(), setChange),
                        List.of(
                                a.cosmetic() ? "cosmetic" : "changed",
                                "attribute",
                                a.name(),
                                a.before(),
                                a.after(),
                                "",
                                "",
                                "",
                                ""));
            }
            for (ElementChange ec : s.elements()) {
                Optional<Notice> n = r.notice(ec);
                String status = n.flatMap(Notice::effectiveDate).isEmpty()
                        ? ""
                        : n.get().pendingOn(r.today()) ? "pending" : "active";
                row(
                        out,
                        where(c, s, ec.serviceArea().name(), ec.category().name(), setChange),
                        List.of(
                                ec.direction().label(),
                                ec.element().type().label(),
                                ec.element().value(),
                                "",
                                "",
                                n.map(x -> Integer.toString(x.recordId())).orElse(""),
                                n.flatMap(Notice::impact).map(i -> i.name()).orElse(""),
                                n.flatMap(Notice::effectiveDate)
                                        .map(Object::toString)
                                        .orElse(""),
                                status));
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> fields) {
        out.append(Csv.row(fields));
    }

    private static void row(StringBuilder out, List<String> where, List<String> what) {
        List<String> all = new ArrayList<>(where);
        all.addAll(what);
        row(out, all);
    }

    /** The first seven columns: which comparison, which set, and how the set changed. */
    private static List<String> where(ChangeSet c, SetChange s, String serviceArea, String category, String setChange) {
        return List.of(
                c.instance().name(),
                c.from().value(),
                c.to().value(),
                Integer.toString(s.id()),
                serviceArea,
                category,
                setChange);
    }
}
