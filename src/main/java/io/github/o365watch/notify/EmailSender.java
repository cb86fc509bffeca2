package io.github.o365watch.notify;

import io.github.o365watch.domain.Checksums;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/** Sends an event by SMTP with Commons Net's {@link AuthenticatingSMTPClient}. */
public final class EmailSender {
    private final EmailSettings settings;
    private final java.time.Clock clock;

    public EmailSender(EmailSettings settings) {
        this(settings, java.time.Clock.systemUTC());
    }

    /** @param clock for the Date header */
    public EmailSender(EmailSettings settings, java.time.Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public void send(Event event) {
        boolean implicit = settings.tls() == EmailSettings.Tls.IMPLICIT;
        if (settings.tls() == EmailSettings.Tls.NONE && !isLoopback(settings.host())) {
            throw new NotifyException(
                    "e-mail: refusing to send without TLS to " + settings.host() + " (tls: none is for a local relay)");
        }
        AuthenticatingSMTPClient client;
        if (settings.tls() == EmailSettings.Tls.NONE) {
            client = new AuthenticatingSMTPClient();
        } else {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, settings.trust().map(t -> new TrustManager[] {t}).orElse(null), null);
                client = new AuthenticatingSMTPClient(implicit, ctx);
            } catch (GeneralSecurityException e) {
                throw new NotifyException("e-mail: cannot set up TLS: " + e.getMessage(), e);
            }
            // the server's name must match its certificate
            client.setEndpointCheckingEnabled(true);
        }
        client.setConnectTimeout(30_000);
        client.setDefaultTimeout(30_000);
        try {
            client.connect(settings.host(), settings.port());
            client.setSoTimeout(60_000);
            expect(client, "connect");
            client.ehlo("o365watch");
            expect(client, "EHLO");
            if (settings.tls() == EmailSettings.Tls.STARTTLS) {
                if (!client.execTLS()) {
                    throw new NotifyException(
                            "e-mail: " + settings.host() + " refused STARTTLS (" + reply(client) + ")");
                }
                client.ehlo("o365watch");
                expect(client, "EHLO after STARTTLS");
            }
            if (settings.username().isPresent()) {
                boolean ok = client.auth(
                        AuthenticatingSMTPClient.AUTH_METHOD.PLAIN,
                        settings.username().get(),
                        settings.password().orElse(""));
                if (!ok) {
                    throw new NotifyException("e-mail: " + settings.host() + " refused the login of "
                            + settings.username().get() + " (" + reply(client) + ")");
                }
            }
            if (!client.setSender(settings.from())) {
                throw new NotifyException("e-mail: sender refused (" + reply(client) + ")");
            }
            for (String to : settings.to()) {
                if (!client.addRecipient(to)) {
                    throw new NotifyException("e-mail: recipient " + to + " refused (" + reply(client) + ")");
                }
            }
            try (Writer w = client.sendMessageData()) {
                if (w == null) {
                    throw new NotifyException("e-mail: the server did not take the message (" + reply(client) + ")");
                }
                String boundary = "o365watch-"
                        + Checksums.sha256(event.subject().getBytes(StandardCharsets.UTF_8))
                                .substring(0, 24);
                w.write(Mail.message(
                        settings.from(), settings.to(), event, boundary, java.time.ZonedDateTime.now(clock)));
            }
            if (!client.completePendingCommand()) {
                throw new NotifyException("e-mail: the server did not accept the message (" + reply(client) + ")");
            }
            client.logout();
        } catch (GeneralSecurityException e) {
            throw new NotifyException("e-mail: login failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new NotifyException(
                    "e-mail to " + settings.host() + ":" + settings.port() + " failed: "
                            + io.github.o365watch.text.Printable.line(String.valueOf(e.getMessage()), 200),
                    e);
        } finally {
            try {
                if (client.isConnected()) {
                    client.disconnect();
                }
            } catch (IOException ignored) {
                // the outcome is already decided
            }
        }
    }

    private static void expect(AuthenticatingSMTPClient c, String step) {
        if (!SMTPReply.isPositiveCompletion(c.getReplyCode())) {
            throw new NotifyException("e-mail: " + step + " failed (" + reply(c) + ")");
        }
    }

    private static String reply(AuthenticatingSMTPClient c) {
        return io.github.o365watch.text.Printable.line(c.getReplyString(), 200);
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        // 127.x only as an address literal: a name like 127.0.0.1.example resolves wherever its owner likes
        return h.equals("localhost")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1")
                || h.startsWith("127.") && h.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }
}
