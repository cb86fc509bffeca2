package io.github.o365watch.serve;

import io.github.o365watch.domain.Instance;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The feed server: Jetty with one handler ({@link FeedHandler}) behind gzip, a bounded thread
 * pool, a connection limit, header size and idle limits, strict URI rules (ambiguous paths such as
 * encoded slashes or dot segments are refused by Jetty before the handler sees them), an access
 * log in the NCSA combined format, and TLS when a key store is given.
 */
public final class FeedServer implements AutoCloseable {
    /** Connections held open at once; more wait in the accept queue. */
    static final int MAX_CONNECTIONS = 512;

    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;
    private final FeedHandler handler;

    private FeedServer(Server server, ServerConnector connector, boolean tls, FeedHandler handler) {
        this.server = server;
        this.connector = connector;
        this.tls = tls;
        this.handler = handler;
    }

    /** Builds and starts the server; a port in use or a bad key store is a {@link ServeException}. */
    // Jetty 12.1 marks GzipHandler for removal in favour of the jetty-compression modules, whose
    // handler treats ETags otherwise; the conditional-GET tests hold GzipHandler's behaviour until that move
    @SuppressWarnings("removal")
    public static FeedServer start(ServeSettings s) {
        QueuedThreadPool pool = new QueuedThreadPool(s.maxThreads(), Math.min(4, s.maxThreads()));
        pool.setName("o365watch-serve");
        Server server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(ServeSettings.MAX_HEADER_BYTES);
        http.setResponseHeaderSize(ServeSettings.MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setHttpCompliance(HttpCompliance.RFC9110);
        http.setUriCompliance(UriCompliance.DEFAULT);
        http.setIdleTimeout(s.idleTimeout().toMillis());
        ServerConnector connector;
        if (s.tls().isPresent()) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // devices poll by address as often as by name
            http.addCustomizer(secure);
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(s.tls().get());
            ssl.setKeyStorePassword("");
            ssl.setKeyManagerPassword("");
            connector = new ServerConnector(
                    server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        InetSocketAddress listen = s.listen();
        connector.setHost(listen.getHostString());
        connector.setPort(listen.getPort());
        connector.setIdleTimeout(s.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));

        PrometheusRegistry requestsRegistry = new PrometheusRegistry();
        Counter requests = Counter.builder()
                .name("o365watch_http_requests")
                .help("HTTP requests answered, by path served and status")
                .labelNames("path", "status")
                .register(requestsRegistry);
        Releases releases = new Releases(s.output(), ServeSettings.MAX_RELEASE_BYTES);
        FeedHandler handler = new FeedHandler(s, releases, requestsRegistry);
        GzipHandler gzip = new GzipHandler(handler);
        gzip.setMinGzipSize(256);
        gzip.setIncludedMethods("GET", "HEAD");
        server.setHandler(gzip);

        CustomRequestLog log =
                new CustomRequestLog(line -> s.accessLog().accept(line), CustomRequestLog.EXTENDED_NCSA_FORMAT);
        server.addBean(log);
        RequestLog counting = (request, response) -> {
            requests.labelValues(handler.pathLabel(request), Integer.toString(response.getStatus()))
                    .inc();
            log.log(request, response);
        };
        server.setRequestLog(counting);
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception x) {
                e.addSuppressed(x);
            }
            throw new ServeException(
                    "cannot listen on " + listen.getHostString() + ":" + listen.getPort() + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        }
        return new FeedServer(server, connector, s.tls().isPresent(), handler);
    }

    /** The port listened on (the one chosen when the settings asked for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        String host = connector.getHost();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return (tls ? "https" : "http") + "://" + host + ":" + port() + "/";
    }

    /** What the server serves now (looks at the output link once). */
    public ReleaseState state() {
        return handler.releases().current();
    }

    /** Waits until the server stops (a signal, or {@link #close()}). */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new ServeException("cannot stop the server: " + e.getMessage(), e);
        }
    }

    /** The figures /metrics serves, for a given release state (the request counts apart). */
    static MetricSnapshots figures(ServeSettings s, ReleaseState state, PrometheusRegistry requests) {
        LocalDate today = LocalDate.now(s.clock());
        Optional<LastSync> last = s.site().syncMetricsFile().flatMap(LastSync::read);
        MetricSnapshots.Builder b = MetricSnapshots.builder();
        Figures.collect(s.site(), today, state.release(), state.problem(), last)
                .scrape()
                .forEach(b::metricSnapshot);
        requests.scrape().forEach(b::metricSnapshot);
        return b.build();
    }

    /** The instance the short aliases serve: the config's first. */
    static Optional<Instance> first(ServeSettings s) {
        return s.site().instances().stream().findFirst();
    }
}
