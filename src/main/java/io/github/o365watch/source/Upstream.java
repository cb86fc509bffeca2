package io.github.o365watch.source;

import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.Checksums;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.Version;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The web service or a mirror, read into domain values. */
public final class Upstream {
    private final EndpointSource source;
    private final boolean mirror;
    private final java.time.Clock clock;

    private Upstream(EndpointSource source, boolean mirror, java.time.Clock clock) {
        this.source = source;
        this.mirror = mirror;
        this.clock = clock;
    }

    /** The web service for an {@code https://} (or loopback {@code http://}) location, else a mirror directory. */
    public static Upstream open(SourceOptions options) {
        if (options.isUrl()) {
            return new Upstream(new WebServiceSource(options), false, options.clock());
        }
        return new Upstream(
                new MirrorSource(Path.of(options.location()), options.maxBodyBytes()), true, options.clock());
    }

    public String describe() {
        return source.describe();
    }

    public boolean isMirror() {
        return mirror;
    }

    /** Raw bytes of a resource, as the mirror writer keeps them. */
    public byte[] raw(Resource resource) {
        return source.get(resource);
    }

    /** Each instance's newest version; a version that is no date, or is dated after tomorrow (UTC), is invalid data. */
    public List<PublishedVersion> latestVersions() {
        Resource r = new Resource.Versions();
        List<PublishedVersion> out = WireFormat.versions(source.get(r), r.describe());
        out.forEach(p -> dated(p.latest(), r));
        return out;
    }

    /** The latest day a published version may carry: tomorrow in UTC, as a version's date is the publication day somewhere. */
    private Version dated(Version v, Resource r) {
        try {
            return v.asPublished(java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC))
                    .plusDays(1));
        } catch (InvalidDataException e) {
            throw new InvalidDataException(r.describe() + ": " + e.getMessage());
        }
    }

    public VersionHistory history(Instance instance) {
        Resource r = new Resource.History(instance);
        VersionHistory h = WireFormat.history(source.get(r), r.describe());
        h.versions().forEach(v -> dated(v, r));
        if (!h.instance().equals(instance)) {
            throw new InvalidDataException(r.describe() + ": answered for instance " + h.instance());
        }
        return h;
    }

    public List<FeedEntry> feed(Instance instance) {
        Resource r = new Resource.Feed(instance);
        return WireFormat.feed(source.get(r), r.describe());
    }

    /** The endpoint sets, labelled with the version the version check reported. */
    public FetchedSnapshot endpoints(Instance instance, Version version, EndpointQuery query) {
        Resource r = new Resource.Endpoints(instance, query);
        byte[] body = source.get(r);
        return new FetchedSnapshot(WireFormat.endpoints(body, instance, version, r.describe()), Checksums.sha256(body));
    }

    /**
     * The change records published after {@code since} up to and including {@code upTo}. A
     * mirror keeps the whole history; the web service is asked for what follows {@code since}.
     * Both are cut to the same range, so a mirror gives what the service would. Empty when a
     * mirror holds no change records (one built from archived lists).
     */
    public Optional<List<ChangeRecord>> changes(Instance instance, Version since, Version upTo) {
        Resource r = new Resource.Changes(instance, mirror ? Version.NONE : since);
        if (!source.has(r)) {
            return Optional.empty();
        }
        return Optional.of(WireFormat.changes(source.get(r), r.describe()).stream()
                .filter(c -> c.version().isNewerThan(since) && !c.version().isNewerThan(upTo))
                .sorted(java.util.Comparator.comparingInt(ChangeRecord::id))
                .toList());
    }
}
