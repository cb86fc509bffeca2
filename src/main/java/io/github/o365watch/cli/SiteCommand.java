package io.github.o365watch.cli;

import io.github.o365watch.app.Config;
import io.github.o365watch.app.ConfigFile;
import io.github.o365watch.app.Site;
import io.github.o365watch.app.UsageException;
import io.github.o365watch.app.Workspace;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * A command that runs in a site: the config file ({@code --config}, else
 * {@code $O365WATCH_CONFIG}, else {@code ./o365watch.yaml} when present) gives the store, the
 * source, the instances, the tenant and the selection wherever the command has them. One rule
 * for every setting ({@link #PRECEDENCE}): the option, then the environment, then the config
 * file, then the built-in default.
 */
@Exits({
    "2:usage error: a bad option or value, or a mistake in the config file",
    "6:template problem: the templates directory the config file names is broken"
})
abstract class SiteCommand extends BaseCommand {
    static final String CONFIG_ENV = "O365WATCH_CONFIG";
    static final String CONFIG_FILE = "o365watch.yaml";
    /** How a config file found in the working directory came to be used. */
    private static final String FOUND = "the working directory";
    /** The one precedence rule, as every site command's --help and the README state it. */
    static final String PRECEDENCE =
            "Each setting comes from its option, else from an environment variable, else from the config"
                    + " file (--config, else $" + CONFIG_ENV + ", else ./" + CONFIG_FILE
                    + " when present), else from the built-in default.";

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "The site's config file (default: $" + CONFIG_ENV + ", else ./" + CONFIG_FILE + " when present).")
    Path configOption;

    /** Which config file, and how it was named; empty when there is none. */
    private Optional<Choice> choice;

    private Optional<Config> config;

    /** A config file and how it came to be used: {@code --config}, {@code $O365WATCH_CONFIG} or found here. */
    record Choice(Path file, String origin) {
        /** How messages name the file: as given, and the variable when that named it. */
        String label() {
            return origin.startsWith("$") ? file + " (" + origin + ")" : file.toString();
        }
    }

    /** --store, for the commands that work on a store; null when the command has none or it was not given. */
    Path storeOption() {
        return null;
    }

    /** The config file the precedence rule names, whether or not it exists. */
    static Choice named(Environment env, Path option) {
        if (option != null) {
            return new Choice(option, "--config");
        }
        String var = env.env().get(CONFIG_ENV);
        if (var != null && !var.isBlank()) {
            try {
                return new Choice(env.resolve(Path.of(var)), "$" + CONFIG_ENV);
            } catch (java.nio.file.InvalidPathException e) {
                throw new UsageException(
                        "$" + CONFIG_ENV + " is not a path: " + io.github.o365watch.text.Printable.of(var));
            }
        }
        return new Choice(env.resolve(Path.of(CONFIG_FILE)), FOUND);
    }

    /** The config file in use, if any: named by --config or $O365WATCH_CONFIG (then it must exist), else ./o365watch.yaml when present. */
    final Optional<Choice> choice() {
        if (choice == null) {
            Choice c = named(environment(), configOption);
            choice = c.origin().equals(FOUND) && !Files.exists(c.file()) ? Optional.empty() : Optional.of(c);
        }
        return choice;
    }

    /** The config file in use, read and checked once; a mistake in it is a usage error naming key and line. */
    final Optional<Config> config() {
        if (config == null) {
            config = choice().map(SiteCommand::read);
        }
        return config;
    }

    /**
     * For the commands that need a site's settings (sync, check): the config file in use, else the
     * built-in defaults (the starter config's values, in the working directory), said in one line
     * on stderr so that nobody mistakes them for a site's own settings.
     */
    final Config requiredConfig() {
        return config().orElseGet(() -> {
            Path here = environment().resolve(Path.of("")).toAbsolutePath();
            Config d = ConfigFile.defaults(here);
            err().println("o365watch: no config file (" + CONFIG_FILE + " here, --config or $" + CONFIG_ENV
                    + "): using the built-in"
                    + " defaults (store " + shown(here, d.store()) + ", output " + shown(here, d.output())
                    + ", targets "
                    + String.join(
                            ", ",
                            d.targets().stream().map(Config.TargetConfig::name).toList()) + "); o365watch init writes "
                    + CONFIG_FILE + " to edit");
            return d;
        });
    }

    /**
     * For a command that serves a site (serve): the config file in use; none is a usage error, not
     * the built-in defaults, since a server left listening on a guess would answer 503 for ever.
     */
    final Config siteConfig(String what) {
        return config().orElseThrow(() -> new UsageException(
                what + " needs a site's config file and found none (" + CONFIG_FILE + " here, --config or $"
                        + CONFIG_ENV + "): run it in the directory sync works in, or name the file with --config"));
    }

    /** A path below the working directory as ./name, any other as it is. */
    private static String shown(Path here, Path p) {
        return p.toAbsolutePath().startsWith(here) ? "./" + here.relativize(p.toAbsolutePath()) : p.toString();
    }

    private static Config read(Choice c) {
        if (c.origin().startsWith("$") && !Files.exists(c.file())) {
            throw new UsageException("$" + CONFIG_ENV + " names " + c.file()
                    + ", which does not exist (unset it, or write a" + " starter file there with o365watch init)");
        }
        return ConfigFile.read(c.file());
    }

    /** The site: the config file in use and the store, with where the store came from. */
    final Site site() {
        Optional<Config> c = config();
        Path option = storeOption();
        if (option != null) {
            return new Site(c, storeDirectory(option, "--store " + option), "set by --store");
        }
        if (c.isPresent()) {
            String label = choice().orElseThrow().label();
            return new Site(
                    c,
                    c.get().store(),
                    c.get()
                            .line("store")
                            .map(n -> "set by " + label + ", line " + n)
                            .orElse("the default of " + label + ", which sets no store"));
        }
        Path dir = environment().resolve(Path.of("snapshots"));
        return new Site(
                c,
                storeDirectory(dir, "the store " + dir + " (the default; --store names another)"),
                "the default: no --store and no config file");
    }

    /**
     * A store named here (the config's is checked with the config): a directory, or nothing yet.
     * A file there would read as an empty store, "nothing stored", and exit 0.
     */
    private static Path storeDirectory(Path dir, String named) {
        io.github.o365watch.store.FileKind kind = io.github.o365watch.store.FileKind.of(dir);
        if (kind != io.github.o365watch.store.FileKind.ABSENT && kind != io.github.o365watch.store.FileKind.DIRECTORY) {
            throw new UsageException(named + ": " + kind.description() + ", not a snapshot directory");
        }
        return dir;
    }

    /** The instance a single-instance command works on: the option, else the config's first, else Worldwide. */
    final Instance instance(String option) {
        return InstanceNames.parse(
                option != null
                        ? option
                        : config().map(x -> x.instances().get(0)).orElse(Instance.WORLDWIDE.name()));
    }

    /** The tenant: the option, else the config's. */
    final Optional<String> tenantOrConfig(String option) {
        return option != null ? Optional.of(option) : config().flatMap(Config::tenant);
    }

    /** A workspace on the site's store; {@code source} null for commands that never reach the service. */
    final Workspace workspace(SourceOptionsMixin source, boolean offline, int lockTimeoutSeconds) {
        Environment env = environment();
        SourceOptions options = source == null
                ? SourceOptions.defaults(SourceOptions.DEFAULT_LOCATION, env.configDir(), env.env())
                : source.build(env, config());
        return new Workspace(
                site(),
                options,
                offline ? Workspace.Network.OFFLINE : Workspace.Network.ONLINE,
                env.clock(),
                Duration.ofSeconds(lockTimeoutSeconds),
                "pid " + ProcessHandle.current().pid() + " (o365watch " + spec.name() + ")");
    }

    /** A workspace for the commands that work on the store alone. */
    final Workspace offlineWorkspace() {
        return workspace(null, true, 0);
    }
}
