package io.github.o365watch.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.HostPattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The list OkHttp bundles: ICANN suffixes, wildcard rules and the private section; registrable names are not suffixes. */
class PublicSuffixListTest {

    @ParameterizedTest
    @CsvSource({
        "com, true",
        "co.uk, true",
        "uk, true",
        "blogspot.com, true",
        "azureedge.net, true",
        "foo.kawasaki.jp, true",
        "local, true",
        "sharepoint.com, false",
        "onmicrosoft.com, false",
        "core.windows.net, false",
        "corp.local, false",
        "x_y.com, false",
    })
    void knowsThePublicSuffixes(String name, boolean suffix) {
        assertThat(PublicSuffixList.BUNDLED.isPublicSuffix(name)).isEqualTo(suffix);
    }

    @ParameterizedTest
    @CsvSource({
        "*.com, com",
        "*.co.uk, co.uk",
        "*.blogspot.com, blogspot.com",
        "*.sharepoint.com, ''",
        "*broadcast.officeapps.live.com, ''",
        "autodiscover.*.onmicrosoft.com, ''",
    })
    void withHostPatterns(String pattern, String suffix) {
        assertThat(HostPattern.parse(pattern)
                        .wildcardAcross(PublicSuffixList.BUNDLED)
                        .orElse(""))
                .isEqualTo(suffix);
    }
}
