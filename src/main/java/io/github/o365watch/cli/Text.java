package io.github.o365watch.cli;

import java.util.List;

/** Small text helpers for terminal and CSV output. */
final class Text {
    private Text() {}

    /** Free text on one line, without characters that move the cursor or reorder text. */
    static String oneLine(String s) {
        return io.github.o365watch.text.Printable.line(s, 4000);
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

    /** The hostname-pattern counts per target, laid out as every table of the command line. */
    static List<String> wildcardCounts(List<io.github.o365watch.app.Wildcards.ForTarget> targets) {
        Table t = new Table("TARGET", "EXACT", "SCOPED", "BROAD", "TENANT-SHARED");
        for (io.github.o365watch.app.Wildcards.ForTarget x : targets) {
            t.row(
                    x.target(),
                    x.counts().get(io.github.o365watch.domain.HostRisk.Kind.EXACT),
                    x.counts().get(io.github.o365watch.domain.HostRisk.Kind.SCOPED),
                    x.counts().get(io.github.o365watch.domain.HostRisk.Kind.BROAD),
                    x.counts().get(io.github.o365watch.domain.HostRisk.Kind.TENANT_SHARED));
        }
        return t.lines("  ");
    }
}
