package io.github.o365watch.serve;

import java.util.Optional;

/**
 * What the server serves and why: the last good release (if any) and, when the output now
 * published could not be read or is not what sync published, the problem. Health and metrics
 * report the problem; requests go on being answered from the last good release.
 */
public record ReleaseState(Optional<Release> release, Optional<String> problem, long loads, long failures) {}
