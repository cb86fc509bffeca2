package io.github.o365watch.app;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import java.util.List;
import java.util.Optional;

/**
 * What fetch did for one instance.
 *
 * @param previous  the newest stored version before the fetch
 * @param published the version the service reports
 * @param changeRecords how many change records were stored; empty when none could be fetched (a mirror without them)
 * @param warnings  unknown values and the like, one sentence each
 * @param failure   set when this instance failed (the others may have succeeded)
 */
public record FetchOutcome(
        Instance instance,
        Status status,
        Optional<Version> previous,
        Optional<Version> published,
        int endpointSets,
        Optional<Integer> changeRecords,
        int revision,
        Optional<Integer> differingSets,
        List<String> warnings,
        Optional<RuntimeException> failure) {

    public enum Status {
        /** The stored version is the published one; nothing was downloaded. */
        UP_TO_DATE,
        /** A new version was stored. */
        STORED,
        /** Fetched again (--force): identical to the stored copy. */
        IDENTICAL,
        /** Fetched again: the same version number with other content, kept as a new revision. */
        REPUBLISHED,
        /** The service reports an older version than the store holds; nothing was done. */
        UPSTREAM_OLDER,
        FAILED
    }

    public FetchOutcome {
        warnings = List.copyOf(warnings);
    }

    static FetchOutcome failed(Instance instance, Optional<Version> previous, Optional<Version> published, RuntimeException e) {
        return new FetchOutcome(instance, Status.FAILED, previous, published, 0, Optional.empty(), 0, Optional.empty(), List.of(), Optional.of(e));
    }
}
