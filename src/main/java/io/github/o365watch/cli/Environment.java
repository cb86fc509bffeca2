package io.github.o365watch.cli;

import io.github.o365watch.source.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a run takes from the process: environment variables, the clock, how to wait, where the
 * user's config directory is, standard input, and whether standard error is a terminal (for
 * progress). Tests pass their own.
 */
public record Environment(Map<String, String> env, Clock clock, Sleeper sleeper, Path configDir, java.io.InputStream stdin,
        boolean terminal) {

    public Environment {
        env = Map.copyOf(env);
    }

    /** No standard input, not a terminal. */
    public Environment(Map<String, String> env, Clock clock, Sleeper sleeper, Path configDir) {
        this(env, clock, sleeper, configDir, java.io.InputStream.nullInputStream(), false);
    }

    public static Environment system() {
        Map<String, String> env = System.getenv();
        return new Environment(env, Clock.systemUTC(), Sleeper.REAL, configDir(env), System.in, stderrIsTerminal());
    }

    /** Java 17 cannot ask about one stream; on Linux the descriptor's link names the device. */
    private static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
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
        return new Environment(vars, clock, sleeper, configDir, stdin, terminal);
    }
}
