package io.github.o365watch.domain;

/**
 * Which names are public suffixes ({@code com}, {@code co.uk}, {@code blogspot.com}): names under
 * which anyone may register a domain of their own. The list is a maintained one from a library,
 * so {@code domain} only asks.
 */
@FunctionalInterface
public interface PublicSuffixes {
    /** True when {@code name} (lower case, no trailing dot) is a public suffix. */
    boolean isPublicSuffix(String name);
}
