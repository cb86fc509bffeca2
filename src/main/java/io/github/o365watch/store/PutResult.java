package io.github.o365watch.store;

import java.util.List;

/**
 * What storing a snapshot did.
 *
 * @param stored        the copy now newest for that version
 * @param outcome       whether it was new, identical to the stored copy, or a republished revision
 * @param differingSets for a revision: the ids of the endpoint sets that differ from the previous revision
 */
public record PutResult(StoredVersion stored, Outcome outcome, List<Integer> differingSets) {
    public enum Outcome {
        NEW,
        IDENTICAL,
        REVISION
    }
}
