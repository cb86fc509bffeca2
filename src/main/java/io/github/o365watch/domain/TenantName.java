package io.github.o365watch.domain;

import java.util.regex.Pattern;

/**
 * The one rule for a tenant name (the {@code contoso} of {@code contoso.sharepoint.com}): the
 * config file, the command line, the web-service query and the store's file names all check it
 * here, and every refusal says it in the same words.
 */
public final class TenantName {
    /** A DNS label: letters, digits and '-', not starting with '-', at most 63 characters. */
    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");

    /** What a refusal says a tenant name is. */
    public static final String RULE = "not a tenant name (letters, digits and '-')";

    private TenantName() {}

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }
}
