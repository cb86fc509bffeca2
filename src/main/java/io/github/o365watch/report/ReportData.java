package io.github.o365watch.report;

import io.github.o365watch.diff.Review;
import java.util.List;

/** What a report is made from: the review of two versions, and counts over all stored versions. */
public record ReportData(Review review, List<HistoryPoint> history) {
    public ReportData {
        history = List.copyOf(history);
    }
}
