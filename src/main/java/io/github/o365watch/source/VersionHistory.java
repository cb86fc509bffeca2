package io.github.o365watch.source;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import java.util.List;

/** Every version an instance has published ({@code AllVersions=true}), newest first. */
public record VersionHistory(Instance instance, Version latest, List<Version> versions) {
    public VersionHistory {
        versions = versions.stream()
                .distinct()
                .sorted(java.util.Comparator.reverseOrder())
                .toList();
    }
}
