package io.github.o365watch.app;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.serve.FeedServer;
import io.github.o365watch.serve.ServeException;
import io.github.o365watch.serve.ServeSettings;
import io.github.o365watch.serve.SiteFacts;
import io.github.o365watch.serve.Tls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code serve}: the site's published release, reports and feed over HTTP(S), from what the config
 * file says sync writes. Credentials and key store passwords come from a file or the environment,
 * never from the command line, and are never printed.
 */
public final class Serve {
    /** Basic authentication's {@code user:password}, when no file is named. */
    public static final String AUTH_ENV = "O365WATCH_SERVE_AUTH";
    /** The PKCS#12 key store's password. */
    public static final String KEYSTORE_PASSWORD_ENV = "O365WATCH_KEYSTORE_PASSWORD";
    /** Loopback unless the user says otherwise. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:8080";

    private Serve() {}

    /**
     * @param listen      {@code ADDR:PORT} ({@code [v6]:PORT} for IPv6)
     * @param maxAgeDays  health turns 503 past this age of an applied version
     * @param idleTimeout a silent connection is closed after it
     */
    public record Options(
            String listen,
            Optional<Path> tlsCert,
            Optional<Path> tlsKey,
            Optional<Path> keystore,
            Optional<Path> authFile,
            int maxAgeDays,
            Duration idleTimeout,
            int maxThreads,
            Consumer<String> accessLog) {}

    /** Where the figures come from, for a site's config. */
    public static SiteFacts facts(Config c) {
        return new SiteFacts(
                c.lockFile(),
                c.store(),
                c.instances().stream().map(Instance::parse).toList(),
                c.reports().metricsFile());
    }

    /** Starts serving; a mistake in the options or files is a {@link UsageException}, nothing started. */
    public static FeedServer start(Config c, Options o, Map<String, String> env, Clock clock) {
        if (o.maxAgeDays() < 1 || o.maxAgeDays() > 3650) {
            throw UsageException.commandLine("--max-age: between 1 and 3650 days, not " + o.maxAgeDays());
        }
        InetSocketAddress listen = listen(o.listen());
        Optional<KeyStore> tls = tls(o, env);
        Optional<String> credentials = credentials(o, env);
        ServeSettings s = new ServeSettings(
                c.output(),
                c.reports().directory(),
                c.reports().feed(),
                facts(c),
                listen,
                tls,
                credentials,
                o.maxAgeDays(),
                o.idleTimeout(),
                o.maxThreads(),
                clock,
                o.accessLog());
        try {
            return FeedServer.start(s);
        } catch (ServeException e) {
            // the address is taken or not this machine's: the command line is right, the machine says no
            throw new UsageException("--listen " + o.listen() + ": " + e.getMessage());
        }
    }

    static InetSocketAddress listen(String value) {
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf("]:");
            if (close < 0) {
                throw UsageException.commandLine("--listen " + value + ": give [IPV6]:PORT");
            }
            host = value.substring(1, close);
            port = value.substring(close + 2);
        } else {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || value.indexOf(':') != colon) {
                throw UsageException.commandLine(
                        "--listen " + value + ": give ADDRESS:PORT, e.g. 127.0.0.1:8080, 0.0.0.0:8080 or [::1]:8080");
            }
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 0 || p > 65535) {
            throw UsageException.commandLine("--listen " + value + ": the port is a number from 0 to 65535");
        }
        // an address, never a name: parsing --listen looks nothing up
        io.github.o365watch.domain.net.IpAddress address = io.github.o365watch.domain.net.IpAddress.parse(host)
                .orElseThrow(() -> UsageException.commandLine("--listen " + value + ": " + host
                        + " is not an IP address (give 127.0.0.1, 0.0.0.0," + " [::1] or [::])"));
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address.bytes()), p);
        } catch (UnknownHostException e) {
            throw UsageException.commandLine("--listen " + value + ": " + host + " is not an IP address");
        }
    }

    private static Optional<KeyStore> tls(Options o, Map<String, String> env) {
        try {
            if (o.keystore().isPresent()) {
                if (o.tlsCert().isPresent() || o.tlsKey().isPresent()) {
                    throw UsageException.commandLine("--keystore or --tls-cert with --tls-key, not both");
                }
                String pw = env.getOrDefault(KEYSTORE_PASSWORD_ENV, "");
                return Optional.of(Tls.fromPkcs12(o.keystore().get(), pw.toCharArray()));
            }
            if (o.tlsCert().isPresent() != o.tlsKey().isPresent()) {
                throw UsageException.commandLine(
                        "--tls-cert and --tls-key go together: the certificate chain and its private key, in PEM");
            }
            return o.tlsCert().map(cert -> Tls.fromPem(cert, o.tlsKey().get()));
        } catch (ServeException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Optional<String> credentials(Options o, Map<String, String> env) {
        String value;
        String where;
        if (o.authFile().isPresent()) {
            Path f = o.authFile().get();
            where = "--auth-file " + f;
            try {
                if (!Files.isRegularFile(f) || Files.size(f) > 4096) {
                    throw new UsageException(where + ": not a file of one line user:password");
                }
                value = Files.readString(f, StandardCharsets.UTF_8).strip();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new UsageException("cannot read " + where);
            }
        } else if (env.containsKey(AUTH_ENV)) {
            where = "$" + AUTH_ENV;
            value = env.get(AUTH_ENV).strip();
        } else {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        // the value itself is never in a message: it is a password
        if (colon < 1
                || colon == value.length() - 1
                || value.contains("\n")
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException(
                    where + " must hold one line user:password, a user name and a password both not empty");
        }
        return Optional.of(value);
    }
}
