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
    public static PrometheusRegistry collect(SiteFacts site, LocalDate today, Optional<Release> release, Optional<String> problem,
            Optional<LastSync> lastSync) {
        PrometheusRegistry r = new PrometheusRegistry();
        LockFile lock = LockFile.read(site.lockFile()).orElse(new LockFile(LockFile.FORMAT, Map.of(), java.util.List.of()));
        Gauge applied = gauge(r, "o365watch_applied_version", "The version applied per instance (YYYYMMDDNN), from o365watch.lock", "instance");
        // Prometheus wants base units: the age in seconds, counted in whole days from the version's date
        Gauge age = gauge(r, "o365watch_applied_version_age_seconds", "Time since the date in the applied version, in whole days",
                "instance");
        Gauge newest = gauge(r, "o365watch_fetched_version",
                "The newest version stored per instance: what the service published at the last fetch", "instance");
        SnapshotStore store = new SnapshotStore(site.store());
        for (Instance i : site.instances()) {
            lock.instances().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(i.name())).findFirst().ifPresent(e -> {
                Version v = Version.parse(e.getValue().version());
                applied.labelValues(i.name()).set(Double.parseDouble(v.value()));
                v.date().ifPresent(d -> age.labelValues(i.name()).set(ChronoUnit.DAYS.between(d, today) * 86400.0));
            });
            try {
                store.newest(i).map(StoredVersion::version).ifPresent(v -> newest.labelValues(i.name()).set(Double.parseDouble(v.value())));
            } catch (RuntimeException e) {
                // a store that cannot be read has no newest version to report; the lock's figures still stand
            }
        }
        Gauge files = gauge(r, "o365watch_release_files", "Files in the release served");
        Gauge bytes = gauge(r, "o365watch_release_bytes", "Bytes in the release served");
        Gauge entries = gauge(r, "o365watch_list_entries",
                "Entries (lines that are neither blank nor comments) per plain list file served", "instance", "target", "file");
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
        gauge(r, "o365watch_release_stale", "1 when the published output could not be served and the last good release is served instead")
                .set(problem.isPresent() ? 1 : 0);
        lastSync.ifPresent(s -> {
            gauge(r, LAST_SYNC_SUCCESS, "1 when the last sync succeeded, 0 when it failed or was refused").set(s.success() ? 1 : 0);
            gauge(r, LAST_SYNC_TIME, "When the last sync ended (seconds since the epoch)").set(s.epochSeconds());
        });
        return r;
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
        return new String(bytes, StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    }
}
