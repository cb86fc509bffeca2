package io.github.o365watch.source;

import io.github.o365watch.domain.Snapshot;

/** A validated snapshot and the SHA-256 (hex) of the response it was read from. */
public record FetchedSnapshot(Snapshot snapshot, String rawSha256) {}
