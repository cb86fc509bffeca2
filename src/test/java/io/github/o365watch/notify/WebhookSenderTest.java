package io.github.o365watch.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link WebhookSender} against WireMock on loopback (plain HTTP is allowed there): the three
 * message shapes, retries with recorded waits, and that the URL (it carries a token) never shows
 * up in a message.
 */
class WebhookSenderTest {
    static final String TOKEN = "SECRET-TOKEN-123";
    static final String PATH = "/hooks/" + TOKEN;
    static final String NAME = "teams webhook ($O365WATCH_TEAMS_URL)";
    static final Duration BACKOFF = Duration.ofSeconds(2);
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** The waits the sender asked for; nothing really sleeps. */
    final List<Duration> sleeps = new ArrayList<>();

    static final Event EVENT = new Event(Event.Kind.CHANGES, "Worldwide 2019093000: 13 added, 11 removed",
            List.of("Exchange: 2 prefixes added", "Teams: 1 hostname removed"), Optional.empty());

    @BeforeEach
    void okByDefault() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
    }

    WebhookSender sender(String kind, String url) {
        return new WebhookSender(kind, url, NAME, BACKOFF, sleeps::add);
    }

    String url() {
        return "http://127.0.0.1:" + wm.getPort() + PATH;
    }

    JsonNode sentBody() throws IOException {
        List<LoggedRequest> all = wm.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(all).hasSize(1);
        return JSON.readTree(all.get(0).getBody());
    }

    NotifyException failure(WebhookSender s, Event e) {
        NotifyException x = catchThrowableOfType(NotifyException.class, () -> s.send(e));
        assertThat(x).as("a NotifyException").isNotNull();
        return x;
    }

    @Test
    void teamsGetsAnAdaptiveCardMessage() throws Exception {
        sender("teams", url()).send(EVENT);

        wm.verify(1, postRequestedFor(urlPathEqualTo(PATH)).withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withHeader("User-Agent", equalTo("o365watch")));
        JsonNode m = sentBody();
        // the shape Teams workflows ("Post to a channel when a webhook request is received") take
        assertThat(m.path("type").asText()).isEqualTo("message");
        assertThat(m.path("attachments")).hasSize(1);
        JsonNode attachment = m.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        JsonNode body = card.path("body");
        assertThat(body).hasSize(2);
        assertThat(body.get(0).path("type").asText()).isEqualTo("TextBlock");
        assertThat(body.get(0).path("text").asText()).isEqualTo(EVENT.subject());
        assertThat(body.get(0).path("weight").asText()).isEqualTo("Bolder");
        assertThat(body.get(1).path("type").asText()).isEqualTo("TextBlock");
        // a blank line between items: a single newline collapses in a TextBlock
        assertThat(body.get(1).path("text").asText()).isEqualTo("Exchange: 2 prefixes added\n\nTeams: 1 hostname removed");
        assertThat(body.get(1).path("wrap").asBoolean()).isTrue();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void slackGetsTextWithItsControlCharactersEscaped() throws Exception {
        Event e = new Event(Event.Kind.PENDING, "R&D <ops>", List.of("a > b & c", "<!channel>"), Optional.empty());
        sender("slack", url()).send(e);

        JsonNode m = sentBody();
        assertThat(m.size()).as("only text").isEqualTo(1);
        // <!channel> unescaped would page everyone in the channel
        assertThat(m.path("text").asText()).isEqualTo("*R&amp;D &lt;ops&gt;*\na &gt; b &amp; c\n&lt;!channel&gt;");
    }

    @Test
    void genericGetsSourceEventSubjectAndLines() throws Exception {
        Event e = new Event(Event.Kind.REFUSED, "sync refused: Worldwide would shrink by 40%", List.of("one", "two <three>"),
                Optional.empty());
        sender("generic", url()).send(e);

        JsonNode m = sentBody();
        List<String> keys = new ArrayList<>();
        m.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("source", "event", "subject", "lines");
        assertThat(m.path("source").asText()).isEqualTo("o365watch");
        assertThat(m.path("event").asText()).isEqualTo("refused");
        assertThat(m.path("subject").asText()).isEqualTo(e.subject());
        List<String> lines = new ArrayList<>();
        m.path("lines").forEach(l -> lines.add(l.asText()));
        assertThat(m.path("lines").isArray()).isTrue();
        assertThat(lines).containsExactly("one", "two <three>");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 429})
    void aServerErrorThenSuccessIsDeliveredOnTheSecondTry(int status) {
        wm.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(status)).willSetStateTo("recovered"));
        wm.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));

        sender("teams", url()).send(EVENT);

        wm.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(sleeps).containsExactly(BACKOFF);
    }

    @Test
    void threeServerErrorsGiveUpAfterExactlyThreeRequests() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));

        NotifyException x = failure(sender("teams", url()), EVENT);

        assertThat(x.getMessage()).isEqualTo(NAME + " failed: HTTP 503");
        wm.verify(3, postRequestedFor(urlPathEqualTo(PATH)));
        // doubling, and no wait after the last try
        assertThat(sleeps).containsExactly(BACKOFF, BACKOFF.multipliedBy(2));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 302})
    void aClientErrorOrRedirectIsNotRetried(int status) {
        // a redirect is not followed: it could take the token somewhere else
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status).withHeader("Location", "http://127.0.0.1:9/x")));

        NotifyException x = failure(sender("slack", url()), EVENT);

        assertThat(x.getMessage()).isEqualTo(NAME + " failed: HTTP " + status);
        wm.verify(1, anyRequestedFor(anyUrl()));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aRefusedConnectionFailsWithoutShowingTheUrl() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // free again once closed: nothing listens there
        }
        String url = "http://127.0.0.1:" + closed + PATH + "?sig=" + TOKEN;

        NotifyException x = failure(sender("teams", url), EVENT);

        assertThat(x.getMessage()).startsWith(NAME + " failed: ").contains("onnect").doesNotContain(TOKEN).doesNotContain("/hooks");
        assertThat(sleeps).as("network errors are retried").hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/hooks/", "http://10.0.0.1/hooks/", "http://127.0.0.1.nip.io:PORT/hooks/",
        "http://127.attacker.example:PORT/hooks/"})
    void plainHttpOffLoopbackIsRefusedWithoutARequest(String prefix) {
        String url = prefix.replace("PORT", String.valueOf(wm.getPort())) + TOKEN;

        NotifyException x = failure(sender("teams", url), EVENT);

        assertThat(x.getMessage()).isEqualTo(NAME + ": refusing plain HTTP (only https://, or http:// to loopback)");
        assertThat(sleeps).isEmpty();
        // the names above that end in nip.io resolve to 127.0.0.1 where DNS works: this server would see them
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void aCertificateTheJdkDoesNotTrustFailsBeforeAnythingIsPosted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path keysDir) {
        // a self-signed certificate, as a TLS-inspecting proxy or an impostor would present: webhooks have no switch to accept it
        io.github.o365watch.testing.SmtpServer.Keys keys = io.github.o365watch.testing.SmtpServer.Keys.localhost(keysDir);
        com.github.tomakehurst.wiremock.WireMockServer https = new com.github.tomakehurst.wiremock.WireMockServer(wireMockConfig()
                .httpDisabled(true).dynamicHttpsPort().keystorePath(keys.keystore().toString()).keystoreType("PKCS12")
                .keystorePassword(io.github.o365watch.testing.SmtpServer.Keys.password())
                .keyManagerPassword(io.github.o365watch.testing.SmtpServer.Keys.password()));
        https.start();
        try {
            https.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)));

            NotifyException x = failure(sender("teams", "https://localhost:" + https.httpsPort() + PATH), EVENT);

            assertThat(x.getMessage()).startsWith(NAME + " failed: SSLHandshakeException").doesNotContain(TOKEN);
            assertThat(https.getAllServeEvents()).as("no request was sent").isEmpty();
        } finally {
            https.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks.example.com/hooks/" + TOKEN, "ftp://hooks.example.com/" + TOKEN, "https:// /" + TOKEN, ""})
    void anUnparsableUrlIsRefusedWithoutEchoingIt(String url) {
        NotifyException x = failure(sender("generic", url), EVENT);

        assertThat(x.getMessage()).isEqualTo(NAME + ": the URL is not a URL").doesNotContain(TOKEN);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void anInterruptedWaitStopsRetrying() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        WebhookSender s = new WebhookSender("teams", url(), NAME, BACKOFF, d -> {
            throw new InterruptedException();
        });
        try {
            NotifyException x = failure(s, EVENT);

            assertThat(x.getMessage()).isEqualTo(NAME + " failed: HTTP 503");
            wm.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
            // the interrupt is kept for whoever runs this thread
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
