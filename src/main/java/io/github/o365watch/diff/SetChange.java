package io.github.o365watch.diff;

import io.github.o365watch.domain.EndpointSet;
import java.util.List;
import java.util.Optional;

/** What happened to one endpoint set id between two versions. */
public sealed interface SetChange permits SetChange.Added, SetChange.Removed, SetChange.Modified {

    int id();

    /** The set before, if it existed. */
    Optional<EndpointSet> before();

    /** The set after, if it still exists. */
    Optional<EndpointSet> after();

    /** Elements added and removed (for a new set, all of its elements; for a removed one, all of its). */
    List<ElementChange> elements();

    /** Attributes that changed (only for a set present in both versions). */
    List<AttributeChange> attributes();

    /** A set present in both versions that changed only in cosmetic attributes (display name, notes). */
    default boolean cosmeticOnly() {
        return this instanceof Modified
                && elements().isEmpty()
                && attributes().stream().allMatch(AttributeChange::cosmetic);
    }

    /** The set as it is now, or as it was when it was removed. */
    default EndpointSet latest() {
        return after().or(this::before).orElseThrow();
    }

    /** A new endpoint set. */
    record Added(EndpointSet set, List<ElementChange> elements) implements SetChange {
        @Override
        public int id() {
            return set.id();
        }

        @Override
        public Optional<EndpointSet> before() {
            return Optional.empty();
        }

        @Override
        public Optional<EndpointSet> after() {
            return Optional.of(set);
        }

        @Override
        public List<AttributeChange> attributes() {
            return List.of();
        }
    }

    /** An endpoint set that is gone. */
    record Removed(EndpointSet set, List<ElementChange> elements) implements SetChange {
        @Override
        public int id() {
            return set.id();
        }

        @Override
        public Optional<EndpointSet> before() {
            return Optional.of(set);
        }

        @Override
        public Optional<EndpointSet> after() {
            return Optional.empty();
        }

        @Override
        public List<AttributeChange> attributes() {
            return List.of();
        }
    }

    /** An endpoint set present in both versions with different content. */
    record Modified(EndpointSet from, EndpointSet to, List<ElementChange> elements, List<AttributeChange> attributes)
            implements SetChange {
        @Override
        public int id() {
            return to.id();
        }

        @Override
        public Optional<EndpointSet> before() {
            return Optional.of(from);
        }

        @Override
        public Optional<EndpointSet> after() {
            return Optional.of(to);
        }
    }
}
