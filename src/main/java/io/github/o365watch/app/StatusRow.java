package io.github.o365watch.app;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.store.StoredVersion;
import java.util.Optional;

/**
 * One instance's state: the newest stored version, what the service publishes (empty offline
 * or when it failed) and how many days old the stored version's publication date is.
 */
public record StatusRow(
        Instance instance, Optional<StoredVersion> stored, Optional<Version> upstream, Optional<Long> ageDays) {

    /** True when the store's newest version is newer than the one the service publishes: sync and fetch refuse until a person decides. */
    public boolean ahead() {
        return upstream.isPresent()
                && stored.isPresent()
                && stored.get().version().isNewerThan(upstream.get());
    }

    /** True when the service publishes a newer version than the store holds. */
    public boolean behind() {
        return upstream.isPresent()
                && (stored.isEmpty() || upstream.get().isNewerThan(stored.get().version()));
    }
}
