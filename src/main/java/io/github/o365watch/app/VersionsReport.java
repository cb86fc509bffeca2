package io.github.o365watch.app;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.source.FeedEntry;
import io.github.o365watch.store.StoredVersion;
import java.util.List;
import java.util.Optional;

/**
 * Stored and published versions of one instance, newest first.
 *
 * @param upstreamFailure why the upstream history is missing (empty offline: then it was not asked)
 * @param feedFailure     why the RSS summaries are missing, if the feed could not be read
 */
public record VersionsReport(
        Instance instance,
        List<Row> rows,
        boolean upstreamAsked,
        Optional<RuntimeException> upstreamFailure,
        Optional<RuntimeException> feedFailure) {

    /** One version: stored revisions (0 if not stored), published upstream, and the feed's summary. */
    public record Row(
            Version version,
            int revisions,
            Optional<StoredVersion> stored,
            boolean published,
            Optional<FeedEntry> feed) {}
}
