package io.github.o365watch.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Microsoft 365 web service, played by WireMock with real published data: {@code /version},
 * {@code /version/{i}} (JSON and RSS), {@code /endpoints/{i}} and {@code /changes/{i}/{v}}.
 */
public final class FakeService {
    private final WireMockExtension wm;
    private final Map<String, String> latest = new LinkedHashMap<>();

    public FakeService(WireMockExtension wm) {
        this.wm = wm;
    }

    public String url() {
        return wm.baseUrl();
    }

    /** Publishes a fixture version of an instance: /version, /version/{i}, /endpoints/{i}, empty /changes. */
    public FakeService publish(String instance, String version) {
        return publish(instance, version, Fixtures.endpoints(instance, version));
    }

    public FakeService publish(String instance, String version, byte[] endpoints) {
        latest.put(instance, version);
        wm.stubFor(get(urlPathEqualTo("/version")).willReturn(json(versionBody())));
        List<String> history = new ArrayList<>();
        for (String v : Fixtures.versions(instance)) {
            if (v.compareTo(version) <= 0) {
                history.add("\"" + v + "\"");
            }
        }
        if (!history.contains("\"" + version + "\"")) {
            history.add("\"" + version + "\"");
        }
        wm.stubFor(get(urlPathEqualTo("/version/" + instance))
                .willReturn(json("{\"instance\":\"" + instance + "\",\"latest\":\"" + version + "\",\"versions\":["
                        + String.join(",", reversed(history)) + "]}")));
        wm.stubFor(get(urlPathEqualTo("/endpoints/" + instance))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(endpoints)));
        if (wm.getStubMappings().stream()
                .noneMatch(m -> m.getRequest().getUrlPathPattern() != null
                        && m.getRequest().getUrlPathPattern().equals("/changes/" + instance + "/[0-9]{10}"))) {
            changes(instance, "[]");
        }
        return this;
    }

    /** Serves this /changes body for any version. */
    public FakeService changes(String instance, String body) {
        wm.stubFor(get(urlPathMatching("/changes/" + instance + "/[0-9]{10}")).willReturn(json(body)));
        return this;
    }

    public FakeService rss(String instance, String body) {
        wm.stubFor(get(urlPathEqualTo("/version/" + instance))
                .withQueryParam("Format", com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase("RSS"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/rss+xml; charset=ISO-8859-1")
                        .withBody(body)));
        return this;
    }

    private String versionBody() {
        List<String> pairs = new ArrayList<>();
        latest.forEach((i, v) -> {
            pairs.add(i);
            pairs.add(v);
        });
        return Fixtures.versionJson(pairs.toArray(String[]::new));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    private static List<String> reversed(List<String> list) {
        List<String> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }

    /** Every request received, in the order received. */
    public List<LoggedRequest> requests() {
        List<LoggedRequest> all = new ArrayList<>();
        wm.getAllServeEvents().forEach(e -> all.add(e.getRequest()));
        java.util.Collections.reverse(all); // WireMock lists the newest first
        return all;
    }

    /** The paths requested, in order, e.g. {@code /version}, {@code /endpoints/Worldwide}. */
    public List<String> paths() {
        return requests().stream().map(r -> r.getUrl().replaceAll("\\?.*", "")).toList();
    }
}
