package io.github.o365watch.testing;

import io.github.o365watch.cli.Environment;
import io.github.o365watch.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real command line in-process, as one machine: its own config directory (where the
 * ClientRequestId lives), environment variables, a fixed clock, and a sleeper that records
 * waits instead of sleeping.
 */
public final class TestCli {
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final Path configDir;
    private final Map<String, String> env = new HashMap<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    public TestCli(Path machineDir) {
        this.configDir = machineDir.resolve("config");
    }

    /** The result of one run. */
    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public TestCli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public TestCli clock(Instant now) {
        this.clock = Clock.fixed(now, ZoneOffset.UTC);
        return this;
    }

    public Path configDir() {
        return configDir;
    }

    public List<Duration> sleeps() {
        return sleeps;
    }

    public Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    /** With {@code stdin} as standard input. */
    public Result runWithInput(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err),
                new Environment(env, clock, sleeps::add, configDir, new java.io.ByteArrayInputStream(stdin), false));
        return new Result(code, out.toString(), err.toString());
    }
}
