package io.github.o365watch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.source.PublicSuffixList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostRiskTest {

    @ParameterizedTest
    @CsvSource({
        "outlook.office365.com, EXACT",
        "*.teams.microsoft.com, SCOPED",
        "*cdn.onenote.net, SCOPED",
        "*.foo.sharepoint.com, SCOPED",
        "*.microsoft.com, BROAD",
        "*.office.net, BROAD",
        "*.co.uk, BROAD",
        "x*.com, BROAD",
        "*.blob.core.windows.net, TENANT_SHARED",
        "*.sharepoint.com, TENANT_SHARED",
        "*-my.sharepoint.com, TENANT_SHARED",
        "autodiscover.*.onmicrosoft.com, TENANT_SHARED",
        "*.azurewebsites.net, TENANT_SHARED",
    })
    void classifiesWhatAPatternAdmits(String pattern, HostRisk.Kind kind) {
        assertThat(HostRisk.of(HostPattern.parse(pattern), PublicSuffixList.BUNDLED)
                        .kind())
                .isEqualTo(kind);
    }

    @Test
    void everyTenantSharedNamespaceHasItsReference() {
        assertThat(HostRisk.sharedNamespaces())
                .containsKeys("blob.core.windows.net", "sharepoint.com", "azurewebsites.net");
        HostRisk.sharedNamespaces().values().forEach(n -> {
            assertThat(n.reference()).as(n.name()).startsWith("https://learn.microsoft.com/");
            assertThat(n.whose()).as(n.name()).isNotBlank();
            assertThat(HostRisk.of(HostPattern.parse("*." + n.name()), PublicSuffixList.BUNDLED)
                            .kind())
                    .as(n.name())
                    .isEqualTo(HostRisk.Kind.TENANT_SHARED);
        });
    }
}
