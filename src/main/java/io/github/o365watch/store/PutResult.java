package io.github.o365watch.store;

import java.util.Optional;

/**
 * What storing a snapshot did.
 *
 * @param stored        the copy now newest for that version
 * @param outcome       whether it was new, identical to the stored copy, or a republished revision
 * @param replacedSets  for a revision: how many endpoint sets differ from the previous revision
 */
public record PutResult(StoredVersion stored, Outcome outcome, Optional<Integer> replacedSets) {
    public enum Outcome {
        NEW,
        IDENTICAL,
        REVISION
    }
}
