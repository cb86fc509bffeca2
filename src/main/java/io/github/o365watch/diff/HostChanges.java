package io.github.o365watch.diff;

import io.github.o365watch.domain.HostPattern;
import java.util.List;

/**
 * Hostnames across all endpoint sets.
 *
 * @param listed   patterns listed now that no set listed before
 * @param unlisted patterns no set lists any more
 * @param moved    patterns listed before and after, but by other sets
 */
public record HostChanges(List<HostPattern> listed, List<HostPattern> unlisted, List<Move> moved) {

    /** A hostname pattern that changed sets: the ids of the sets listing it before and after. */
    public record Move(HostPattern host, List<Integer> fromSets, List<Integer> toSets) {}
}
