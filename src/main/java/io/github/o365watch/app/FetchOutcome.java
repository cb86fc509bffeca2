package io.github.o365watch.app;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.store.PutResult;
import io.github.o365watch.store.StoredVersion;
import java.util.List;
import java.util.Optional;

/**
 * What fetch did for one instance.
 *
 * @param previous      the newest stored version before the fetch
 * @param published     the version the service reports
 * @param changeRecords how many change records were stored; empty when none could be fetched (a mirror without them)
 * @param differingSets for a republished version: the ids of the endpoint sets that differ
 * @param warnings      unknown values and the like, one sentence each
 * @param failure       set when this instance failed (the others may have succeeded)
 * @param tenant        the tenant whose lists were fetched and kept beside the version, if any
 */
public record FetchOutcome(
        Instance instance,
        Status status,
        Optional<Version> previous,
        Optional<Version> published,
        int endpointSets,
        Optional<Integer> changeRecords,
        int revision,
        List<Integer> differingSets,
        List<String> warnings,
        Optional<RuntimeException> failure,
        Optional<String> tenant) {

    public enum Status {
        /** The stored version is the published one; nothing was downloaded. */
        UP_TO_DATE,
        /** A new version was stored. */
        STORED,
        /** Fetched again (--force): identical to the stored copy. */
        IDENTICAL,
        /** Fetched again: the same version number with other content, kept as a new revision. */
        REPUBLISHED,
        FAILED
    }

    public FetchOutcome {
        differingSets = List.copyOf(differingSets);
        warnings = List.copyOf(warnings);
    }

    static FetchOutcome upToDate(Instance instance, StoredVersion newest) {
        return new FetchOutcome(
                instance,
                Status.UP_TO_DATE,
                Optional.of(newest.version()),
                Optional.of(newest.version()),
                newest.endpointSets(),
                Optional.empty(),
                newest.revision(),
                List.of(),
                List.of(),
                Optional.empty(),
                Optional.empty());
    }

    static FetchOutcome stored(
            Instance instance,
            Optional<Version> previous,
            PutResult put,
            Optional<Integer> changeRecords,
            List<String> warnings) {
        Status status = switch (put.outcome()) {
            case NEW -> Status.STORED;
            case IDENTICAL -> Status.IDENTICAL;
            case REVISION -> Status.REPUBLISHED;
        };
        return new FetchOutcome(
                instance,
                status,
                previous,
                Optional.of(put.stored().version()),
                put.stored().endpointSets(),
                changeRecords,
                put.stored().revision(),
                put.differingSets(),
                warnings,
                Optional.empty(),
                Optional.empty());
    }

    static FetchOutcome failed(
            Instance instance, Optional<Version> previous, Optional<Version> published, RuntimeException e) {
        return new FetchOutcome(
                instance,
                Status.FAILED,
                previous,
                published,
                0,
                Optional.empty(),
                0,
                List.of(),
                List.of(),
                Optional.of(e),
                Optional.empty());
    }

    FetchOutcome withTenant(String name) {
        return new FetchOutcome(
                instance,
                status,
                previous,
                published,
                endpointSets,
                changeRecords,
                revision,
                differingSets,
                warnings,
                failure,
                Optional.of(name));
    }
}
