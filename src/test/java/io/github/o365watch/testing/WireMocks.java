package io.github.o365watch.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** How the tests start WireMock. */
public final class WireMocks {
    private WireMocks() {}

    /**
     * A dynamic port, and no log line per request: WireMock otherwise formats every request and
     * the whole matched response definition (its body in Base64) into a message, even when the
     * logger drops it, which was 40% of {@code FaultMatrixTest}'s CPU (JFR).
     */
    public static WireMockConfiguration options() {
        return wireMockConfig().dynamicPort().stubRequestLoggingDisabled(true);
    }
}
