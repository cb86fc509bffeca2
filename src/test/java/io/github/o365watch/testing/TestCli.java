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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real command line in-process, as one machine: its own config directory (where the
 * ClientRequestId lives), environment variables, a fixed clock, a sleeper that records waits
 * instead of sleeping, the length of a {@code --timeout} second, and a working directory (the process's own unless {@link #in} says
 * otherwise). Every run's exit code must be one the command's --help lists.
 */
public final class TestCli {
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    /** Per command, the exit codes its --help lists. */
    private static final Map<String, Set<Integer>> LISTED = new ConcurrentHashMap<>();

    private static final Pattern EXIT_CODE = Pattern.compile("^  (\\d+) ");

    private final Path configDir;
    private Path workingDir = Path.of("");
    private final Map<String, String> env = new HashMap<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private Duration timeoutUnit = Duration.ofSeconds(1);

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

    /** Makes each of {@code --timeout}'s seconds last {@code unit}: a test that waits for a timeout waits milliseconds. */
    public TestCli timeoutUnit(Duration unit) {
        this.timeoutUnit = unit;
        return this;
    }

    /** Runs in {@code dir}, as if started there: relative paths and ./o365watch.yaml start from it. */
    public TestCli in(Path dir) {
        this.workingDir = dir;
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
        int code = Main.run(
                args,
                new PrintWriter(out),
                new PrintWriter(err),
                new Environment(
                        env,
                        clock,
                        sleeps::add,
                        configDir,
                        new java.io.ByteArrayInputStream(stdin),
                        false,
                        workingDir,
                        timeoutUnit));
        Result r = new Result(code, out.toString(), err.toString());
        command(args).ifPresent(c -> {
            Set<Integer> listed = listed(c);
            if (!listed.isEmpty() && !listed.contains(code)) {
                throw new AssertionError("o365watch " + c + " exited " + code + ", which 'o365watch " + c
                        + " --help' does not list " + listed + "\n" + r);
            }
        });
        return r;
    }

    /** The command a run names: its first word that is not an option. */
    private static Optional<String> command(String... args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().filter(a -> !a.equals("help"));
    }

    /** The codes under "Exit codes:" in the command's --help; none for a word that names no command. */
    public static Set<Integer> listed(String command) {
        return LISTED.computeIfAbsent(command, c -> {
            StringWriter out = new StringWriter();
            int code = Main.run(
                    new String[] {c, "--help"},
                    new PrintWriter(out),
                    new PrintWriter(new StringWriter()),
                    new Environment(Map.of(), Clock.fixed(NOW, ZoneOffset.UTC), d -> {}, Path.of("config")));
            Set<Integer> codes = new TreeSet<>();
            if (code == 0) {
                String help = out.toString();
                int at = help.indexOf("\nExit codes:\n");
                for (String line : help.substring(at < 0 ? help.length() : at)
                        .lines()
                        .skip(2)
                        .toList()) {
                    Matcher m = EXIT_CODE.matcher(line);
                    if (line.isBlank()) {
                        break;
                    }
                    if (m.find()) {
                        codes.add(Integer.parseInt(m.group(1)));
                    }
                }
            }
            return codes;
        });
    }
}
