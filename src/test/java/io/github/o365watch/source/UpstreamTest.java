package io.github.o365watch.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.Version;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.WireMocks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The client's requests, as the service sees them, and the shapes of its answers. */
class UpstreamTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    SourceOptions options(String location) {
        return SourceOptions.builder(location, tmp, Map.of())
                .clientRequestId(Optional.of("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"))
                .timeout(Duration.ofSeconds(5))
                .attempts(1)
                .backoff(Duration.ZERO)
                .sleeper(x -> {})
                .clock(Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC))
                .build();
    }

    @Test
    void endpointsCarryTheOptionalParametersWhenAsked() {
        wm.stubFor(get(urlPathEqualTo("/endpoints/USGovGCCHigh"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.endpoints("USGovDoD", "2019120400"))));
        Upstream up = Upstream.open(options(wm.baseUrl()));

        up.endpoints(
                Instance.parse("usgovgcchigh"),
                Version.parse("2019120400"),
                new EndpointQuery(
                        List.of(ServiceArea.parse("Exchange"), ServiceArea.parse("Skype")),
                        Optional.of("contoso"),
                        true));

        LoggedRequest r = wm.getAllServeEvents().get(0).getRequest();
        assertThat(r.getUrl()).startsWith("/endpoints/USGovGCCHigh?");
        assertThat(r.queryParameter("ServiceAreas").firstValue()).isEqualTo("Exchange,Skype");
        assertThat(r.queryParameter("TenantName").firstValue()).isEqualTo("contoso");
        assertThat(r.queryParameter("NoIPv6").firstValue()).isEqualTo("true");
        assertThat(r.queryParameter("ClientRequestId").firstValue()).isEqualTo("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9");
        assertThat(r.getHeader("User-Agent")).startsWith("o365watch/");
    }

    @Test
    void aBaseUrlWithAPathKeepsIt() {
        wm.stubFor(get(urlPathEqualTo("/m365/version"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.versionJson("Worldwide", "2019093000"))));
        assertThat(Upstream.open(options(wm.baseUrl() + "/m365/")).latestVersions())
                .containsExactly(new PublishedVersion(Instance.WORLDWIDE, Version.parse("2019093000")));
    }

    @Test
    void versionAcceptsAnArrayOrOneObjectAndTheHistoryIsSorted() {
        assertThat(WireFormat.versions("{\"instance\":\"worldwide\",\"latest\":\"2019093000\"}".getBytes(), "t"))
                .containsExactly(new PublishedVersion(Instance.WORLDWIDE, Version.parse("2019093000")));
        VersionHistory h = WireFormat.history(
                ("{\"instance\":\"Worldwide\",\"latest\":\"2019093000\",\"versions\":"
                                + "[\"2018063000\",\"2019093000\",\"2019082800\"],\"newField\":1}")
                        .getBytes(),
                "t");
        assertThat(h.versions()).extracting(Version::value).containsExactly("2019093000", "2019082800", "2018063000");
        assertThatThrownBy(() -> WireFormat.versions("[]".getBytes(), "GET /version"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("GET /version: lists no instance");
    }

    @Test
    void unknownFieldsAreIgnoredAndTypesAreStrict() {
        String set =
                "{\"id\":1,\"serviceArea\":\"Exchange\",\"category\":\"Allow\",\"required\":true,\"expressRoute\":false,"
                        + "\"urls\":[\"a.example.com\"],\"brandNewField\":{\"x\":[1,2]}}";
        assertThat(WireFormat.endpoints(
                                ("[" + set + "]").getBytes(), Instance.WORLDWIDE, Version.parse("2019093000"), "t")
                        .sets())
                .hasSize(1);
        for (String bad : new String[] {
            set.replace("\"required\":true", "\"required\":\"true\""),
            set.replace("\"id\":1", "\"id\":1.5"),
            set.replace("\"id\":1", "\"id\":\"1\""),
            set.replace("\"urls\":[\"a.example.com\"]", "\"urls\":\"a.example.com\"")
        }) {
            assertThatThrownBy(() -> WireFormat.endpoints(
                            ("[" + bad + "]").getBytes(), Instance.WORLDWIDE, Version.parse("2019093000"), "t"))
                    .as(bad)
                    .isInstanceOf(InvalidDataException.class);
        }
        assertThatThrownBy(() -> WireFormat.endpoints(
                        ("[" + set.replace("{\"id\":1,", "{\"id\":1,\"id\":2,") + "]").getBytes(),
                        Instance.WORLDWIDE,
                        Version.parse("2019093000"),
                        "t"))
                .hasMessageContaining("Duplicate field 'id'");
    }

    @Test
    void theRssFeedIsReadWithRome() {
        List<FeedEntry> feed = WireFormat.feed(Fixtures.resource("upstream/worldwide-history.rss"), "t");
        assertThat(feed).extracting(e -> e.version().value()).containsExactly("2019093000", "2019082800", "2019072900");
        assertThat(feed.get(0).published()).contains(Instant.parse("2019-09-30T20:15:33Z"));
        assertThat(feed.get(0).summary()).startsWith("Version 2019093000 includes 5 changes.");
        assertThatThrownBy(() -> WireFormat.feed(
                        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><rss>&e;</rss>".getBytes(), "t"))
                .isInstanceOf(InvalidDataException.class);
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        Http http = new Http(options(wm.baseUrl()));
        assertThat(http.retryAfter("120")).contains(Duration.ofSeconds(120));
        assertThat(http.retryAfter("Wed, 25 Nov 2026 00:01:00 GMT")).contains(Duration.ofSeconds(60));
        assertThat(http.retryAfter("soon")).isEmpty();
        assertThat(http.retryAfter(null)).isEmpty();
    }
}
