package io.github.o365watch.diff;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.ServiceArea;
import java.util.Comparator;

/**
 * One element added to or removed from one endpoint set. The service area and category are the
 * set's: after the change for an addition, before it for a removal.
 */
public record ElementChange(int setId, ServiceArea serviceArea, Category category, Direction direction, Element element)
        implements Comparable<ElementChange> {

    /** Added to the set, or removed from it. */
    public enum Direction {
        ADDED,
        REMOVED;

        public String label() {
            return this == ADDED ? "added" : "removed";
        }
    }

    private static final Comparator<ElementChange> ORDER = Comparator.comparingInt(ElementChange::setId)
            .thenComparing(ElementChange::direction)
            .thenComparing(ElementChange::element);

    @Override
    public int compareTo(ElementChange o) {
        return ORDER.compare(this, o);
    }
}
