package io.github.o365watch.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as a list of blocks, so Markdown, HTML and text render the same content. Every
 * string is plain text; each renderer escapes for its format.
 */
public record Doc(String title, List<Block> blocks) {

    public Doc {
        blocks = List.copyOf(blocks);
    }

    /** One part of a report. */
    public sealed interface Block permits Heading, Para, Bullets, Table, Details, BarChart, LineChart {}

    public record Heading(int level, String text) implements Block {}

    public record Para(String text) implements Block {}

    public record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /**
     * A table; {@code code} marks the columns that hold addresses or names (monospace),
     * {@code numeric} the columns of counts (aligned right).
     */
    public record Table(List<String> headers, List<List<String>> rows, List<Integer> code, List<Integer> numeric)
            implements Block {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
            code = List.copyOf(code);
            numeric = List.copyOf(numeric);
        }

        public Table(List<String> headers, List<List<String>> rows, List<Integer> code) {
            this(headers, rows, code, List.of());
        }
    }

    /** Preformatted lines under a summary that a reader opens when they want the detail. */
    public record Details(String summary, String body) implements Block {}

    /** Bars of two values per label (e.g. entries added and removed per service area). */
    public record BarChart(
            String title,
            List<String> labels,
            String firstName,
            List<Integer> first,
            String secondName,
            List<Integer> second)
            implements Block {}

    /** Two lines over the same x labels (e.g. prefixes and hostnames per version). */
    public record LineChart(
            String title,
            List<String> labels,
            String firstName,
            List<Integer> first,
            String secondName,
            List<Integer> second)
            implements Block {}

    /** Collects blocks in order. */
    public static final class Builder {
        private final String title;
        private final List<Block> blocks = new ArrayList<>();

        public Builder(String title) {
            this.title = title;
        }

        public Builder add(Block b) {
            blocks.add(b);
            return this;
        }

        public Builder addAll(List<? extends Block> more) {
            blocks.addAll(more);
            return this;
        }

        public Doc build() {
            return new Doc(title, blocks);
        }
    }
}
