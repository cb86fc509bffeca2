package io.github.o365watch.report;

import io.github.o365watch.diff.Review;
import io.github.o365watch.domain.net.Widening;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a report is made from: the review of two versions, counts over all stored versions, and,
 * in a report sync writes, what summarising did to the lists of each output file it published
 * (by path relative to the output directory; files with exact lists are not in it) and the
 * removed entries it holds.
 */
public record ReportData(
        Review review, List<HistoryPoint> history, Map<String, List<Widening>> summarised, List<Held> held) {
    /** An entry the version no longer lists that the site's outputs keep until a day ({@code selection.holdRemovalsDays}). */
    public record Held(String entry, String category, int setId, String until) {}

    public ReportData {
        history = List.copyOf(history);
        summarised = new TreeMap<>(summarised);
        summarised.replaceAll((k, v) -> List.copyOf(v));
        held = List.copyOf(held);
    }

    public ReportData(Review review, List<HistoryPoint> history, Map<String, List<Widening>> summarised) {
        this(review, history, summarised, List.of());
    }

    public ReportData(Review review, List<HistoryPoint> history) {
        this(review, history, Map.of());
    }
}
