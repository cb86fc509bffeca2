package io.github.o365watch.app;

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
import io.github.o365watch.store.StoreLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a mirror directory for air-gapped networks: per instance the version history (JSON and
 * RSS), the endpoints and the whole change history, byte for byte as served, each validated
 * before it is written. {@code version.json} is written last and lists only the instances whose
 * files are in the mirror at that version, so a reader never sees a version its files lack.
 */
public final class Mirror {
    private final Workspace ws;

    public Mirror(Workspace ws) {
        this.ws = ws;
    }

    /** What was done for one instance. */
    public record Outcome(Instance instance, Version version, boolean updated) {
    }

    public List<Outcome> run(Path out, Instances selection, Duration lockTimeout, String holder) {
        Upstream up = ws.upstream();
        try (StoreLock lock = StoreLock.acquire(out, lockTimeout, holder)) {
            Resource versionsResource = new Resource.Versions();
            List<PublishedVersion> published = WireFormat.versions(up.raw(versionsResource), versionsResource.describe());
            Map<Instance, Version> mirrored = new LinkedHashMap<>();
            Path versionFile = MirrorLayout.path(out, versionsResource);
            if (Files.isRegularFile(versionFile)) {
                for (PublishedVersion p : WireFormat.versions(read(versionFile), "mirror " + versionFile)) {
                    mirrored.put(p.instance(), p.latest());
                }
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Instance instance : selection.against(published, up.describe())) {
                Version latest = published.stream().filter(p -> p.instance().equals(instance)).findFirst().orElseThrow().latest();
                Resource endpoints = new Resource.Endpoints(instance, EndpointQuery.ALL);
                if (latest.equals(mirrored.get(instance)) && Files.isRegularFile(MirrorLayout.path(out, endpoints))) {
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
                // validate all before writing any
                WireFormat.history(files.get(history), history.describe());
                WireFormat.feed(files.get(feed), feed.describe());
                WireFormat.endpoints(files.get(endpoints), instance, latest, endpoints.describe());
                WireFormat.changes(files.get(changes), changes.describe());
                files.forEach((r, body) -> AtomicFiles.write(MirrorLayout.path(out, r), body));
                mirrored.put(instance, latest);
                outcomes.add(new Outcome(instance, latest, true));
            }
            List<Map<String, String>> index = new ArrayList<>();
            new TreeMap<>(mirrored).forEach((i, v) -> index.add(Map.of("instance", i.name(), "latest", v.value())));
            AtomicFiles.write(versionFile, CanonicalJson.write(index));
            return outcomes;
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new io.github.o365watch.store.StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
