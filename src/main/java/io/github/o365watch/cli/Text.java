package io.github.o365watch.cli;

import java.util.List;

/** Small text helpers for terminal and CSV output. */
final class Text {
    private Text() {}

    /** Line breaks and control characters as spaces, so a feed's text stays on one line. */
    static String oneLine(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return out.toString().strip();
    }

    /**
     * Free text for a spreadsheet cell: one line, and a leading {@code = + - @} neutralised with
     * an apostrophe so a hostile note cannot become a formula.
     */
    static String csvText(String s) {
        String t = oneLine(s);
        return !t.isEmpty() && "=+-@".indexOf(t.charAt(0)) >= 0 ? "'" + t : t;
    }

    /** One RFC 4180 row with LF: fields quoted when they hold a comma, quote or line break. */
    static String csvRow(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        return out.append('\n').toString();
    }
}
