package io.github.o365watch.source;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;

/** One instance's newest published version, as {@code /version} reports it. */
public record PublishedVersion(Instance instance, Version latest) {}
