package io.github.o365watch.store;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;

/**
 * One stored copy of a version. Revision 1 is the first copy; when Microsoft republishes the
 * same version number with other content, the new content is kept as revision 2, and so on.
 */
public record StoredVersion(Instance instance, Version version, int revision, int endpointSets, boolean hasChanges) {

    /** The base of its file names: {@code 2019112700} or {@code 2019112700.r2}. */
    public String baseName() {
        return revision == 1 ? version.value() : version.value() + ".r" + revision;
    }
}
