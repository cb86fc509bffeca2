package io.github.o365watch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.Derived;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.SmtpServer;
import io.github.o365watch.testing.SmtpServer.Keys;
import io.github.o365watch.testing.SmtpServer.Received;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * sync's notifications as received: a real SMTP server (STARTTLS, AUTH) and a webhook served by
 * WireMock. What a sync applies, announces or refuses arrives with the right content; a failing
 * channel never fails the sync, and no secret shows in any output.
 */
class NotifySyncTest {
    static final String PASSWORD = "s3cret-smtp-Pa55";
    static final String TOKEN = "TOKEN-7f3a9c";

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    static Path keysDir;

    static Keys keys;

    @TempDir
    Path dir;

    Nightly n;
    SmtpServer smtp;

    @BeforeAll
    static void certificate() {
        keys = Keys.localhost(keysDir);
    }

    @BeforeEach
    void setUp() throws IOException {
        smtp = SmtpServer.startTls(keys, "o365watch", PASSWORD);
        n = new Nightly(wm, dir);
        n.writeConfig(Nightly.notify(
                smtp.port(), keys.pem().toString(), List.of("netops@corp.example", "security@corp.example"), """
                - kind: generic
                  urlEnv: HOOK_URL
                """));
        n.cli.env("SMTP_PASSWORD", PASSWORD).env("HOOK_URL", wm.baseUrl() + "/hooks/" + TOKEN);
        wm.stubFor(
                post(urlPathEqualTo("/hooks/" + TOKEN)).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        smtp.close();
    }

    List<JsonNode> hooks() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new java.util.ArrayList<>();
        for (var r : n.service.requests()) {
            if (r.getUrl().startsWith("/hooks/")) {
                out.add(json.readTree(r.getBodyAsString()));
            }
        }
        return out;
    }

    static void assertNoSecret(Result r) {
        assertThat(r.out() + r.err()).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }

    @Test
    void missingSecretsAreReportedBySyncDryRunAndCheckNotFirstOnTheNightAChangeIsNotified() throws IOException {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Nightly m = new Nightly(wm, other);
        m.writeConfig(Nightly.notify(smtp.port(), keys.pem().toString(), List.of("netops@corp.example"), """
                - kind: generic
                  urlEnv: HOOK_URL
                - kind: teams
                  urlFile: teams-url.txt
                """));
        Path teams = other.resolve("teams-url.txt");
        m.service.publish("Worldwide", SyncTest.A);
        List<String> warnings = List.of(
                "o365watch: warning: sync could not notify: notify.email password: the environment variable SMTP_PASSWORD is not set",
                "o365watch: warning: sync could not notify: generic webhook ($HOOK_URL) URL: the environment variable HOOK_URL is not set",
                "o365watch: warning: sync could not notify: teams webhook (" + teams + ") URL: cannot read " + teams
                        + ": no such file or directory");

        Result first = m.sync();
        assertThat(first.code()).as("a first sync notifies nothing: " + first).isZero();
        m.service.publish("Worldwide", SyncTest.B);

        Result dry = m.sync("--dry-run");
        assertThat(dry.code())
                .as("the run would succeed: only the notification would fail " + dry)
                .isZero();
        assertThat(dry.out()).contains("would apply " + SyncTest.B);
        assertThat(dry.err().lines()).containsExactlyElementsOf(warnings);
        Result check = m.check();
        assertThat(check.code())
                .as("the verdict is about the outputs (B is due): " + check)
                .isEqualTo(1);
        assertThat(check.err().lines()).containsExactlyElementsOf(warnings);

        // an empty file is no URL either
        Files.writeString(teams, "\n");
        assertThat(m.check().err()).contains("teams webhook (" + teams + ") URL: the file " + teams + " is empty");

        // with every secret in place: not a word, and never a secret
        m.cli.env("SMTP_PASSWORD", PASSWORD).env("HOOK_URL", wm.baseUrl() + "/hooks/" + TOKEN);
        Files.writeString(teams, wm.baseUrl() + "/hooks/" + TOKEN + "\n");
        Result ready = m.sync("--dry-run");
        assertThat(ready.code()).as(ready.toString()).isZero();
        assertThat(ready.err()).isEmpty();
        assertNoSecret(ready);
        Result readyCheck = m.check();
        assertThat(readyCheck.code()).isEqualTo(1);
        assertThat(readyCheck.err()).isEmpty();
        assertNoSecret(readyCheck);
        assertThat(smtp.received()).as("a dry run and check send nothing").isEmpty();
    }

    @Test
    void aNewVersionIsMailedWithTheReportAndPostedToTheWebhook() throws IOException {
        n.service
                .publish("Worldwide", SyncTest.A)
                .changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"));
        Result first = n.sync();
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(smtp.received())
                .as("a first sync applies no change to report")
                .isEmpty();
        n.service.publish("Worldwide", SyncTest.B);

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertNoSecret(r);
        Received mail = smtp.only();
        assertThat(mail.tls()).isTrue();
        assertThat(mail.user()).contains("o365watch");
        assertThat(mail.recipients()).containsExactly("netops@corp.example", "security@corp.example");
        assertThat(mail.subject()).startsWith("o365watch: ");
        assertThat(mail.header("X-O365watch-Event")).containsExactly("changes");
        assertThat(mail.header("Date")).singleElement().asString().contains("25 Nov 2026 12:00:00");
        String report = Files.readString(dir.resolve("reports/worldwide-" + SyncTest.A + "-" + SyncTest.B + ".md"));
        assertThat(mail.part("text/plain")).isEqualTo(report);
        assertThat(mail.part("text/html")).startsWith("<!DOCTYPE html>").contains(SyncTest.B);
        assertThat(mail.text()).doesNotContain(PASSWORD);

        List<JsonNode> hooks = hooks();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).path("event").asText()).isEqualTo("changes");
        assertThat(hooks.get(0).path("subject").asText()).isEqualTo(mail.subject());
    }

    @Test
    void nothingIsSentWhenNothingChanged() throws IOException {
        n.service.publish("Worldwide", SyncTest.A);
        assertThat(n.sync().code()).isZero();

        Result r = n.sync();

        assertThat(r.code()).isZero();
        assertThat(smtp.received()).isEmpty();
        assertThat(hooks()).isEmpty();
    }

    @Test
    void aRefusedSyncIsAnnouncedAndStillExitsSeven() throws IOException {
        n.service.publish("Worldwide", SyncTest.B);
        assertThat(n.sync().code()).isZero();
        n.service.publish(
                "Worldwide",
                "2019100100",
                Derived.withoutIps(
                        Fixtures.endpoints("Worldwide", SyncTest.B),
                        s -> s.path("serviceArea").asText().equals("Exchange")));

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isEqualTo(7);
        assertNoSecret(r);
        Received mail = smtp.only();
        assertThat(mail.header("X-O365watch-Event")).containsExactly("refused");
        assertThat(mail.subject()).isEqualTo("o365watch: sync refused by the safety guard");
        assertThat(mail.part("text/plain"))
                .contains("Worldwide 2019100100 removes")
                .contains("of the selected IPv4 addresses");
        assertThat(hooks())
                .singleElement()
                .satisfies(h -> assertThat(h.path("event").asText()).isEqualTo("refused"));
    }

    @Test
    void anAdditionDueWithinTheGracePeriodIsAnnounced() throws IOException {
        n.service.publish("Worldwide", SyncTest.A);
        assertThat(n.sync().code()).isZero();
        n.publishAnnouncedAddition("20261130");

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        List<String> events = smtp.received().stream()
                .map(m -> m.header("X-O365watch-Event").get(0))
                .toList();
        assertThat(events).containsExactly("changes", "pending");
        Received pending = smtp.received().get(1);
        assertThat(pending.part("text/plain")).contains("20.20.20.0/24").contains("takes effect on 2026-11-30");
    }

    @Test
    void aReminderIsNotRepeatedOnQuietNightsButSentTheDayAnAdditionEntersTheGracePeriod() throws IOException {
        n.service.publish("Worldwide", SyncTest.A);
        assertThat(n.sync().code()).isZero();
        n.publishAnnouncedAddition("20261215"); // 20 days after the test clock's today: outside the 7-day period
        assertThat(n.sync().code()).isZero();
        assertThat(smtp.received())
                .extracting(m -> m.header("X-O365watch-Event").get(0))
                .containsExactly("changes");

        assertThat(n.sync().code()).isZero(); // a quiet night
        assertThat(smtp.received()).hasSize(1);

        n.cli.clock(java.time.Instant.parse("2026-12-08T03:00:00Z")); // 2026-12-15 is now 7 days ahead
        assertThat(n.sync().code()).isZero();
        assertThat(smtp.received()).hasSize(2);
        assertThat(smtp.received().get(1).header("X-O365watch-Event")).containsExactly("pending");
        assertThat(smtp.received().get(1).part("text/plain"))
                .contains("20.20.20.0/24")
                .contains("takes effect on 2026-12-15");

        n.cli.clock(java.time.Instant.parse("2026-12-09T03:00:00Z")); // the day after: no repeat
        assertThat(n.sync().code()).isZero();
        assertThat(smtp.received()).hasSize(2);
    }

    @Test
    void aFailingChannelIsReportedButTheSyncSucceedsAndTheOtherChannelStillGetsIt() throws IOException {
        n.service
                .publish("Worldwide", SyncTest.A)
                .changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"));
        assertThat(n.sync().code()).isZero();
        wm.stubFor(
                post(urlPathEqualTo("/hooks/" + TOKEN)).willReturn(aResponse().withStatus(503)));
        n.service.publish("Worldwide", SyncTest.B);

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("applied " + SyncTest.B);
        assertThat(r.err())
                .contains("o365watch: warning: notification failed: generic webhook ($HOOK_URL) failed: HTTP 503");
        assertNoSecret(r);
        wm.verify(3, postRequestedFor(urlPathEqualTo("/hooks/" + TOKEN)));
        assertThat(smtp.received()).hasSize(1);
        assertThat(n.lock().path("instances").path("Worldwide").path("version").asText())
                .isEqualTo(SyncTest.B);
    }

    @Test
    void aMissingSecretIsAWarningThatNamesTheVariable() throws IOException {
        n.cli.env("SMTP_PASSWORD", "");
        n.service
                .publish("Worldwide", SyncTest.A)
                .changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"));
        assertThat(n.sync().code()).isZero();
        n.service.publish("Worldwide", SyncTest.B);

        Result r = n.sync();

        assertThat(r.code()).isZero();
        assertThat(r.err())
                .contains(
                        "notification failed: notify.email password: the environment variable SMTP_PASSWORD is not set");
        assertThat(smtp.received()).isEmpty();
        assertThat(hooks()).hasSize(1);
    }

    /** Files named for a secret or a CA bundle are read no further than a cap: /dev/zero ends in a warning, not in a run that never ends. */
    @Test
    void aSecretFileOrCaBundleWithNoEndIsAWarning() throws IOException {
        n.writeConfig(Nightly.notify(smtp.port(), "/dev/zero", List.of("netops@corp.example"), """
                - kind: generic
                  urlFile: /dev/zero
                """));
        n.service
                .publish("Worldwide", SyncTest.A)
                .changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"));
        assertThat(n.sync().code()).isZero();
        n.service.publish("Worldwide", SyncTest.B);

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err().lines().toList())
                .containsExactly(
                        "o365watch: warning: notification failed: CA bundle /dev/zero is larger than 16 MiB, far more than any CA bundle holds;"
                                + " is it the right file?",
                        "o365watch: warning: notification failed: generic webhook (/dev/zero) URL: /dev/zero is larger than 64 KiB, far more than"
                                + " a password or a URL");
        assertThat(smtp.received()).isEmpty();
        assertThat(hooks()).isEmpty();
    }

    @Test
    void aWrongPasswordNeverAppearsInTheWarning() throws IOException {
        n.cli.env("SMTP_PASSWORD", "wrong-" + PASSWORD);
        n.service
                .publish("Worldwide", SyncTest.A)
                .changes("Worldwide", Fixtures.text("upstream/worldwide-changes.json"));
        assertThat(n.sync().code()).isZero();
        n.service.publish("Worldwide", SyncTest.B);
        Map<String, String> snapshotsBefore = Trees.hashes(dir.resolve("snapshots"));

        Result r = n.sync();

        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("refused the login of o365watch");
        assertNoSecret(r);
        assertThat(Trees.hashes(dir.resolve("snapshots"))).isNotEqualTo(snapshotsBefore); // the data work was done
    }

    @Test
    void aNarrowingIsNotifiedWithOnlyTheFlagItsAddressSpaceJustifies() throws IOException {
        String nov = "2019112700";
        n.service.publish("Worldwide", nov);
        assertThat(n.sync().code()).isZero();
        // sets 11 (Optimize) and 12 (Allow) keep only the first half of 52.112.0.0/14; sets 13 and 22 (Allow) keep all
        // of it
        n.service.publish(
                "Worldwide",
                "2019112800",
                Derived.withIpReplaced(
                        Fixtures.endpoints("Worldwide", nov),
                        s -> s.path("id").asInt() == 11 || s.path("id").asInt() == 12,
                        "52.112.0.0/14",
                        "52.112.0.0/15"));
        n.service.changes("Worldwide", """
                [{"id": 3001, "endpointSetId": 11, "disposition": "Change", "impact": "RemovedIpOrUrl", "version": "2019112800",
                  "add": {"ips": ["52.112.0.0/15"]}, "remove": {"ips": ["52.112.0.0/14"]}},
                 {"id": 3002, "endpointSetId": 12, "disposition": "Change", "impact": "RemovedIpOrUrl", "version": "2019112800",
                  "add": {"ips": ["52.112.0.0/15"]}, "remove": {"ips": ["52.112.0.0/14"]}}]
                """);

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        List<String> lines = new java.util.ArrayList<>();
        hooks().get(0).path("lines").forEach(l -> lines.add(l.asText()));
        assertThat(lines)
                .containsExactly(
                        "2 endpoint sets changed; 1 review flag; 0 additions pending",
                        "removed from Optimize: set 11 IPv4 52.114.0.0/15");
        String mail = smtp.only().part("text/plain");
        assertThat(mail)
                .contains(
                        "| removed from Optimize | 11 | `IPv4 52.114.0.0/15` |",
                        "Every change in the snapshots was announced")
                .doesNotContain("broad new prefix", "moved to a more trusted set");
    }

    @Test
    void aVersionThatOnlyRenamesIsNotifiedAsCosmeticWithoutFlagsOrDisagreements() throws IOException {
        String nov = "2019112700";
        n.service.publish("Worldwide", nov);
        assertThat(n.sync().code()).isZero();
        n.service.publish(
                "Worldwide",
                "2019112800",
                Derived.withField(
                        Fixtures.endpoints("Worldwide", nov),
                        s -> s.path("serviceArea").asText().equals("SharePoint"),
                        "serviceAreaDisplayName",
                        "SharePoint Online and OneDrive"));

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        List<String> lines = new java.util.ArrayList<>();
        hooks().get(0).path("lines").forEach(l -> lines.add(l.asText()));
        assertThat(lines)
                .containsExactly(
                        "8 endpoint sets changed, 8 of them only in display name or notes (cosmetic); 0 review flags;"
                                + " 0 additions pending");
        String mail = smtp.only().part("text/plain");
        assertThat(mail)
                .doesNotContain("## Flags", "unannounced")
                .contains("Every change in the snapshots was announced")
                .contains(
                        "| cosmetic | serviceAreaDisplayName | SharePoint Online and OneDrive for Business -&gt; SharePoint Online and OneDrive |");
    }
}
