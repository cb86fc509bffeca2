package io.github.o365watch.testing;

import io.github.o365watch.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Several syncs in one child JVM for the crash harness, one after the other, each in its own
 * thread and directory (one config file per argument), so that one JVM start and one SIGKILL
 * serve many crash points. Run k starts when the harness, having seen run k-1 stop at its
 * crash point ({@code store.CrashPoint} blocks that thread), writes a line to standard input.
 * A run that ends instead of stopping prints {@value #ENDED}, its exit code and its stderr on
 * one line, which the harness reports.
 */
public final class ChildSyncs {
    public static final String ENDED = "o365watch-child: a sync ended: ";

    private ChildSyncs() {}

    public static void main(String[] configs) throws IOException {
        BufferedReader harness = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (int k = 0; k < configs.length; k++) {
            if (k > 0 && harness.readLine() == null) {
                return; // the harness has gone
            }
            String config = configs[k];
            Thread run = new Thread(
                    () -> {
                        StringWriter err = new StringWriter();
                        int code = Main.run(
                                new String[] {"sync", "--config", config},
                                new PrintWriter(Writer.nullWriter()),
                                new PrintWriter(err),
                                ChildMain.environment(InputStream.nullInputStream()));
                        System.err.println(ENDED + "sync --config " + config + ": exit " + code + ": "
                                + err.toString().replace('\n', ' '));
                        System.err.flush();
                    },
                    "sync-" + k);
            run.setDaemon(true);
            run.start();
        }
        harness.readLine(); // until the SIGKILL (or the harness closes standard input)
    }
}
