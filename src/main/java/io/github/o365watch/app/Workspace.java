package io.github.o365watch.app;

import io.github.o365watch.source.SourceOptions;
import io.github.o365watch.source.Upstream;
import io.github.o365watch.store.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * What every use case works on: the store, the upstream (opened only when a use case needs it,
 * and never with {@code --offline}), the clock, and how long to wait for the store lock.
 */
public final class Workspace {
    private final Site site;
    private final SnapshotStore store;
    private final SourceOptions sourceOptions;
    /** Whether a command may reach the web service or a mirror. */
    public enum Network {
        /** The source may be reached. */
        ONLINE,
        /** {@code --offline}: reaching the source is a usage error. */
        OFFLINE
    }

    private final boolean offline;
    private final Clock clock;
    private final Duration lockTimeout;
    private final String holder;
    private Upstream upstream;

    /** A workspace on a store alone, outside any site (benchmarks, tests of the use cases). */
    public Workspace(
            SnapshotStore store,
            SourceOptions sourceOptions,
            Network network,
            Clock clock,
            Duration lockTimeout,
            String holder) {
        this(Site.of(store.root()), store, sourceOptions, network, clock, lockTimeout, holder);
    }

    /** A workspace on the store of {@code site}. */
    public Workspace(
            Site site, SourceOptions sourceOptions, Network network, Clock clock, Duration lockTimeout, String holder) {
        this(site, new SnapshotStore(site.store()), sourceOptions, network, clock, lockTimeout, holder);
    }

    private Workspace(
            Site site,
            SnapshotStore store,
            SourceOptions sourceOptions,
            Network network,
            Clock clock,
            Duration lockTimeout,
            String holder) {
        this.site = site;
        this.store = store;
        this.sourceOptions = sourceOptions;
        this.offline = network == Network.OFFLINE;
        this.clock = clock;
        this.lockTimeout = lockTimeout;
        this.holder = holder;
    }

    public SnapshotStore store() {
        return store;
    }

    /** Where this runs: for messages that name the store and advice that fits the site. */
    public Site site() {
        return site;
    }

    public boolean offline() {
        return offline;
    }

    public Clock clock() {
        return clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The upstream; a usage error under {@code --offline}. */
    public Upstream upstream() {
        if (offline) {
            throw UsageException.commandLine("this needs the web service or a mirror, but --offline was given");
        }
        if (upstream == null) {
            upstream = Upstream.open(sourceOptions);
        }
        return upstream;
    }

    /** Environment variables (proxy settings, secrets named in the config). */
    public java.util.Map<String, String> env() {
        return sourceOptions.env();
    }

    /** How to wait between retries. */
    public io.github.o365watch.source.Sleeper sleeper() {
        return sourceOptions.sleeper();
    }

    public String sourceDescription() {
        return offline ? "(offline)" : sourceOptions.location();
    }

    /** Runs {@code work} holding the store's writer lock. */
    public <T> T locked(Supplier<T> work) {
        return lockedAt(store.root(), work);
    }

    /** Runs {@code work} holding the writer lock of another directory (a mirror, an output directory). */
    @SuppressWarnings("try") // the resource is held, not used: the block runs while it is held
    public <T> T lockedAt(java.nio.file.Path dir, Supplier<T> work) {
        try (var lock = io.github.o365watch.store.WriterLock.acquire(dir, lockTimeout, holder)) {
            return work.get();
        }
    }
}
