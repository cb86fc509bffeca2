package io.github.o365watch.cli;

import io.github.o365watch.source.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What a run takes from the process: environment variables, the clock, how to wait, where the
 * user's config directory is, standard input, whether standard error is a terminal (for
 * progress), and the working directory that relative paths and {@code ./o365watch.yaml} start
 * from. Tests pass their own.
 *
 * @param workingDir  the empty path for the process's own (relative paths stay relative)
 * @param timeoutUnit how long one of {@code --timeout}'s seconds lasts: a second, except in tests
 *                    that wait for a timeout to strike (so they wait milliseconds, not seconds)
 */
public record Environment(
        Map<String, String> env,
        Clock clock,
        Sleeper sleeper,
        Path configDir,
        java.io.InputStream stdin,
        boolean terminal,
        Path workingDir,
        Duration timeoutUnit) {

    public Environment {
        env = Map.copyOf(env);
        if (timeoutUnit.isNegative() || timeoutUnit.isZero()) {
            throw new IllegalArgumentException("timeoutUnit must be positive: " + timeoutUnit);
        }
    }

    /** Timeouts in seconds. */
    public Environment(
            Map<String, String> env,
            Clock clock,
            Sleeper sleeper,
            Path configDir,
            java.io.InputStream stdin,
            boolean terminal,
            Path workingDir) {
        this(env, clock, sleeper, configDir, stdin, terminal, workingDir, Duration.ofSeconds(1));
    }

    /** In the process's working directory. */
    public Environment(
            Map<String, String> env,
            Clock clock,
            Sleeper sleeper,
            Path configDir,
            java.io.InputStream stdin,
            boolean terminal) {
        this(env, clock, sleeper, configDir, stdin, terminal, Path.of(""));
    }

    /** No standard input, not a terminal. */
    public Environment(Map<String, String> env, Clock clock, Sleeper sleeper, Path configDir) {
        this(env, clock, sleeper, configDir, java.io.InputStream.nullInputStream(), false);
    }

    public static Environment system() {
        Map<String, String> env = System.getenv();
        return new Environment(env, Clock.systemUTC(), Sleeper.REAL, configDir(env), System.in, stderrIsTerminal());
    }

    /** A path as typed, from the working directory. */
    public Path resolve(Path typed) {
        return workingDir.resolve(typed);
    }

    /** Java 17 cannot ask about one stream; on Linux the descriptor's link names the device. */
    private static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd/2"))
                    .toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** {@code $XDG_CONFIG_HOME/o365watch}, else {@code ~/.config/o365watch}. */
    static Path configDir(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "o365watch");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".config", "o365watch");
    }

    public Environment withEnv(Map<String, String> vars) {
        return new Environment(vars, clock, sleeper, configDir, stdin, terminal, workingDir, timeoutUnit);
    }
}
