package io.github.o365watch.serve;

import io.github.o365watch.domain.Instance;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a site keeps what the figures are read from: the lock file (versions applied), the store
 * (the newest version fetched), the instances the config names, and the textfile sync writes its
 * last result to, when the config names one.
 */
public record SiteFacts(Path lockFile, Path store, List<Instance> instances, Optional<Path> syncMetricsFile) {
    public SiteFacts {
        instances = List.copyOf(instances);
    }
}
