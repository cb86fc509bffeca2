package io.github.o365watch.notify;

import io.github.o365watch.report.ReportData;
import java.util.List;
import java.util.Optional;

/**
 * Something worth telling: a sync that applied changes, additions coming into effect soon, or a
 * sync the safety guard refused.
 *
 * @param kind    changes, pending or refused
 * @param subject one line, for a mail subject or a chat title
 * @param lines   a short plain-text summary, one item per line
 * @param report  the change report, when there is one (mails carry it as Markdown and HTML)
 */
public record Event(Kind kind, String subject, List<String> lines, Optional<ReportData> report) {

    public enum Kind {
        CHANGES,
        PENDING,
        REFUSED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Event {
        lines = List.copyOf(lines);
    }
}
