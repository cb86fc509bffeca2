package io.github.o365watch.cli;

import io.github.o365watch.app.Workspace;
import io.github.o365watch.source.SourceOptions;
import io.github.o365watch.store.SnapshotStore;
import java.time.Duration;

/** Builds the app's workspace from the parsed options. */
final class Workspaces {
    private Workspaces() {}

    static Workspace of(Root root, SourceOptionsMixin source, boolean offline, int lockTimeoutSeconds, String command) {
        SourceOptions options = source == null
                ? SourceOptions.defaults(SourceOptions.DEFAULT_LOCATION, root.environment.configDir(), root.environment.env())
                : source.build(root.environment);
        return new Workspace(new SnapshotStore(root.store()), options, offline, root.environment.clock(),
                Duration.ofSeconds(lockTimeoutSeconds),
                "pid " + ProcessHandle.current().pid() + " (o365watch " + command + ")");
    }

    /** For sync and check: the config file's store and source, unless --store or --source say otherwise. */
    static Workspace of(Root root, io.github.o365watch.app.Config config, SourceOptionsMixin source, boolean offline,
            int lockTimeoutSeconds, String command) {
        SourceOptions options = source.build(root.environment, config.source());
        return new Workspace(new SnapshotStore(root.store != null ? root.store : config.store()), options, offline,
                root.environment.clock(), Duration.ofSeconds(lockTimeoutSeconds),
                "pid " + ProcessHandle.current().pid() + " (o365watch " + command + ")");
    }

    /** Offline-only commands. */
    static Workspace offline(Root root, String command) {
        return of(root, null, true, 0, command);
    }

    /** Offline-only commands on a config file's store. */
    static Workspace offline(Root root, String command, java.nio.file.Path store) {
        return new Workspace(new SnapshotStore(store), SourceOptions.defaults(SourceOptions.DEFAULT_LOCATION, root.environment.configDir(),
                root.environment.env()), true, root.environment.clock(), Duration.ZERO,
                "pid " + ProcessHandle.current().pid() + " (o365watch " + command + ")");
    }
}
