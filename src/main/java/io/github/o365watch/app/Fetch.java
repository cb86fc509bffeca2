package io.github.o365watch.app;

import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.source.EndpointQuery;
import io.github.o365watch.source.FetchedSnapshot;
import io.github.o365watch.source.PublishedVersion;
import io.github.o365watch.source.Upstream;
import io.github.o365watch.source.UpstreamException;
import io.github.o365watch.store.CrashPoint;
import io.github.o365watch.store.PutResult;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.store.StoredVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Version check first; endpoints and changes only for an instance whose published version is
 * newer than the newest stored one (or with {@code force}, or for sync a stored version it has not
 * applied); then validate everything and store.
 * The store is locked for the whole run, so two fetches never interleave.
 */
public final class Fetch {
    private final Workspace ws;

    public Fetch(Workspace ws) {
        this.ws = ws;
    }

    /**
     * How a fetch treats what it finds, each setting by name.
     *
     * @param force       download the published version even when it is stored already
     * @param tenant      also keep the lists the service publishes for this tenant (TenantName), for
     *                    {@code generate --tenant}
     * @param acceptOlder when the store holds versions newer than the one the service publishes, withdraw them (kept
     *                    for review) and take the service's; without it, such an instance fails ({@link AheadException})
     */
    public record Options(boolean force, Optional<String> tenant, boolean acceptOlder) {
        /** Only a version newer than the newest stored, no tenant, a store ahead of the service refused. */
        public static final Options DEFAULT = new Options(false, Optional.empty(), false);

        public Options withForce(boolean force) {
            return new Options(force, tenant, acceptOlder);
        }

        public Options withTenant(Optional<String> tenant) {
            return new Options(force, tenant, acceptOlder);
        }

        public Options withAcceptOlder(boolean acceptOlder) {
            return new Options(force, tenant, acceptOlder);
        }
    }

    public List<FetchOutcome> run(InstanceSelection selection, Options o) {
        ws.upstream(); // a source refused as given (plain HTTP off loopback, not a URL) is a usage error before
        // the store is made
        return ws.locked(() -> runLocked(selection, o.force(), o.tenant(), v -> false, o.acceptOlder(), "fetch"));
    }

    /**
     * As {@link #run}, for sync, which holds the store lock. An instance whose newest stored version
     * is the published one is downloaded again when {@code again} says so (sync: it was stored but
     * never applied, because the guard refused it or a run stopped after storing it), so that lists
     * the service has corrected since, under the same version number, become a new revision
     * instead of being refused for as long as the number stands.
     */
    List<FetchOutcome> runLocked(
            InstanceSelection selection,
            boolean force,
            Optional<String> tenant,
            Predicate<StoredVersion> again,
            boolean acceptOlder,
            String command) {
        Upstream up = ws.upstream();
        List<PublishedVersion> published = up.latestVersions();
        Map<Instance, Version> latest = published.stream()
                .collect(Collectors.toMap(PublishedVersion::instance, PublishedVersion::latest, (a, b) -> a));
        List<FetchOutcome> out = new ArrayList<>();
        for (Instance instance : selection.against(published, up.describe())) {
            FetchOutcome o = one(up, instance, latest.get(instance), force, again, acceptOlder, command);
            out.add(tenant.isPresent() && o.failure().isEmpty() ? withTenant(up, o, tenant.get()) : o);
        }
        return out;
    }

    private FetchOutcome one(
            Upstream up,
            Instance instance,
            Version latest,
            boolean force,
            Predicate<StoredVersion> again,
            boolean acceptOlder,
            String command) {
        SnapshotStore store = ws.store();
        Optional<StoredVersion> newest = store.newest(instance);
        List<String> withdrawn = new ArrayList<>();
        if (newest.isPresent() && newest.get().version().isNewerThan(latest)) {
            if (!acceptOlder) {
                return FetchOutcome.failed(
                        instance,
                        newest.map(StoredVersion::version),
                        Optional.of(latest),
                        new AheadException(instance, newest.get().version(), latest, command));
            }
            // a person reviewed it: the service's word wins; the newer versions stay on disk, no longer the newest
            for (StoredVersion v : store.versions(instance)) {
                if (v.version().isNewerThan(latest)) {
                    store.withdraw(
                            instance,
                            v.version(),
                            "withdrawn by " + command + " --accept-older: the service published " + latest
                                    + " when the store held " + newest.get().version());
                    withdrawn.add(v.version().value());
                }
            }
            newest = store.newest(instance);
        }
        Optional<Version> previous = newest.map(StoredVersion::version);
        if (!withdrawn.isEmpty()) {
            return withWithdrawn(
                    fetchOne(up, store, instance, latest, newest, previous, force, again), withdrawn, latest);
        }
        return fetchOne(up, store, instance, latest, newest, previous, force, again);
    }

    private static FetchOutcome withWithdrawn(FetchOutcome o, List<String> withdrawn, Version latest) {
        List<String> warnings = new ArrayList<>(o.warnings());
        warnings.add(
                0,
                "withdrew " + String.join(", ", withdrawn)
                        + " (kept in the store, marked withdrawn): the service publishes " + latest);
        return new FetchOutcome(
                o.instance(),
                o.status(),
                o.previous(),
                o.published(),
                o.endpointSets(),
                o.changeRecords(),
                o.revision(),
                o.differingSets(),
                warnings,
                o.failure(),
                o.tenant());
    }

    private FetchOutcome fetchOne(
            Upstream up,
            SnapshotStore store,
            Instance instance,
            Version latest,
            Optional<StoredVersion> newest,
            Optional<Version> previous,
            boolean force,
            Predicate<StoredVersion> again) {
        if (previous.isPresent() && !force && latest.equals(previous.get()) && !again.test(newest.get())) {
            return FetchOutcome.upToDate(instance, newest.get());
        }
        try {
            // changes are asked for "after the newest stored version below the published one"
            Version since = store.versions(instance).stream()
                    .map(StoredVersion::version)
                    .filter(v -> latest.isNewerThan(v))
                    .reduce((a, b) -> b)
                    .orElse(Version.NONE);
            FetchedSnapshot fetched = up.endpoints(instance, latest, EndpointQuery.ALL);
            Optional<List<ChangeRecord>> changes = up.changes(instance, since, latest);
            checkNotLagging(store, newest, fetched, changes.orElse(List.of()), latest);
            CrashPoint.at("fetch.downloaded", instance);
            PutResult put = store.put(fetched.snapshot(), changes, fetched.rawSha256());
            List<String> warnings = new ArrayList<>(fetched.snapshot().unknownValues());
            changes.ifPresentOrElse(
                    list -> list.forEach(c -> warnings.addAll(c.unknownValues())),
                    () -> warnings.add("the mirror holds no change records; " + latest + " is stored without them"));
            return FetchOutcome.stored(instance, previous, put, changes.map(List::size), warnings);
        } catch (RuntimeException e) {
            return FetchOutcome.failed(instance, previous, Optional.of(latest), e);
        }
    }

    /** Fetches and keeps the tenant's lists for the newest stored version, unless they are there already. */
    private FetchOutcome withTenant(Upstream up, FetchOutcome o, String tenant) {
        Optional<StoredVersion> newest = ws.store().newest(o.instance());
        if (newest.isEmpty()
                || ws.store().tenantVariant(newest.get(), tenant).isPresent()
                        && o.status() == FetchOutcome.Status.UP_TO_DATE) {
            return o;
        }
        try {
            FetchedSnapshot f = up.endpoints(
                    o.instance(), newest.get().version(), new EndpointQuery(List.of(), Optional.of(tenant), false));
            ws.store().putTenantVariant(newest.get(), tenant, f.snapshot(), f.rawSha256());
            return o.withTenant(tenant);
        } catch (RuntimeException e) {
            return FetchOutcome.failed(o.instance(), o.previous(), o.published(), e);
        }
    }

    /**
     * Microsoft's caches can serve the previous lists for a while after {@code /version} moved.
     * If the lists are byte-for-byte the stored newest version's while the change feed
     * announces additions or removals in the new version, storing them would mislabel old data.
     */
    static void checkNotLagging(
            SnapshotStore store,
            Optional<StoredVersion> newest,
            FetchedSnapshot fetched,
            List<ChangeRecord> changes,
            Version latest) {
        if (newest.isEmpty() || newest.get().version().equals(latest)) {
            return;
        }
        boolean announced = changes.stream()
                .anyMatch(c -> c.version().equals(latest)
                        && (c.add()
                                        .map(a ->
                                                !a.ips().isEmpty() || !a.urls().isEmpty())
                                        .orElse(false)
                                || c.remove()
                                        .map(r ->
                                                !r.ips().isEmpty() || !r.urls().isEmpty())
                                        .orElse(false)));
        if (announced
                && Arrays.equals(
                        SnapshotStore.canonical(fetched.snapshot()),
                        SnapshotStore.canonical(store.load(newest.get())))) {
            throw new UpstreamException("the service publishes version " + latest + " and announces changes in it, but"
                    + " /endpoints still serves the lists of " + newest.get().version() + " (its caches lag);"
                    + " nothing stored, try again later");
        }
    }
}
