package io.github.o365watch.testing;

import io.github.o365watch.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Several syncs in one child JVM, one after the other (one config file per argument after the
 * first), so that one JVM start serves several set-ups a harness prepared in a process of its
 * own (a private mount namespace). Run k's exit code, stdout and stderr go to {@code k.code},
 * {@code k.out} and {@code k.err} in the directory the first argument names, counted from 1.
 */
public final class ChildRunsInTurn {
    private ChildRunsInTurn() {}

    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        for (int k = 1; k < args.length; k++) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(
                    new String[] {"sync", "--config", args[k]},
                    new PrintWriter(out),
                    new PrintWriter(err),
                    ChildMain.environment(InputStream.nullInputStream()));
            Files.writeString(results.resolve(k + ".out"), out.toString(), StandardCharsets.UTF_8);
            Files.writeString(results.resolve(k + ".err"), err.toString(), StandardCharsets.UTF_8);
            Files.writeString(results.resolve(k + ".code"), Integer.toString(code), StandardCharsets.UTF_8);
        }
    }
}
