package io.github.o365watch.source;

import com.google.common.net.InternetDomainName;
import io.github.o365watch.domain.PublicSuffixes;

/**
 * The Public Suffix List Guava bundles (and updates with each release), the one copy o365watch
 * asks: {@link #isPublicSuffix} covers both of the list's sections ({@code com}, {@code co.uk},
 * {@code blogspot.com}, {@code azureedge.net}); the feed's border ({@link FeedRules}) uses only
 * its ICANN section, because the private one holds Microsoft's own suffixes.
 */
public final class PublicSuffixList implements PublicSuffixes {
    public static final PublicSuffixList BUNDLED = new PublicSuffixList();

    private PublicSuffixList() {}

    /** @throws IllegalArgumentException when {@code name} is not a host name (a pattern's fixed labels always are) */
    @Override
    public boolean isPublicSuffix(String name) {
        // the list's implicit rule "*": a top-level label it does not list (local, internal) is a public suffix too
        return name.indexOf('.') < 0 || InternetDomainName.from(name).isPublicSuffix();
    }
}
