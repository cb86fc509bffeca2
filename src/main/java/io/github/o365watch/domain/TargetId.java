package io.github.o365watch.domain;

import java.util.regex.Pattern;

/**
 * The one rule for a target's id (the folder name in {@code rules-templates/}): the templates, the
 * target specs, the config file and the lock file all check it here.
 */
public final class TargetId {
    private static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private TargetId() {}

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
