package io.github.o365watch.store;

/**
 * The commit record of a stored version, written last: the checksums that loading verifies.
 * A data file without its meta file is the leftover of an interrupted write and is ignored.
 */
record Meta(
        Integer format,
        String instance,
        String version,
        Integer revision,
        Integer endpointSets,
        String sha256,
        String changesSha256,
        String rawSha256) {}
