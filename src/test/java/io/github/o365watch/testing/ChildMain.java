package io.github.o365watch.testing;

import io.github.o365watch.cli.Environment;
import io.github.o365watch.cli.Main;
import io.github.o365watch.source.Sleeper;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The packaged jar's {@code Main} in a child JVM, on {@link TestCli#NOW}'s clock: the reports
 * carry today's date, so a run in the child and the in-process run that finishes its work must
 * agree on the day. Everything else comes from the process (environment, config directory).
 */
public final class ChildMain {
    private ChildMain() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = Main.run(args, out, err, environment(System.in));
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** What a run in the child takes from the process, on the fixed clock. */
    static Environment environment(InputStream stdin) {
        return new Environment(
                System.getenv(),
                Clock.fixed(TestCli.NOW, ZoneOffset.UTC),
                Sleeper.REAL,
                Path.of(System.getenv("XDG_CONFIG_HOME"), "o365watch"),
                stdin,
                false);
    }
}
