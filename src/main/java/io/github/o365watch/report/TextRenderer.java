package io.github.o365watch.report;

import java.util.List;

/** Plain text for a terminal: headings underlined, tables in aligned columns. */
public final class TextRenderer {
    private TextRenderer() {}

    public static String render(Doc doc) {
        StringBuilder out = new StringBuilder();
        String title = Phrases.oneLine(doc.title(), 300);
        out.append(title).append('\n').append("=".repeat(title.length())).append('\n');
        for (Doc.Block b : doc.blocks()) {
            if (b instanceof Doc.Heading h) {
                String t = Phrases.oneLine(h.text(), 300);
                out.append('\n').append(t).append('\n');
                if (h.level() <= 2) {
                    out.append("-".repeat(t.length())).append('\n');
                }
            } else if (b instanceof Doc.Para p) {
                out.append('\n')
                        .append(Phrases.oneLine(p.text(), Integer.MAX_VALUE))
                        .append('\n');
            } else if (b instanceof Doc.Bullets l) {
                out.append('\n');
                l.items()
                        .forEach(i -> out.append("  - ")
                                .append(Phrases.oneLine(i, Integer.MAX_VALUE))
                                .append('\n'));
            } else if (b instanceof Doc.Table t) {
                out.append('\n');
                table(out, t);
            } else if (b instanceof Doc.Details d) {
                out.append('\n').append(Phrases.oneLine(d.summary(), 300)).append('\n');
                d.body()
                        .lines()
                        .forEach(l -> out.append("    ")
                                .append(Phrases.oneLine(l, Integer.MAX_VALUE))
                                .append('\n'));
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder out, Doc.Table t) {
        int[] width = new int[t.headers().size()];
        List<List<String>> all = new java.util.ArrayList<>();
        all.add(t.headers());
        t.rows()
                .forEach(r -> all.add(r.stream()
                        .map(c -> Phrases.oneLine(c, Integer.MAX_VALUE))
                        .toList()));
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        for (List<String> r : all) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < r.size(); i++) {
                line.append(r.get(i));
                if (i < r.size() - 1) {
                    line.append(" ".repeat(width[i] - r.get(i).length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
