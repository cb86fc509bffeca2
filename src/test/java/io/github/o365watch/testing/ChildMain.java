package io.github.o365watch.testing;

import io.github.o365watch.cli.Environment;
import io.github.o365watch.cli.Main;
import io.github.o365watch.source.Sleeper;
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
        Environment env = new Environment(System.getenv(), Clock.fixed(TestCli.NOW, ZoneOffset.UTC), Sleeper.REAL,
                Path.of(System.getenv("XDG_CONFIG_HOME"), "o365watch"), System.in, false);
        int code = Main.run(args, out, err, env);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
