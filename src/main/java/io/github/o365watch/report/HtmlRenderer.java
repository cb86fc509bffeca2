package io.github.o365watch.report;

import io.github.o365watch.text.Html;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One self-contained HTML file: inline CSS and SVG, no script, no external asset; readable from a
 * phone (400 px) to a laptop, and printed on A4. Tables scroll sideways in their own box, never the
 * page. An address stays on one line and a hostname breaks only after a dot, so what a reader copies
 * into a firewall is what the report says. Well-formed XML as well, so it can be checked by any XML
 * parser. Every string is escaped: a hostile note or URL cannot inject markup.
 */
public final class HtmlRenderer {
    private static final String CSS = String.join(
            "\n",
            // overflow-wrap: the last resort for a word wider than the line; unlike "anywhere" it leaves table columns
            // alone
            "body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1b1f24;margin:0;background:#fff}",
            "main{max-width:1100px;margin:0 auto;padding:24px;overflow-wrap:break-word}",
            "h1{font-size:1.6em;margin:0 0 .4em}h2{font-size:1.25em;margin:1.6em 0 .4em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}",
            "h3{font-size:1.1em;margin:1.2em 0 .3em}h4{font-size:1em;margin:1em 0 .3em;color:#333}",
            ".scroll{overflow-x:auto;margin:.4em 0 1em}table{border-collapse:collapse;font-size:.92em}",
            "th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}",
            "code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.95em}.addr,.host{white-space:nowrap}",
            "td.added{color:#116329}td.removed{color:#a40e26}td.changed{color:#7d4e00}td.num{text-align:right}",
            "figure{margin:1em 0}figcaption{font-size:.92em}",
            "svg{max-width:100%;height:auto}svg text{font:12px system-ui,sans-serif;fill:#1b1f24}",
            // on screen a table scrolls rather than break a hostname in a cell; paper cannot scroll
            "@media screen{td wbr,th wbr{display:none}}",
            "@media (max-width:600px){main{padding:16px 12px}h1{font-size:1.35em}ul{padding-left:1.4em}}",
            "@page{size:A4;margin:12mm}",
            "@media print{body{font-size:10pt}main{max-width:none;padding:0}.scroll{overflow:visible}h2,h3,h4{break-after:avoid}"
                    + "tr,figure{break-inside:avoid}}");

    /** A word of hexadecimal digits, dots and at least two colons, or a dotted quad; a prefix length may follow. */
    private static final Pattern ADDRESS =
            Pattern.compile("(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)(?:/\\d{1,3})?");
    /** Two or more labels of a hostname or pattern, with a letter or a wildcard somewhere. */
    private static final Pattern HOSTNAME = Pattern.compile("(?=.*[A-Za-z*])[A-Za-z0-9*_-]+(?:\\.[A-Za-z0-9*_-]+)+");

    private static final Pattern WORD = Pattern.compile("\\S+");

    private HtmlRenderer() {}

    public static String render(Doc doc) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>")
                .append(esc(doc.title()))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("\n</style>\n")
                .append("</head>\n<body>\n<main>\n");
        body(out, doc);
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    /** The body alone (no head, no style), for a feed item or an e-mail part. */
    public static String fragment(Doc doc) {
        StringBuilder out = new StringBuilder();
        body(out, doc);
        return out.toString();
    }

    private static void body(StringBuilder out, Doc doc) {
        out.append("<h1>").append(text(doc.title())).append("</h1>\n");
        for (Doc.Block b : doc.blocks()) {
            if (b instanceof Doc.Heading h) {
                int level = Math.min(6, h.level());
                out.append("<h")
                        .append(level)
                        .append('>')
                        .append(text(h.text()))
                        .append("</h")
                        .append(level)
                        .append(">\n");
            } else if (b instanceof Doc.Para p) {
                out.append("<p>").append(text(p.text())).append("</p>\n");
            } else if (b instanceof Doc.Bullets l) {
                out.append("<ul>\n");
                l.items().forEach(i -> out.append("<li>").append(text(i)).append("</li>\n"));
                out.append("</ul>\n");
            } else if (b instanceof Doc.Table t) {
                table(out, t);
            } else if (b instanceof Doc.Details d) {
                out.append("<details><summary>")
                        .append(text(d.summary()))
                        .append("</summary>\n<pre>")
                        .append(d.body()
                                .lines()
                                .map(HtmlRenderer::esc)
                                .collect(java.util.stream.Collectors.joining("\n")))
                        .append("</pre>\n</details>\n");
            } else if (b instanceof Doc.BarChart c) {
                Svg.bars(out, c);
            } else if (b instanceof Doc.LineChart c) {
                Svg.lines(out, c);
            }
        }
    }

    /** In a box of its own that scrolls sideways when the table is wider than the page. */
    private static void table(StringBuilder out, Doc.Table t) {
        out.append("<div class=\"scroll\">\n<table>\n<thead><tr>");
        t.headers().forEach(h -> out.append("<th>").append(text(h)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String c = row.get(i);
                String cls = i == 0 && (c.equals("added") || c.equals("removed") || c.equals("changed"))
                        ? " class=\"" + c + "\""
                        : t.numeric().contains(i) ? " class=\"num\"" : "";
                out.append("<td").append(cls).append('>');
                if (t.code().contains(i) && !c.isEmpty()) {
                    out.append("<code>").append(text(c)).append("</code>");
                } else {
                    out.append(text(c));
                }
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n");
    }

    /**
     * Escaped text in which each address and hostname is marked: an address never breaks, a hostname
     * only after a dot (a {@code wbr}), never at a hyphen; other words break as the browser breaks them.
     */
    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length() + 32);
        Matcher m = WORD.matcher(s);
        int last = 0;
        while (m.find()) {
            out.append(esc(s.substring(last, m.start())));
            word(out, m.group());
            last = m.end();
        }
        return out.append(esc(s.substring(last))).toString();
    }

    private static void word(StringBuilder out, String w) {
        int start = 0;
        while (start < w.length() - 1 && w.charAt(start) == '(') {
            start++;
        }
        int end = trimEnd(w, start, "),;");
        if (!ADDRESS.matcher(w.substring(start, end)).matches()) {
            end = trimEnd(w, start, "),;:."); // an address may end in "::", a hostname or phrase not in ':' or '.'
        }
        String core = w.substring(start, end);
        if (ADDRESS.matcher(core).matches()) {
            out.append(esc(w.substring(0, start)))
                    .append("<span class=\"addr\">")
                    .append(esc(core))
                    .append("</span>");
        } else if (HOSTNAME.matcher(core).matches()) {
            out.append(esc(w.substring(0, start)))
                    .append("<span class=\"host\">")
                    .append(esc(core).replace(".", ".<wbr/>"))
                    .append("</span>");
        } else {
            out.append(esc(w));
            return;
        }
        out.append(esc(w.substring(end)));
    }

    private static int trimEnd(String w, int start, String punctuation) {
        int end = w.length();
        while (end > start + 1 && punctuation.indexOf(w.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    /** Escapes for element content and attribute values; control characters become spaces. */
    static String esc(String s) {
        return Html.escape(s);
    }

    /**
     * Inline SVG charts with fixed geometry, so the same data draws the same bytes. They are drawn
     * {@link #WIDTH} wide, which fits a 400 px phone beside the page's margins, so their 12 px labels
     * are drawn at that size rather than scaled down.
     */
    static final class Svg {
        static final int WIDTH = 360;
        /** Where the legend's two entries start: room for a swatch and a word of about ten letters each. */
        private static final int LEGEND_X = WIDTH - 170;

        private Svg() {}

        static void bars(StringBuilder out, Doc.BarChart c) {
            int rowH = 34;
            int labelW = 88;
            int width = WIDTH;
            int height = 30 + rowH * c.labels().size() + 10;
            int max = max(c.first(), c.second());
            double scale = (width - labelW - 40) / (double) max; // room after the longest bar for its value
            open(out, width, height, c.title());
            legend(out, LEGEND_X, 4, c.firstName(), "#2da44e", c.secondName(), "#cf222e");
            for (int i = 0; i < c.labels().size(); i++) {
                int y = 30 + i * rowH;
                out.append("<text x=\"0\" y=\"")
                        .append(y + 18)
                        .append("\">")
                        .append(esc(c.labels().get(i)))
                        .append("</text>\n");
                bar(out, labelW, y + 2, c.first().get(i), scale, "#2da44e");
                bar(out, labelW, y + 16, c.second().get(i), scale, "#cf222e");
            }
            out.append("</svg>\n<figcaption>").append(text(c.title())).append("</figcaption>\n</figure>\n");
        }

        /** The figure and the svg element, labelled with the chart's title for screen readers. */
        private static void open(StringBuilder out, int width, int height, String title) {
            out.append("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                    .append(width)
                    .append("\" height=\"")
                    .append(height)
                    .append("\" viewBox=\"0 0 ")
                    .append(width)
                    .append(' ')
                    .append(height)
                    .append("\" role=\"img\" aria-label=\"")
                    .append(esc(title))
                    .append("\">\n");
        }

        /** The largest value of either series, at least 1 (the scale divides by it). */
        private static int max(List<Integer> first, List<Integer> second) {
            int max = 1;
            for (int i = 0; i < first.size(); i++) {
                max = Math.max(max, Math.max(first.get(i), second.get(i)));
            }
            return max;
        }

        private static void bar(StringBuilder out, int x, int y, int value, double scale, String color) {
            long w = Math.round(value * scale);
            out.append("<rect x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(w)
                    .append("\" height=\"12\" fill=\"")
                    .append(color)
                    .append("\"/>")
                    .append("<text x=\"")
                    .append(x + w + 4)
                    .append("\" y=\"")
                    .append(y + 11)
                    .append("\">")
                    .append(value)
                    .append("</text>\n");
        }

        private static void legend(StringBuilder out, int x, int y, String a, String ca, String b, String cb) {
            key(out, x, y, a, ca);
            key(out, x + 80, y, b, cb);
        }

        private static void key(StringBuilder out, int x, int y, String name, String color) {
            out.append("<rect x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(color)
                    .append("\"/><text x=\"")
                    .append(x + 14)
                    .append("\" y=\"")
                    .append(y + 10)
                    .append("\">")
                    .append(esc(name))
                    .append("</text>\n");
        }

        static void lines(StringBuilder out, Doc.LineChart c) {
            int width = WIDTH;
            int height = 220;
            int left = 44;
            int top = 30;
            int plotW = width - left - 16;
            int plotH = height - top - 40;
            int max = max(c.first(), c.second());
            open(out, width, height, c.title());
            legend(out, LEGEND_X, 4, c.firstName(), "#0969da", c.secondName(), "#8250df");
            out.append("<line x1=\"")
                    .append(left)
                    .append("\" y1=\"")
                    .append(top + plotH)
                    .append("\" x2=\"")
                    .append(left + plotW)
                    .append("\" y2=\"")
                    .append(top + plotH)
                    .append("\" stroke=\"#888\"/>\n");
            out.append("<text x=\"0\" y=\"")
                    .append(top + 10)
                    .append("\">")
                    .append(max)
                    .append("</text>\n");
            out.append("<text x=\"0\" y=\"").append(top + plotH).append("\">0</text>\n");
            polyline(out, c.first(), max, left, top, plotW, plotH, "#0969da");
            polyline(out, c.second(), max, left, top, plotW, plotH, "#8250df");
            int n = c.labels().size();
            out.append("<text x=\"")
                    .append(left)
                    .append("\" y=\"")
                    .append(top + plotH + 18)
                    .append("\">")
                    .append(esc(c.labels().get(0)))
                    .append("</text>\n");
            out.append("<text x=\"")
                    .append(left + plotW)
                    .append("\" y=\"")
                    .append(top + plotH + 18)
                    .append("\" text-anchor=\"end\">")
                    .append(esc(c.labels().get(n - 1)))
                    .append("</text>\n");
            out.append("</svg>\n<figcaption>")
                    .append(text(c.title()))
                    .append(" (")
                    .append(Phrases.plural(n, "version", "versions"))
                    .append(")</figcaption>\n</figure>\n");
        }

        private static void polyline(
                StringBuilder out, List<Integer> values, int max, int left, int top, int w, int h, String color) {
            StringBuilder points = new StringBuilder();
            int n = values.size();
            for (int i = 0; i < n; i++) {
                double x = left + (n == 1 ? 0 : w * i / (double) (n - 1));
                double y = top + h - h * values.get(i) / (double) max;
                points.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            }
            out.append("<polyline fill=\"none\" stroke=\"")
                    .append(color)
                    .append("\" stroke-width=\"2\" points=\"")
                    .append(points)
                    .append("\"/>\n");
        }
    }
}
