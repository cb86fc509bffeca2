package io.github.o365watch.report;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Markdown for a ticket or a pull request. Text from the feed is escaped so it cannot open a
 * link, an HTML tag or a table cell; addresses and names go in code spans when they are plain.
 */
public final class MarkdownRenderer {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9 .:/*_,()-]+");

    private MarkdownRenderer() {}

    public static String render(Doc doc) {
        StringBuilder out = new StringBuilder();
        if (!doc.title().isEmpty()) {
            out.append("# ").append(text(doc.title())).append('\n');
        }
        for (Doc.Block b : doc.blocks()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            if (b instanceof Doc.Heading h) {
                out.append("#".repeat(h.level()))
                        .append(' ')
                        .append(text(h.text()))
                        .append('\n');
            } else if (b instanceof Doc.Para p) {
                out.append(text(p.text())).append('\n');
            } else if (b instanceof Doc.Bullets l) {
                l.items().forEach(i -> out.append("- ").append(text(i)).append('\n'));
            } else if (b instanceof Doc.Table t) {
                table(out, t);
            } else if (b instanceof Doc.Details d) {
                // a fence longer than any run of backquotes in the body, so the body cannot close it
                String fence = "`".repeat(Math.max(3, longestRun(d.body(), '`') + 1));
                String body = d.body().isEmpty() || d.body().endsWith("\n") ? d.body() : d.body() + "\n";
                out.append("<details><summary>")
                        .append(text(d.summary()))
                        .append("</summary>\n\n")
                        .append(fence)
                        .append('\n')
                        .append(body)
                        .append(fence)
                        .append("\n\n</details>\n");
            } else if (b instanceof Doc.BarChart || b instanceof Doc.LineChart) {
                out.setLength(out.length() - 1); // charts are for HTML
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder out, Doc.Table t) {
        row(out, t.headers(), List.of());
        out.append('|');
        for (int i = 0; i < t.headers().size(); i++) {
            out.append(t.numeric().contains(i) ? " --: |" : " --- |");
        }
        out.append('\n');
        t.rows().forEach(r -> row(out, r, t.code()));
    }

    private static void row(StringBuilder out, List<String> cells, List<Integer> code) {
        out.append('|');
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            out.append(' ')
                    .append(code.contains(i) && !c.isEmpty() && PLAIN.matcher(c).matches() ? "`" + c + "`" : text(c))
                    .append(" |");
        }
        out.append('\n');
    }

    private static int longestRun(String s, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** Plain text made inert: one line, Markdown and HTML specials escaped. */
    static String text(String s) {
        String one = Phrases.oneLine(s, Integer.MAX_VALUE);
        StringBuilder out = new StringBuilder(one.length());
        for (char c : one.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~' ->
                    out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
