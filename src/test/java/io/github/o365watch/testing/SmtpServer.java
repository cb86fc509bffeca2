package io.github.o365watch.testing;

import io.github.o365watch.source.TrustBundle;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HeldCertificate;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * A real SMTP server (SubEthaSMTP) on a free loopback port, in one of three modes: STARTTLS
 * required with AUTH, implicit TLS (SMTPS) with AUTH, or plain with optional AUTH. It keeps
 * every message it accepted, with its envelope, whether the session was encrypted and who logged
 * in. The TLS modes use a throwaway self-signed certificate made in the test ({@link Keys}).
 */
public final class SmtpServer implements AutoCloseable {
    private static final String STOREPASS = "changeit";

    private final SMTPServer server;
    private final Optional<Keys> keys;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> logins = new CopyOnWriteArrayList<>();

    /** A message the server took: envelope, raw bytes as they arrived, and how the session was set up. */
    public record Received(String from, List<String> recipients, byte[] raw, boolean tls, Optional<String> user) {
        public Received {
            recipients = List.copyOf(recipients);
        }

        public String text() {
            return new String(raw, StandardCharsets.UTF_8);
        }

        /** Parsed by Jakarta Mail, an independent MIME implementation. */
        public MimeMessage message() {
            try {
                return new MimeMessage(
                        jakarta.mail.Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            } catch (MessagingException e) {
                throw new IllegalStateException("unparsable message", e);
            }
        }

        /** The subject, RFC 2047 decoded. */
        public String subject() {
            try {
                return message().getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Every value of a header, as it arrived (not decoded); empty when there is none. */
        public List<String> header(String name) {
            try {
                String[] values = message().getHeader(name);
                return values == null ? List.of() : List.of(values);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The decoded content of every leaf part whose type is {@code mimeType} (e.g. text/plain), in order. */
        public List<String> parts(String mimeType) {
            List<String> out = new ArrayList<>();
            try {
                collect(message(), mimeType, out);
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }

        /** The one part of that type; fails when there is not exactly one. */
        public String part(String mimeType) {
            List<String> all = parts(mimeType);
            if (all.size() != 1) {
                throw new AssertionError("expected one " + mimeType + " part, found " + all.size() + " in:\n" + text());
            }
            return all.get(0);
        }

        private static void collect(Part p, String mimeType, List<String> out) throws MessagingException, IOException {
            Object content = p.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart child = mp.getBodyPart(i);
                    collect(child, mimeType, out);
                }
            } else if (p.isMimeType(mimeType)) {
                out.add(
                        content instanceof String s
                                ? s
                                : new String(((InputStream) content).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * A self-signed certificate and its key in a PKCS12 store, and the certificate as PEM (what a
     * user would give as a CA bundle), made in this JVM (okhttp-tls's {@code HeldCertificate}).
     */
    public record Keys(Path keystore, Path pem) {

        /** For localhost and 127.0.0.1. */
        public static Keys localhost(Path dir) {
            return make(dir, "localhost", "localhost", "127.0.0.1");
        }

        /** For other names (host names or IP addresses), e.g. {@code make(dir, "mail.example", "mail.example")}. */
        public static Keys make(Path dir, String cn, String... names) {
            HeldCertificate.Builder b =
                    new HeldCertificate.Builder().commonName(cn).duration(2, TimeUnit.DAYS);
            for (String name : names) {
                b.addSubjectAlternativeName(name);
            }
            HeldCertificate held = b.build();
            Path ks = dir.resolve(cn + ".p12");
            Path pem = dir.resolve(cn + ".pem");
            try (OutputStream out = Files.newOutputStream(ks)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", held.keyPair().getPrivate(), STOREPASS.toCharArray(), new Certificate[] {
                    held.certificate()
                });
                store.store(out, STOREPASS.toCharArray());
                Files.writeString(pem, held.certificatePem(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return new Keys(ks, pem);
        }

        /** The password of the key store and of its key. */
        public static String password() {
            return STOREPASS;
        }

        /** Trust for this certificate, the way the application loads a caBundle. */
        public X509TrustManager trust() {
            return TrustBundle.load(pem);
        }

        SSLContext serverContext() {
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, STOREPASS.toCharArray());
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, STOREPASS.toCharArray());
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                return ctx;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** STARTTLS offered and required before AUTH or MAIL; AUTH (PLAIN, LOGIN) required. */
    public static SmtpServer startTls(Keys keys, String username, String password) {
        return new SmtpServer(
                Optional.of(keys),
                Optional.of(username),
                Optional.of(password),
                b -> b.enableTLS().requireTLS().startTlsSocketFactory(keys.serverContext()));
    }

    /** TLS from the first byte (SMTPS, as on port 465); AUTH required. */
    public static SmtpServer implicitTls(Keys keys, String username, String password) {
        return new SmtpServer(
                Optional.of(keys),
                Optional.of(username),
                Optional.of(password),
                b -> b.serverSocketFactory(keys.serverContext()));
    }

    /** No TLS at all (a local relay); AUTH required when a username is given. */
    public static SmtpServer plain(Optional<String> username, Optional<String> password) {
        return new SmtpServer(Optional.empty(), username, password, b -> b);
    }

    private SmtpServer(
            Optional<Keys> keys,
            Optional<String> username,
            Optional<String> password,
            UnaryOperator<SMTPServer.Builder> tls) {
        this.keys = keys;
        SMTPServer.Builder b = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                // a fixed name, so starting does not wait for a reverse lookup of this machine
                .hostName("localhost")
                // raw bytes are then exactly what the client sent
                .insertReceivedHeaders(false)
                .messageHandlerFactory(ctx -> new Recorder(ctx, received));
        if (username.isPresent()) {
            String user = username.get();
            String pass = password.orElse("");
            b.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((u, p, ctx) -> {
                        logins.add(u);
                        if (!u.equals(user) || !p.equals(pass)) {
                            throw new LoginFailedException();
                        }
                    }))
                    .requireAuth();
        }
        this.server = tls.apply(b).build();
        server.start();
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** The certificate as PEM, for a caBundle. */
    public Path pem() {
        return keys.orElseThrow(() -> new IllegalStateException("a plain server has no certificate"))
                .pem();
    }

    public X509TrustManager trust() {
        return keys.orElseThrow(() -> new IllegalStateException("a plain server has no certificate"))
                .trust();
    }

    /** Every message accepted so far, in order. A message is recorded before the server answers its data. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * The user names of every AUTH that reached the password check, right or wrong, in order. An
     * AUTH the server turned away earlier (say, before STARTTLS) is not here.
     */
    public List<String> logins() {
        return List.copyOf(logins);
    }

    /** The only message accepted; fails when there is not exactly one. */
    public Received only() {
        List<Received> all = received();
        if (all.size() != 1) {
            throw new AssertionError("expected one message, the server took " + all.size());
        }
        return all.get(0);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** One per transaction: collects the envelope, records the message when its data is complete. */
    private static final class Recorder implements MessageHandler {
        private final MessageContext ctx;
        private final List<Received> sink;
        private String from;
        private final List<String> recipients = new ArrayList<>();

        Recorder(MessageContext ctx, List<Received> sink) {
            this.ctx = ctx;
            this.sink = sink;
        }

        @Override
        public void from(String from) {
            this.from = from;
        }

        @Override
        public void recipient(String recipient) {
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws IOException {
            byte[] raw = data.readAllBytes();
            // implicit TLS sessions start on an SSLSocket; STARTTLS sessions flip the flag
            boolean tls = ctx instanceof Session s && (s.isTLSStarted() || s.getSocket() instanceof SSLSocket);
            Optional<String> user = ctx.getAuthenticationHandler().map(h -> String.valueOf(h.getIdentity()));
            // recorded here, not in done(): data() returns before the server says 250
            sink.add(new Received(from, recipients, raw, tls, user));
            return null;
        }

        @Override
        public void done() {
            // nothing to release
        }
    }
}
