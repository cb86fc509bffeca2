package io.github.o365watch.app;

import io.github.o365watch.domain.Checksums;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.source.EndpointQuery;
import io.github.o365watch.source.MirrorLayout;
import io.github.o365watch.source.PublishedVersion;
import io.github.o365watch.source.Resource;
import io.github.o365watch.source.Upstream;
import io.github.o365watch.source.WireFormat;
import io.github.o365watch.store.AtomicFiles;
import io.github.o365watch.store.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a mirror directory for air-gapped networks: per instance the version history (JSON and
 * RSS), the endpoints and the whole change history, byte for byte as served, each validated
 * before it is written. The index {@code version.json} never claims a version its files lack: an
 * instance leaves the index before its files are replaced and comes back, with the SHA-256 of its
 * endpoints file, after they are all written. A reader checks that checksum.
 */
public final class Mirror {
    private final Workspace ws;

    public Mirror(Workspace ws) {
        this.ws = ws;
    }

    /** What was done for one instance. */
    public record Outcome(Instance instance, Version version, boolean updated) {}

    public List<Outcome> run(Path out, InstanceSelection selection) {
        return run(out, selection, java.util.Optional.empty());
    }

    /** @param tenant also mirror the lists the service publishes for this tenant */
    public List<Outcome> run(Path out, InstanceSelection selection, java.util.Optional<String> tenant) {
        Upstream up = ws.upstream();
        return ws.lockedAt(out, () -> {
            Resource versions = new Resource.Versions();
            List<PublishedVersion> published = WireFormat.versions(up.raw(versions), versions.describe());
            Path indexFile = MirrorLayout.path(out, versions);
            Map<Instance, MirrorLayout.Entry> index = new LinkedHashMap<>(MirrorLayout.index(out));
            List<Outcome> outcomes = new ArrayList<>();
            for (Instance instance : selection.against(published, up.describe())) {
                Version latest = published.stream()
                        .filter(p -> p.instance().equals(instance))
                        .findFirst()
                        .orElseThrow()
                        .latest();
                Resource endpoints = new Resource.Endpoints(instance, EndpointQuery.ALL);
                MirrorLayout.Entry had = index.get(instance);
                Resource tenantEndpoints =
                        new Resource.Endpoints(instance, new EndpointQuery(List.of(), tenant, false));
                if (had != null
                        && had.latest().equals(latest)
                        && Files.isRegularFile(MirrorLayout.path(out, endpoints))
                        && (tenant.isEmpty() || had.files().containsKey(tenantEndpoints.mirrorFile()))) {
                    outcomes.add(new Outcome(instance, latest, false));
                    continue;
                }
                Map<Resource, byte[]> files = new LinkedHashMap<>();
                Resource history = new Resource.History(instance);
                Resource feed = new Resource.Feed(instance);
                Resource changes = new Resource.Changes(instance, Version.NONE);
                files.put(history, up.raw(history));
                files.put(feed, up.raw(feed));
                files.put(endpoints, up.raw(endpoints));
                files.put(changes, up.raw(changes));
                if (tenant.isPresent()) {
                    files.put(tenantEndpoints, up.raw(tenantEndpoints));
                    WireFormat.endpoints(files.get(tenantEndpoints), instance, latest, tenantEndpoints.describe());
                }
                // validate all before writing any
                WireFormat.history(files.get(history), history.describe());
                WireFormat.feed(files.get(feed), feed.describe());
                WireFormat.endpoints(files.get(endpoints), instance, latest, endpoints.describe());
                WireFormat.changes(files.get(changes), changes.describe());
                index.remove(instance);
                AtomicFiles.write(indexFile, indexBytes(index));
                files.forEach((r, body) -> AtomicFiles.write(MirrorLayout.path(out, r), body));
                Map<String, String> shas = new TreeMap<>();
                files.forEach((r, body) -> shas.put(r.mirrorFile(), Checksums.sha256(body)));
                index.put(instance, new MirrorLayout.Entry(instance, latest, shas));
                AtomicFiles.write(indexFile, indexBytes(index));
                outcomes.add(new Outcome(instance, latest, true));
            }
            return outcomes;
        });
    }

    /** The index in the service's /version shape, plus each endpoints file's SHA-256. */
    private static byte[] indexBytes(Map<Instance, MirrorLayout.Entry> index) {
        List<Map<String, Object>> out = new ArrayList<>();
        index.values().stream()
                .sorted(java.util.Comparator.comparing(MirrorLayout.Entry::instance))
                .forEach(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("instance", e.instance().name());
                    m.put("latest", e.latest().value());
                    if (!e.files().isEmpty()) {
                        m.put("files", e.files());
                    }
                    out.add(m);
                });
        return CanonicalJson.write(out);
    }
}
