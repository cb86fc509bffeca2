package io.github.o365watch.cli;

import java.util.List;

/** Small text helpers for terminal and CSV output. */
final class Text {
    private Text() {}

    /** Free text on one line, without characters that move the cursor or reorder text. */
    static String oneLine(String s) {
        return io.github.o365watch.text.Printable.line(s, 4000);
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
