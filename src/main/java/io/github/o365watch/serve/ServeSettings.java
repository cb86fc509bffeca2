package io.github.o365watch.serve;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the server runs.
 *
 * @param output      the output link sync switches
 * @param reports     the reports directory (served flat: its regular files)
 * @param feed        the RSS feed file, when the config names one
 * @param listen      where to listen (port 0: any free port)
 * @param tls         the key store holding the server's key and certificate chain, when serving HTTPS
 * @param credentials {@code user:password} for basic authentication, when required
 * @param maxAgeDays  /healthz answers 503 when an applied version is older than this
 * @param idleTimeout how long a connection may stay silent (a slow client is cut off after it)
 * @param maxThreads  the bound of the thread pool
 * @param accessLog   where each request's line goes (NCSA combined format)
 */
public record ServeSettings(
        Path output,
        Path reports,
        Optional<Path> feed,
        SiteFacts site,
        InetSocketAddress listen,
        Optional<KeyStore> tls,
        Optional<String> credentials,
        int maxAgeDays,
        Duration idleTimeout,
        int maxThreads,
        Clock clock,
        Consumer<String> accessLog) {
    /** The cap on a release read into memory. */
    public static final long MAX_RELEASE_BYTES = 256L << 20;
    /** The cap on a report or feed file served. */
    public static final long MAX_REPORT_BYTES = 64L << 20;
    /** The cap on a request's line and headers together. */
    public static final int MAX_HEADER_BYTES = 8 << 10;
}
