package io.github.o365watch.cli;

import io.github.o365watch.source.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a run takes from the process: environment variables, the clock, how to wait, and where
 * the user's config directory is. Tests pass their own.
 */
public record Environment(Map<String, String> env, Clock clock, Sleeper sleeper, Path configDir) {

    public Environment {
        env = Map.copyOf(env);
    }

    public static Environment system() {
        Map<String, String> env = System.getenv();
        return new Environment(env, Clock.systemUTC(), Sleeper.REAL, configDir(env));
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
        return new Environment(vars, clock, sleeper, configDir);
    }
}
