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
import io.github.o365watch.testing.WireMocks;
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
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    /** The waits the sender asked for; nothing really sleeps. */
    final List<Duration> sleeps = new ArrayList<>();

    static final Event EVENT = new Event(
            Event.Kind.CHANGES,
            "Worldwide 2019093000: 13 added, 11 removed",
            List.of("Exchange: 2 prefixes added", "Teams: 1 hostname removed"),
            Optional.empty());

    @BeforeEach
    void okByDefault() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
    }

    WebhookSender sender(String kind, String url) {
        return new WebhookSender(WebhookSender.Kind.parse(kind).orElseThrow(), url, NAME, BACKOFF, sleeps::add);
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

        wm.verify(
                1,
                postRequestedFor(urlPathEqualTo(PATH))
                        .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
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
        assertThat(body).hasSize(3);
        // one RichTextBlock per line, its text in a TextRun: Teams reads no Markdown there
        assertThat(runs(body))
                .containsExactly(EVENT.subject(), "Exchange: 2 prefixes added", "Teams: 1 hostname removed");
        JsonNode title = body.get(0).path("inlines").get(0);
        assertThat(title.path("weight").asText()).isEqualTo("Bolder");
        assertThat(title.path("size").asText()).isEqualTo("Medium");
        assertThat(sleeps).isEmpty();
    }

    /** The text of every TextRun, in order; fails on any other element (a TextBlock would read Markdown). */
    static List<String> runs(JsonNode body) {
        List<String> out = new ArrayList<>();
        for (JsonNode block : body) {
            assertThat(block.path("type").asText()).isEqualTo("RichTextBlock");
            for (JsonNode run : block.path("inlines")) {
                assertThat(run.path("type").asText()).isEqualTo("TextRun");
                out.add(run.path("text").asText());
            }
        }
        return out;
    }

    @Test
    void slackGetsPlainTextBlocksAndAnEscapedFallback() throws Exception {
        Event e = new Event(Event.Kind.PENDING, "R&D <ops>", List.of("a > b & c", "<!channel>"), Optional.empty());
        sender("slack", url()).send(e);

        JsonNode m = sentBody();
        // the fallback (notifications) is mrkdwn: <!channel> unescaped would page everyone in the channel
        assertThat(m.path("text").asText()).isEqualTo("R&amp;D &lt;ops&gt;");
        assertThat(m.path("unfurl_links").asBoolean(true)).isFalse();
        JsonNode blocks = m.path("blocks");
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("R&D <ops>");
        assertThat(blocks.get(1).path("type").asText()).isEqualTo("section");
        assertThat(blocks.get(1).path("text").path("text").asText()).isEqualTo("a > b & c\n<!channel>");
        for (JsonNode b : blocks) {
            assertThat(b.path("text").path("type").asText()).isEqualTo("plain_text");
            assertThat(b.path("text").path("emoji").asBoolean(true)).isFalse();
        }
    }

    /**
     * Feed text that would be a link, a mention or formatting in Teams' Markdown or Slack's mrkdwn:
     * posted as text the platforms show as written, never as markup the bot sent.
     */
    @Test
    void feedTextIsNeverMarkupInTeamsOrSlack() throws Exception {
        List<String> hostile = List.of(
                "note: [Sign in to approve](https://evil.example/a)",
                "*bold* _it_ ~gone~ `code` <https://evil.example|click>",
                "- a list item",
                "1. a numbered item",
                ":joy: <!here> <@U123>");
        Event e = new Event(
                Event.Kind.CHANGES, "o365watch: [Approve](https://evil.example/b)", hostile, Optional.empty());
        sender("teams", url()).send(e);
        JsonNode card = sentBody().path("attachments").get(0).path("content");
        List<String> texts = new ArrayList<>(List.of(e.subject()));
        texts.addAll(hostile);
        assertThat(runs(card.path("body"))).isEqualTo(texts);
        assertThat(card.toString()).doesNotContain("\"TextBlock\"");

        wm.resetRequests();
        sender("slack", url()).send(e);
        JsonNode m = sentBody();
        assertThat(m.path("text").asText()).isEqualTo("o365watch: [Approve](https://evil.example/b)");
        assertThat(m.path("blocks").get(1).path("text").path("text").asText()).isEqualTo(String.join("\n", hostile));
        m.path("blocks")
                .forEach(b -> assertThat(b.path("text").path("type").asText()).isEqualTo("plain_text"));
    }

    /**
     * Any text from the feed, in the subject or the lines: Teams gets it only in TextRuns, exactly;
     * Slack only in plain_text objects, the lines exactly (within Slack's limits); the one mrkdwn
     * text, the fallback, has no raw control character.
     */
    @Test
    void anyFeedTextStaysTextInEveryMessage() {
        io.github.o365watch.testing.Fuzz.qt(1000)
                .forAll(
                        io.github.o365watch.testing.HostileFeeds.text(),
                        org.quicktheories.generators.SourceDSL.lists()
                                .of(io.github.o365watch.testing.HostileFeeds.text())
                                .ofSizeBetween(0, 5))
                .checkAssert((subject, lines) -> {
                    Event e = new Event(Event.Kind.CHANGES, subject, lines, Optional.empty());
                    try {
                        JsonNode card = JSON.readTree(
                                        new WebhookSender(WebhookSender.Kind.TEAMS, url(), NAME, BACKOFF, sleeps::add)
                                                .body(e))
                                .path("attachments")
                                .get(0)
                                .path("content");
                        List<String> texts = new ArrayList<>(List.of(subject));
                        texts.addAll(lines);
                        assertThat(runs(card.path("body"))).isEqualTo(texts);

                        JsonNode slack = JSON.readTree(
                                new WebhookSender(WebhookSender.Kind.SLACK, url(), NAME, BACKOFF, sleeps::add).body(e));
                        assertThat(slack.path("text").asText())
                                .doesNotContain("<", ">")
                                .doesNotContainPattern("&(?!(amp|lt|gt);)");
                        JsonNode blocks = slack.path("blocks");
                        blocks.forEach(b ->
                                assertThat(b.path("text").path("type").asText()).isEqualTo("plain_text"));
                        if (subject.length() <= WebhookSender.SLACK_HEADER) {
                            assertThat(blocks.get(0).path("text").path("text").asText())
                                    .isEqualTo(subject.isEmpty() ? " " : subject);
                        }
                        String joined = String.join("\n", lines);
                        if (joined.length() <= WebhookSender.SLACK_SECTION) {
                            assertThat(blocks.get(1).path("text").path("text").asText())
                                    .isEqualTo(joined.isEmpty() ? " " : joined);
                        }
                    } catch (IOException x) {
                        throw new java.io.UncheckedIOException(x);
                    }
                });
    }

    /** Slack refuses a message past its limits: a long subject is cut, long lists of lines spread over sections, the rest counted. */
    @Test
    void slackMessagesStayWithinSlacksLimits() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            lines.add("line " + i + " " + "x".repeat(i % 7 == 0 ? 3100 : 60));
        }
        sender("slack", url()).send(new Event(Event.Kind.PENDING, "s".repeat(400), lines, Optional.empty()));
        JsonNode blocks = sentBody().path("blocks");
        assertThat(blocks.size()).isEqualTo(WebhookSender.SLACK_BLOCKS);
        assertThat(blocks.get(0).path("text").path("text").asText())
                .hasSize(WebhookSender.SLACK_HEADER)
                .endsWith("...");
        for (int i = 1; i < blocks.size(); i++) {
            assertThat(blocks.get(i).path("text").path("text").asText().length())
                    .isBetween(1, WebhookSender.SLACK_SECTION);
        }
        assertThat(blocks.get(blocks.size() - 1).path("text").path("text").asText())
                .endsWith("more lines)");
    }

    @Test
    void genericGetsSourceEventSubjectAndLines() throws Exception {
        Event e = new Event(
                Event.Kind.REFUSED,
                "sync refused: Worldwide would shrink by 40%",
                List.of("one", "two <three>"),
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
        wm.stubFor(post(urlPathEqualTo(PATH))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(status))
                .willSetStateTo("recovered"));
        wm.stubFor(post(urlPathEqualTo(PATH))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
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
        wm.stubFor(post(urlPathEqualTo(PATH))
                .willReturn(aResponse().withStatus(status).withHeader("Location", "http://127.0.0.1:9/x")));

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

        assertThat(x.getMessage())
                .startsWith(NAME + " failed: ")
                .contains("onnect")
                .doesNotContain(TOKEN)
                .doesNotContain("/hooks");
        assertThat(sleeps).as("network errors are retried").hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://hooks.example.com/hooks/",
                "http://10.0.0.1/hooks/",
                "http://127.0.0.1.nip.io:PORT/hooks/",
                "http://127.attacker.example:PORT/hooks/"
            })
    void plainHttpOffLoopbackIsRefusedWithoutARequest(String prefix) {
        String url = prefix.replace("PORT", String.valueOf(wm.getPort())) + TOKEN;

        NotifyException x = failure(sender("teams", url), EVENT);

        assertThat(x.getMessage()).isEqualTo(NAME + ": refusing plain HTTP (only https://, or http:// to loopback)");
        assertThat(sleeps).isEmpty();
        // the names above that end in nip.io resolve to 127.0.0.1 where DNS works: this server would see them
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void aCertificateTheJdkDoesNotTrustFailsBeforeAnythingIsPosted(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path keysDir) {
        // a self-signed certificate, as a TLS-inspecting proxy or an impostor would present: webhooks have no switch to
        // accept it
        io.github.o365watch.testing.SmtpServer.Keys keys =
                io.github.o365watch.testing.SmtpServer.Keys.localhost(keysDir);
        com.github.tomakehurst.wiremock.WireMockServer https =
                new com.github.tomakehurst.wiremock.WireMockServer(wireMockConfig()
                        .httpDisabled(true)
                        .dynamicHttpsPort()
                        .keystorePath(keys.keystore().toString())
                        .keystoreType("PKCS12")
                        .keystorePassword(io.github.o365watch.testing.SmtpServer.Keys.password())
                        .keyManagerPassword(io.github.o365watch.testing.SmtpServer.Keys.password()));
        https.start();
        try {
            https.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)));

            NotifyException x = failure(sender("teams", "https://localhost:" + https.httpsPort() + PATH), EVENT);

            // the JDK's words, never its class name (SSLHandshakeException)
            assertThat(x.getMessage())
                    .startsWith(NAME + " failed: PKIX path building failed")
                    .doesNotContain(TOKEN)
                    .doesNotContain("Exception");
            assertThat(https.getAllServeEvents()).as("no request was sent").isEmpty();
        } finally {
            https.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"hooks.example.com/hooks/" + TOKEN, "ftp://hooks.example.com/" + TOKEN, "https:// /" + TOKEN, ""
            })
    void anUnparsableUrlIsRefusedWithoutEchoingIt(String url) {
        NotifyException x = failure(sender("generic", url), EVENT);

        assertThat(x.getMessage()).isEqualTo(NAME + ": the URL is not a URL").doesNotContain(TOKEN);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void anInterruptedWaitStopsRetrying() {
        wm.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        WebhookSender s = new WebhookSender(WebhookSender.Kind.TEAMS, url(), NAME, BACKOFF, d -> {
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
