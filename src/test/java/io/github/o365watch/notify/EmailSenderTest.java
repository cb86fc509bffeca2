package io.github.o365watch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.o365watch.diff.ChangeRecords;
import io.github.o365watch.diff.Differ;
import io.github.o365watch.diff.Reviewer;
import io.github.o365watch.diff.Thresholds;
import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.report.HistoryPoint;
import io.github.o365watch.report.ReportData;
import io.github.o365watch.source.WireFormat;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.SmtpServer;
import io.github.o365watch.testing.SmtpServer.Keys;
import io.github.o365watch.testing.SmtpServer.Received;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EmailSender} against a real SMTP server (SubEthaSMTP) on loopback, with a throwaway
 * certificate; what arrives is read back with Jakarta Mail, an independent MIME parser.
 */
class EmailSenderTest {
    static final String USER = "alice@corp.example";
    static final String PASSWORD = "pw-Sx9!q7-never-print-me";
    static final String FROM = "o365watch@corp.example";

    @TempDir
    static Path dir;

    static Keys localhost;
    static Keys otherName;

    @BeforeAll
    static void makeCertificates() {
        localhost = Keys.localhost(dir);
        otherName = Keys.make(dir, "mail.example", "mail.example");
    }

    static Event simple(String subject, List<String> lines) {
        return new Event(Event.Kind.PENDING, subject, lines, Optional.empty());
    }

    static EmailSettings settings(
            String host,
            int port,
            String tls,
            List<String> to,
            Optional<String> user,
            Optional<String> password,
            Optional<X509TrustManager> trust) {
        return new EmailSettings(
                host, port, EmailSettings.Tls.parse(tls).orElseThrow(), FROM, to, user, password, trust);
    }

    static EmailSettings starttls(SmtpServer s, String password) {
        return settings(
                "localhost",
                s.port(),
                "starttls",
                List.of("netops@corp.example"),
                Optional.of(USER),
                Optional.of(password),
                Optional.of(s.trust()));
    }

    /** What sending a one-line event throws; fails the test when it does not throw. */
    static NotifyException failure(EmailSender sender) {
        NotifyException x = catchThrowableOfType(NotifyException.class, () -> sender.send(simple("x", List.of("x"))));
        assertThat(x).as("a NotifyException").isNotNull();
        return x;
    }

    /** The report the {@code report} command renders for Worldwide 2019082800..2019093000 (its golden files). */
    static ReportData worldwideReport() {
        List<ChangeRecord> records =
                WireFormat.changes(Fixtures.resource("upstream/worldwide-changes.json"), "test").stream()
                        .filter(r -> r.version().value().equals("2019093000"))
                        .toList();
        var aug = Fixtures.snapshot("Worldwide", "2019082800");
        var sep = Fixtures.snapshot("Worldwide", "2019093000");
        var oct = Fixtures.snapshot("Worldwide", "2019102800");
        var review = Reviewer.review(
                Differ.diff(aug, sep), ChangeRecords.of(records), LocalDate.of(2019, 10, 15), Thresholds.DEFAULT);
        return new ReportData(review, List.of(HistoryPoint.of(aug), HistoryPoint.of(sep), HistoryPoint.of(oct)));
    }

    @Test
    void starttlsWithAuthDeliversTheReportAsMarkdownTextAndHtml() throws Exception {
        Event e = new Event(
                Event.Kind.CHANGES,
                "Worldwide 2019093000: 13 added, 11 removed",
                List.of("ignored when there is a report"),
                Optional.of(worldwideReport()));
        try (SmtpServer s = SmtpServer.startTls(localhost, USER, PASSWORD)) {
            new EmailSender(starttls(s, PASSWORD)).send(e);

            Received m = s.only();
            assertThat(m.tls()).as("sent after STARTTLS").isTrue();
            assertThat(m.user()).contains(USER);
            assertThat(s.logins()).containsExactly(USER);
            assertThat(m.from()).isEqualTo(FROM);
            assertThat(m.recipients()).containsExactly("netops@corp.example");
            assertThat(m.subject()).isEqualTo("Worldwide 2019093000: 13 added, 11 removed");
            assertThat(m.message().getContentType()).startsWith("multipart/alternative");
            assertThat(m.header("X-O365watch-Event")).containsExactly("changes");
            assertThat(m.header("MIME-Version")).containsExactly("1.0");
            // the very bytes the report command writes (its golden files), not a summary
            assertThat(m.part("text/plain"))
                    .isEqualTo(Fixtures.text("golden/report/worldwide-2019082800-2019093000.md"));
            assertThat(m.part("text/html"))
                    .isEqualTo(Fixtures.text("golden/report/worldwide-2019082800-2019093000.html"));
            assertThat(m.text())
                    .doesNotContain("ignored when there is a report")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void withoutAReportTheLinesAreTheTextAndEscapedInTheHtml() {
        Event e = simple(
                "3 additions take effect on 2019-10-30",
                List.of("Exchange: 40.92.0.0/15 & <new>", "Teams: 52.112.0.0/14"));
        try (SmtpServer s = SmtpServer.startTls(localhost, USER, PASSWORD)) {
            new EmailSender(starttls(s, PASSWORD)).send(e);

            Received m = s.only();
            assertThat(m.header("X-O365watch-Event")).containsExactly("pending");
            assertThat(m.part("text/plain")).isEqualTo("Exchange: 40.92.0.0/15 & <new>\nTeams: 52.112.0.0/14\n");
            assertThat(m.part("text/html"))
                    .startsWith("<!DOCTYPE html>")
                    .contains("Exchange: 40.92.0.0/15 &amp; &lt;new&gt;\nTeams: 52.112.0.0/14")
                    .doesNotContain("<new>");
        }
    }

    @Test
    void implicitTlsDelivers() {
        try (SmtpServer s = SmtpServer.implicitTls(localhost, USER, PASSWORD)) {
            new EmailSender(settings(
                            "localhost",
                            s.port(),
                            "implicit",
                            List.of("netops@corp.example"),
                            Optional.of(USER),
                            Optional.of(PASSWORD),
                            Optional.of(s.trust())))
                    .send(simple("implicit", List.of("one line")));

            Received m = s.only();
            assertThat(m.tls()).isTrue();
            assertThat(m.user()).contains(USER);
            assertThat(m.part("text/plain")).isEqualTo("one line\n");
        }
    }

    @Test
    void tlsNoneDeliversToALoopbackRelay() {
        try (SmtpServer s = SmtpServer.plain(Optional.empty(), Optional.empty())) {
            new EmailSender(settings(
                            "127.0.0.1",
                            s.port(),
                            "none",
                            List.of("netops@corp.example"),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty()))
                    .send(simple("relay", List.of("via the local relay")));

            Received m = s.only();
            assertThat(m.tls()).isFalse();
            assertThat(m.user()).isEmpty();
            assertThat(m.part("text/plain")).isEqualTo("via the local relay\n");
        }
    }

    @Test
    void tlsNoneAgainstAServerThatRequiresStarttlsFailsClearly() {
        try (SmtpServer s = SmtpServer.startTls(localhost, USER, PASSWORD)) {
            EmailSender sender = new EmailSender(settings(
                    "127.0.0.1",
                    s.port(),
                    "none",
                    List.of("netops@corp.example"),
                    Optional.of(USER),
                    Optional.of(PASSWORD),
                    Optional.empty()));

            NotifyException x = failure(sender);
            // the server's own words (530 Must issue a STARTTLS command first) reach the user
            assertThat(x.getMessage())
                    .startsWith("e-mail: ")
                    .contains("STARTTLS")
                    .contains(USER)
                    .doesNotContain(PASSWORD);
            assertThat(s.logins()).as("turned away before the password check").isEmpty();
            assertThat(s.received()).isEmpty();
        }
    }

    @Test
    void starttlsAgainstAServerWithoutItFailsBeforeLoggingIn() {
        try (SmtpServer s = SmtpServer.plain(Optional.of(USER), Optional.of(PASSWORD))) {
            EmailSender sender = new EmailSender(settings(
                    "localhost",
                    s.port(),
                    "starttls",
                    List.of("netops@corp.example"),
                    Optional.of(USER),
                    Optional.of(PASSWORD),
                    Optional.empty()));

            assertThatThrownBy(() -> sender.send(simple("x", List.of("x"))))
                    .isInstanceOf(NotifyException.class)
                    .hasMessageContaining("refused STARTTLS");
            assertThat(s.logins())
                    .as("no password over an unencrypted connection")
                    .isEmpty();
            assertThat(s.received()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtp.corp.example", "10.0.0.25", "127.0.0.1.nip.io", "127.attacker.example"})
    void tlsNoneToAHostOffLoopbackIsRefusedBeforeConnecting(String host) {
        EmailSender sender = new EmailSender(settings(
                host,
                25,
                "none",
                List.of("netops@corp.example"),
                Optional.of(USER),
                Optional.of(PASSWORD),
                Optional.empty()));

        NotifyException x = failure(sender);
        assertThat(x.getMessage()).contains("refusing to send without TLS to " + host);
        // no network error underneath: it never tried
        assertThat(x.getCause()).isNull();
    }

    @Test
    void anUnknownTlsModeIsNoModeAtAll() {
        // "ssl" or "tls" are easy to write; neither may mean "log in without encryption": a sender is given one
        // of the three modes, and the config file refuses anything else (ConfigVocabularyTest)
        for (String tls : List.of("ssl", "tls", "", "start-tls")) {
            assertThat(EmailSettings.Tls.parse(tls)).as(tls).isEmpty();
        }
        assertThat(EmailSettings.Tls.parse("STARTTLS")).contains(EmailSettings.Tls.STARTTLS);
        assertThat(EmailSettings.Tls.ids()).containsExactly("starttls", "implicit", "none");
    }

    @Test
    void aWrongPasswordNamesTheUserButNeverThePassword() {
        String wrong = "wrong-" + PASSWORD;
        try (SmtpServer s = SmtpServer.startTls(localhost, USER, PASSWORD)) {
            NotifyException x = failure(new EmailSender(starttls(s, wrong)));

            assertThat(x.getMessage()).contains("refused the login of " + USER).contains("535");
            assertThat(x.getMessage()).doesNotContain(wrong).doesNotContain(PASSWORD);
            assertThat(String.valueOf(x.getCause())).doesNotContain(PASSWORD);
            assertThat(s.logins()).as("the server did check it").containsExactly(USER);
            assertThat(s.received()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "implicit"})
    void anUntrustedCertificateFails(String tls) {
        try (SmtpServer s = tls.equals("starttls")
                ? SmtpServer.startTls(localhost, USER, PASSWORD)
                : SmtpServer.implicitTls(localhost, USER, PASSWORD)) {
            // no caBundle: only the JDK's CAs, which never signed this certificate
            EmailSender sender = new EmailSender(settings(
                    "localhost",
                    s.port(),
                    tls,
                    List.of("netops@corp.example"),
                    Optional.of(USER),
                    Optional.of(PASSWORD),
                    Optional.empty()));

            NotifyException x = failure(sender);
            assertThat(x.getMessage())
                    .startsWith("e-mail to localhost:" + s.port() + " failed: ")
                    .doesNotContain(PASSWORD);
            assertThat(x.getCause()).isInstanceOf(SSLException.class);
            assertThat(s.logins()).as("the password never left").isEmpty();
            assertThat(s.received()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "implicit"})
    void aTrustedCertificateForAnotherNameFails(String tls) {
        // trusted, but issued to mail.example: the name check is what must stop this
        try (SmtpServer s = tls.equals("starttls")
                ? SmtpServer.startTls(otherName, USER, PASSWORD)
                : SmtpServer.implicitTls(otherName, USER, PASSWORD)) {
            EmailSender sender = new EmailSender(settings(
                    "localhost",
                    s.port(),
                    tls,
                    List.of("netops@corp.example"),
                    Optional.of(USER),
                    Optional.of(PASSWORD),
                    Optional.of(s.trust())));

            NotifyException x = failure(sender);
            assertThat(x.getCause()).isInstanceOf(SSLException.class);
            assertThat(s.logins()).as("the password never left").isEmpty();
            assertThat(s.received()).isEmpty();
        }
    }

    @Test
    void aNonAsciiSubjectArrivesDecoded() {
        String subject = "Änderungen für Köln — 東京 ✓ 🚀";
        try (SmtpServer s = SmtpServer.startTls(localhost, USER, PASSWORD)) {
            new EmailSender(starttls(s, PASSWORD)).send(simple(subject, List.of("Grüße")));

            Received m = s.only();
            assertThat(m.subject()).isEqualTo(subject);
            assertThat(m.part("text/plain")).isEqualTo("Grüße\n");
            // 8-bit bytes on the wire would need SMTPUTF8/8BITMIME, which the sender never asks for
            assertThat(new String(m.raw(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .matches("\\p{ASCII}*");
        }
    }

    @Test
    void aLongNonAsciiSubjectIsSplitIntoShortEncodedWords() {
        String subject = "Microsoft 365 の変更: ".repeat(12); // 228 characters, cut to 200 with "..."
        try (SmtpServer s = SmtpServer.startTls(localhost, USER, PASSWORD)) {
            new EmailSender(starttls(s, PASSWORD)).send(simple(subject, List.of("x")));

            Received m = s.only();
            assertThat(m.subject()).isEqualTo(subject.strip().substring(0, 197) + "...");
            // RFC 2047: an encoded word is at most 75 characters; RFC 5322: lines SHOULD be at most 78
            List<String> words = Stream.of(m.text().split("\\s+"))
                    .filter(w -> w.startsWith("=?"))
                    .toList();
            assertThat(words).hasSizeGreaterThan(1).allMatch(w -> w.length() <= 75);
            String headers = m.text().substring(0, m.text().indexOf("\r\n\r\n"));
            String field =
                    headers.substring(headers.indexOf("\r\nSubject: ") + 2).split("\r\n(?! )")[0];
            assertThat(field.split("\r\n")).hasSizeGreaterThan(1).allMatch(l -> l.length() <= 78);
        }
    }

    @Test
    void bodyLinesThatStartWithADotSurvive() {
        // a lone "." ends SMTP data unless the client stuffs it; "..x" must not lose a dot
        List<String> lines = List.of("before", ".", ".hidden", "..two dots", ". ", "after");
        try (SmtpServer s = SmtpServer.startTls(localhost, USER, PASSWORD)) {
            new EmailSender(starttls(s, PASSWORD)).send(simple("dots", lines));

            Received m = s.only();
            assertThat(m.part("text/plain")).isEqualTo(String.join("\n", lines) + "\n");
            assertThat(m.part("text/html")).contains("<pre>" + String.join("\n", lines) + "</pre>");
        }
    }

    @Test
    void everyRecipientGetsIt() {
        List<String> to = List.of("netops@corp.example", "secops@corp.example", "oncall@other.example");
        try (SmtpServer s = SmtpServer.startTls(localhost, USER, PASSWORD)) {
            new EmailSender(settings(
                            "localhost",
                            s.port(),
                            "starttls",
                            to,
                            Optional.of(USER),
                            Optional.of(PASSWORD),
                            Optional.of(s.trust())))
                    .send(simple("all of you", List.of("x")));

            Received m = s.only();
            assertThat(m.recipients()).containsExactlyElementsOf(to);
            assertThat(m.header("To")).singleElement().asString().contains(to.get(0), to.get(1), to.get(2));
        }
    }

    @Test
    void settingsNeverPrintThePassword() {
        EmailSettings st = settings(
                "localhost",
                587,
                "starttls",
                List.of("a@corp.example"),
                Optional.of(USER),
                Optional.of(PASSWORD),
                Optional.empty());
        assertThat(st.toString()).contains("localhost:587").doesNotContain(PASSWORD);
    }
}
