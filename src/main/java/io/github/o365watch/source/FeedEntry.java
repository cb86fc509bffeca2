package io.github.o365watch.source;

import io.github.o365watch.domain.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * One item of the RSS form of the version history: the version, Microsoft's one-line summary
 * ("Version N includes X changes. IPs: ...") and when it was published.
 */
public record FeedEntry(Version version, String summary, Optional<Instant> published) {}
