package io.github.o365watch.serve;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.store.LockFile;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.store.StoredVersion;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The site's figures in the Prometheus model, for {@code /metrics} and for the textfile sync
 * writes: versions applied and their age, the newest version fetched, the lists published, the
 * last sync. Read from the lock file, the store and the release at the moment they are asked for.
 */
public final class Figures {
    public static final String LAST_SYNC_SUCCESS = "o365watch_last_sync_success";
    public static final String LAST_SYNC_TIME = "o365watch_last_sync_timestamp_seconds";

    private Figures() {}

    /**
     * @param release  the release served (or published), if any
     * @param problem  why the published output is not what is served, if it is not
     * @param lastSync how the last sync ended, if known
     */
    public static PrometheusRegistry collect(
            SiteFacts site,
            LocalDate today,
            Optional<Release> release,
            Optional<String> problem,
            Optional<LastSync> lastSync) {
        PrometheusRegistry r = new PrometheusRegistry();
        LockFile lock =
                LockFile.read(site.lockFile()).orElse(new LockFile(LockFile.FORMAT, Map.of(), java.util.List.of()));
        Gauge applied = gauge(
                r,
                "o365watch_applied_version",
                "The version applied per instance (YYYYMMDDNN), from o365watch.lock",
                "instance");
        // Prometheus wants base units: the age in seconds, counted in whole days from the version's date
        Gauge age = gauge(
                r,
                "o365watch_applied_version_age_seconds",
                "Time since the date in the applied version, in whole days",
                "instance");
        Gauge newest = gauge(
                r,
                "o365watch_fetched_version",
                "The newest version stored per instance: what the service published at the last fetch",
                "instance");
        SnapshotStore store = new SnapshotStore(site.store());
        for (Instance i : site.instances()) {
            lock.instances().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(i.name()))
                    .findFirst()
                    .ifPresent(e -> {
                        Version v = Version.parse(e.getValue().version());
                        applied.labelValues(i.name()).set(Double.parseDouble(v.value()));
                        v.date()
                                .ifPresent(d ->
                                        age.labelValues(i.name()).set(ChronoUnit.DAYS.between(d, today) * 86400.0));
                    });
            try {
                store.newest(i)
                        .map(StoredVersion::version)
                        .ifPresent(v -> newest.labelValues(i.name()).set(Double.parseDouble(v.value())));
            } catch (RuntimeException e) {
                // a store that cannot be read has no newest version to report; the lock's figures still stand
            }
        }
        pending(r, store, site.instances(), today);
        Gauge files = gauge(r, "o365watch_release_files", "Files in the release served");
        Gauge bytes = gauge(r, "o365watch_release_bytes", "Bytes in the release served");
        Gauge entries = gauge(
                r,
                "o365watch_list_entries",
                "Entries (lines that are neither blank nor comments) per plain list file served",
                "instance",
                "target",
                "file");
        release.ifPresent(rel -> {
            files.set(rel.files().size());
            bytes.set(rel.bytes());
            rel.files().forEach((path, f) -> {
                String[] parts = path.split("/", 3);
                if (parts.length == 3 && path.endsWith(".txt")) {
                    entries.labelValues(parts[0], parts[1], parts[2]).set(entries(f.bytes()));
                }
            });
        });
        gauge(
                        r,
                        "o365watch_release_stale",
                        "1 when the published output could not be served and the last good release is served instead")
                .set(problem.isPresent() ? 1 : 0);
        lastSync.ifPresent(s -> {
            gauge(r, LAST_SYNC_SUCCESS, "1 when the last sync succeeded, 0 when it failed or was refused")
                    .set(s.success() ? 1 : 0);
            gauge(r, LAST_SYNC_TIME, "When the last sync ended (seconds since the epoch)")
                    .set(s.epochSeconds());
        });
        return r;
    }

    /** Change records of versions this recent can still announce an addition that is not yet in effect. */
    static final int PENDING_WINDOW_DAYS = 120;

    /**
     * Additions Microsoft announced with an effective date after today (the endpoints go live then):
     * per instance how many entries, and the time to the nearest such date. Read from the change
     * records of the versions stored in the last {@value #PENDING_WINDOW_DAYS} days.
     */
    private static void pending(
            PrometheusRegistry r, SnapshotStore store, java.util.List<Instance> instances, LocalDate today) {
        Gauge count = gauge(
                r,
                "o365watch_pending_additions",
                "Entries Microsoft announced to be added with an effective date after today",
                "instance");
        Gauge next = gauge(
                r,
                "o365watch_pending_next_effective_seconds",
                "Time until the nearest effective date of a pending addition, in whole days",
                "instance");
        for (Instance i : instances) {
            long entries = 0;
            Optional<LocalDate> nearest = Optional.empty();
            try {
                for (StoredVersion v : store.versions(i)) {
                    if (v.version()
                            .date()
                            .map(d -> d.isBefore(today.minusDays(PENDING_WINDOW_DAYS)))
                            .orElse(true)) {
                        continue;
                    }
                    for (io.github.o365watch.domain.ChangeRecord c :
                            store.changes(v).orElse(java.util.List.of())) {
                        var add = c.add()
                                .filter(a -> a.effectiveDate()
                                        .map(d -> d.isAfter(today))
                                        .orElse(false));
                        if (add.isPresent()) {
                            entries += add.get().ips().size() + add.get().urls().size();
                            LocalDate d = add.get().effectiveDate().orElseThrow();
                            nearest = nearest.filter(n -> !n.isAfter(d)).or(() -> Optional.of(d));
                        }
                    }
                }
            } catch (RuntimeException e) {
                continue; // a store that cannot be read has nothing pending to report; the other figures still stand
            }
            count.labelValues(i.name()).set(entries);
            nearest.ifPresent(d -> next.labelValues(i.name()).set(ChronoUnit.DAYS.between(today, d) * 86400.0));
        }
    }

    /** The Prometheus text format of these snapshots. */
    public static byte[] text(MetricSnapshots snapshots) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, snapshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Gauge gauge(PrometheusRegistry r, String name, String help, String... labels) {
        Gauge g = Gauge.builder().name(name).help(help).labelNames(labels).build();
        r.register(g);
        return g;
    }

    private static long entries(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .count();
    }
}
