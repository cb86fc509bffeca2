package io.github.o365watch.cli;

import io.github.o365watch.app.UsageException;
import io.github.o365watch.domain.Instance;

/** One --instance value, parsed. */
final class InstanceNames {
    private InstanceNames() {}

    static Instance parse(String name) {
        try {
            return Instance.parse(name);
        } catch (RuntimeException e) {
            throw UsageException.commandLine("--instance: " + e.getMessage());
        }
    }
}
