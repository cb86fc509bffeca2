package io.github.o365watch.report;

import io.github.o365watch.diff.ElementChange;
import io.github.o365watch.diff.Notice;
import io.github.o365watch.domain.Version;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Small phrases every format shares, so they say the same thing the same way. */
final class Phrases {
    private Phrases() {}

    static String plural(long n, String one, String many) {
        return io.github.o365watch.domain.Plural.of(n, one, many);
    }

    static String date(Version v) {
        return v.date().map(d -> d.format(DateTimeFormatter.ISO_LOCAL_DATE)).orElse("date unknown");
    }

    static String entry(ElementChange e) {
        return e.element().type().label() + " " + e.element().value();
    }

    /** "record 1942, effective 2019-10-30 (pending)" or "no record". */
    static String announcement(Optional<Notice> n, java.time.LocalDate today) {
        if (n.isEmpty()) {
            return "";
        }
        Notice x = n.get();
        StringBuilder s = new StringBuilder("record ").append(x.recordId());
        x.impact().ifPresent(i -> s.append(", ").append(i.name()));
        x.effectiveDate()
                .ifPresent(d -> s.append(", effective ").append(d).append(x.pendingOn(today) ? " (pending)" : ""));
        return s.toString();
    }

    /** Free text on one line, at most {@code max} characters (see {@code Printable.line}). */
    static String oneLine(String s, int max) {
        return io.github.o365watch.text.Printable.line(s, max);
    }
}
