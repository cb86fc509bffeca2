package io.github.o365watch.source;

import io.github.o365watch.domain.PublicSuffixes;
import okhttp3.HttpUrl;

/**
 * The public suffix list OkHttp bundles (and updates with each release), asked through
 * {@link HttpUrl#topPrivateDomain()}: a name is a public suffix when no registrable domain is
 * left of it. Covers the list's private section too ({@code blogspot.com}, {@code azureedge.net}).
 */
public final class PublicSuffixList implements PublicSuffixes {
    public static final PublicSuffixList BUNDLED = new PublicSuffixList();

    private PublicSuffixList() {}

    /** @throws IllegalArgumentException when {@code name} is not a host name (a pattern's fixed labels always are) */
    @Override
    public boolean isPublicSuffix(String name) {
        return new HttpUrl.Builder().scheme("https").host(name).build().topPrivateDomain() == null;
    }
}
