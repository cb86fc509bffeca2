package io.github.o365watch.render;

import io.github.o365watch.domain.HostPattern;

/** Which hostnames a target can express, from none to any glob. */
public enum HostSupport {
    /** No hostnames at all (address lists only). */
    NONE,
    /** Exact names only. */
    EXACT,
    /** Exact names and {@code *.domain}. */
    SUBDOMAINS,
    /** Exact names and a {@code *} standing for whole labels anywhere ({@code autodiscover.*.onmicrosoft.com}). */
    LABELS,
    /** Any pattern, {@code *} glued to a label included. */
    ANY;

    /** Why this target cannot express the pattern, or null when it can. */
    public String refuse(HostPattern h) {
        return switch (this) {
            case NONE -> "this target takes no hostnames";
            case EXACT -> h.isWildcard() ? "this target takes exact hostnames only" : null;
            case SUBDOMAINS ->
                h.kind() == HostPattern.Kind.PARTIAL ? "this target takes a wildcard only as '*.' in front" : null;
            case LABELS -> wholeLabels(h) ? null : "this target takes '*' only as a whole label";
            case ANY -> null;
        };
    }

    private static boolean wholeLabels(HostPattern h) {
        for (String label : h.pattern().split("\\.")) {
            if (label.contains("*") && !label.equals("*")) {
                return false;
            }
        }
        return true;
    }
}
