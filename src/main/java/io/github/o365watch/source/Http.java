package io.github.o365watch.source;

import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionSpec;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * GET with the politeness and safety rules of o365watch: HTTPS only (plain HTTP to loopback
 * for mirrors and tests), timeouts, a cap on the body, retries with backoff on network errors and
 * 5xx, and for 429 one wait of {@code Retry-After} (when short enough) before giving up.
 */
final class Http {
    static final String PROXY_USER_ENV = "O365WATCH_PROXY_USER";
    static final String PROXY_PASSWORD_ENV = "O365WATCH_PROXY_PASSWORD";
    private static final int MAX_REDIRECTS = 5;
    private static final String USER_AGENT = "o365watch/"
            + Optional.ofNullable(Http.class.getPackage().getImplementationVersion())
                    .orElse("dev");

    private final SourceOptions options;
    private final OkHttpClient client;
    private final boolean clientSpeaksTls;
    // made if a plain-HTTP source (a loopback mirror) redirects to https: the client above speaks no TLS
    private OkHttpClient tls;

    Http(SourceOptions options) {
        this.options = options;
        this.clientSpeaksTls = !options.location().regionMatches(true, 0, "http://", 0, 7);
        this.client = build(options, clientSpeaksTls);
    }

    /** Refuses anything but https, or http to a loopback address. */
    static void checkAllowed(HttpUrl url) {
        if (!url.isHttps() && !isLoopback(url.host())) {
            throw new SourceConfigException("refusing plain HTTP to " + url.host()
                    + ": only https:// is allowed, or http:// to a loopback address (a local mirror)");
        }
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1")
                || h.startsWith("127.") && h.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    byte[] get(HttpUrl start, String what) {
        checkAllowed(start);
        HttpUrl url = start;
        int redirects = 0;
        boolean waitedForRateLimit = false;
        for (int attempt = 1; ; attempt++) {
            Request request = new Request.Builder()
                    .url(url)
                    .header("User-Agent", USER_AGENT)
                    .header("Accept", "application/json, application/rss+xml;q=0.9, */*;q=0.5")
                    .build();
            try (Response response = client(url).newCall(request).execute()) {
                int code = response.code();
                if (response.isSuccessful()) {
                    return read(response.body(), what);
                }
                if (response.isRedirect()) {
                    // followed here, not by OkHttp, so that the target is checked before any connection
                    HttpUrl next = Optional.ofNullable(response.header("Location"))
                            .map(url::resolve)
                            .orElse(null);
                    if (next == null) {
                        throw new UpstreamException(what + ": HTTP " + code + " redirect without a usable Location");
                    }
                    if (!next.isHttps() && (url.isHttps() || !isLoopback(next.host()))) {
                        throw new UpstreamException(
                                what + ": refusing to follow a redirect to plain HTTP at " + next.host());
                    }
                    if (++redirects > MAX_REDIRECTS) {
                        throw new UpstreamException(
                                what + ": too many redirects (more than " + MAX_REDIRECTS + "; a redirect loop?)");
                    }
                    url = next;
                    attempt--;
                    continue;
                }
                if (code == 429) {
                    Optional<Duration> wait = retryAfter(response.header("Retry-After"));
                    if (!waitedForRateLimit && wait.isPresent() && wait.get().compareTo(options.maxRetryAfter()) <= 0) {
                        waitedForRateLimit = true;
                        pause(wait.get());
                        attempt--;
                        continue;
                    }
                    throw new RateLimitedException(what + ": rate limited by the service (HTTP 429"
                            + wait.map(w -> ", Retry-After " + w.toSeconds() + " s")
                                    .orElse("") + "); not retrying."
                            + " Microsoft asks clients to wait an hour; run again later");
                }
                if (code >= 500 && attempt < options.attempts()) {
                    pause(backoff(attempt));
                    continue;
                }
                throw new UpstreamException(what + ": HTTP " + code + " from " + url.host() + snippet(response)
                        + (code >= 500 ? " (after " + attempt + " tries)" : ""));
            } catch (ProxyRefusedException e) {
                throw new UpstreamException(what + ": " + e.getMessage(), e);
            } catch (SSLException e) {
                throw new UpstreamException(
                        what + ": TLS failure talking to " + url.host() + ": " + oneLine(e.getMessage())
                                + " (behind a TLS-inspecting proxy, trust its CA with --ca-bundle FILE)",
                        e);
            } catch (IOException e) {
                if (attempt >= options.attempts()) {
                    throw new UpstreamException(what + ": " + describe(e, url) + " (after " + attempt + " tries)", e);
                }
                pause(backoff(attempt));
            }
        }
    }

    private byte[] read(ResponseBody body, String what) throws IOException {
        long cap = options.maxBodyBytes();
        if (body.contentLength() > cap) {
            throw new InvalidDataException(
                    what + ": response of " + body.contentLength() + " bytes is over the limit of " + cap);
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        long total = 0;
        while (true) {
            long n = source.read(buffer, 64 * 1024);
            if (n < 0) {
                break;
            }
            total += n;
            if (total > cap) {
                throw new InvalidDataException(what + ": response is over the limit of " + cap + " bytes");
            }
        }
        return buffer.readByteArray();
    }

    private Duration backoff(int attempt) {
        return options.backoff().multipliedBy(1L << Math.min(attempt - 1, 10));
    }

    private void pause(Duration d) {
        try {
            options.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted while waiting to retry");
        }
    }

    /** Seconds, or an HTTP date; absent or unreadable is empty. */
    Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.strip();
        try {
            if (h.chars().allMatch(Character::isDigit) && h.length() < 10) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(h)));
            }
            ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(options.clock().instant(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String snippet(Response response) {
        try {
            String text = response.peekBody(300).string();
            String line = oneLine(text);
            return line.isEmpty() ? "" : ": " + line;
        } catch (IOException e) {
            return "";
        }
    }

    static String oneLine(String text) {
        return Printable.line(text, 200);
    }

    private static String describe(IOException e, HttpUrl url) {
        if (e instanceof UnknownHostException) {
            return "cannot resolve host " + url.host();
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "cannot connect to " + url.host() + ":" + url.port() + " (" + oneLine(e.getMessage()) + ")";
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return "timed out talking to " + url.host() + ":" + url.port();
        }
        // the JDK's words ("Connection reset"), not its class names: the line is for the person running o365watch
        String m = oneLine(e.getMessage());
        return "network error talking to " + url.host() + ":" + url.port() + " ("
                + (m.isEmpty() ? "the connection broke off" : m) + ")";
    }

    /** The client for a URL: the source's own, or for https from a plain-HTTP source, one that speaks TLS. */
    private OkHttpClient client(HttpUrl url) {
        if (!url.isHttps() || clientSpeaksTls) {
            return client;
        }
        if (tls == null) {
            tls = build(options, true);
        }
        return tls;
    }

    private static OkHttpClient build(SourceOptions o, boolean withTls) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(o.timeout())
                .readTimeout(o.timeout())
                .writeTimeout(o.timeout())
                .callTimeout(o.timeout().multipliedBy(4))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false);
        if (!withTls) {
            // a loopback mirror (nothing else may be plain HTTP): a client that speaks no TLS does not read the
            // platform's trust store, a tenth of the classes a short run loads
            b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        ProxySettings proxy = ProxySettings.from(o.proxy(), o.env());
        b.proxySelector(proxy.selector());
        b.proxyAuthenticator((route, response) -> {
            // OkHttp asks first with a made-up challenge, to send credentials before the proxy wants them
            boolean preemptive = "OkHttp-Preemptive".equals(response.header("Proxy-Authenticate"));
            if (proxy.credentials().isEmpty()) {
                if (preemptive) {
                    return null;
                }
                throw new ProxyRefusedException(route.proxy().address(), false);
            }
            if (response.request().header("Proxy-Authorization") != null) {
                // refused once: a second try (or a retry of the request) could lock the account
                throw new ProxyRefusedException(route.proxy().address(), true);
            }
            return response.request()
                    .newBuilder()
                    .header("Proxy-Authorization", proxy.credentials().get())
                    .build();
        });
        o.caBundle().ifPresent(path -> {
            X509TrustManager tm = trustManager(path);
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {tm}, null);
                b.sslSocketFactory(ctx.getSocketFactory(), tm);
            } catch (GeneralSecurityException e) {
                throw new SourceConfigException("cannot set up TLS with " + path + ": " + e.getMessage(), e);
            }
        });
        return b.build();
    }

    /**
     * The proxy answered 407: it wants credentials o365watch does not have, or refused the ones it
     * sent. Never retried: each try of a wrong password counts towards locking the account.
     */
    static final class ProxyRefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        ProxyRefusedException(SocketAddress proxy, boolean sent) {
            super("the proxy " + describe(proxy)
                    + (sent
                            ? " refused the credentials (HTTP 407); not tried again, so that a wrong password cannot lock the account: check "
                                    + PROXY_USER_ENV + " and " + PROXY_PASSWORD_ENV
                                    + " (or the user part of HTTPS_PROXY)"
                            : " asks for credentials (HTTP 407): set " + PROXY_USER_ENV + " and "
                                    + PROXY_PASSWORD_ENV));
        }

        private static String describe(SocketAddress a) {
            return a instanceof InetSocketAddress i ? i.getHostString() + ":" + i.getPort() : String.valueOf(a);
        }
    }

    /** The JDK's trusted CAs plus those in the PEM bundle. */
    static X509TrustManager trustManager(Path bundle) {
        return TrustBundle.load(bundle);
    }

    /** Proxy from --proxy or the standard environment variables; credentials only from the environment. */
    record ProxySettings(Optional<URI> https, Optional<URI> http, List<String> noProxy, Optional<String> credentials) {

        static ProxySettings from(Optional<String> explicit, java.util.Map<String, String> env) {
            Optional<URI> https;
            Optional<URI> http;
            if (explicit.isPresent()) {
                URI u = parse(explicit.get(), "--proxy");
                if (u.getUserInfo() != null) {
                    throw new SourceConfigException(
                            "--proxy must not carry credentials (they would show in the process list);" + " set "
                                    + PROXY_USER_ENV + " and " + PROXY_PASSWORD_ENV + " instead");
                }
                https = Optional.of(u);
                http = https;
            } else {
                https = var(env, "HTTPS_PROXY").map(s -> parse(s, "HTTPS_PROXY"));
                http = var(env, "HTTP_PROXY").map(s -> parse(s, "HTTP_PROXY"));
            }
            List<String> noProxy = new ArrayList<>();
            var(env, "NO_PROXY").ifPresent(s -> {
                for (String item : s.split(",")) {
                    String t = item.strip().toLowerCase(Locale.ROOT);
                    if (!t.isEmpty()) {
                        noProxy.add(t.startsWith("*.") ? t.substring(1) : t);
                    }
                }
            });
            Optional<String> user = Optional.ofNullable(env.get(PROXY_USER_ENV)).filter(s -> !s.isEmpty());
            Optional<String> credentials;
            if (user.isPresent()) {
                credentials = Optional.of(Credentials.basic(user.get(), env.getOrDefault(PROXY_PASSWORD_ENV, "")));
            } else {
                credentials = https.or(() -> http)
                        .map(URI::getRawUserInfo)
                        .filter(s -> s.contains(":"))
                        .map(s -> {
                            int colon = s.indexOf(':');
                            return Credentials.basic(decode(s.substring(0, colon)), decode(s.substring(colon + 1)));
                        });
            }
            if (credentials.isPresent()
                    && https.or(() -> http)
                            .map(u -> u.getScheme().toLowerCase(Locale.ROOT).startsWith("socks"))
                            .orElse(false)) {
                throw new SourceConfigException("proxy credentials work with an HTTP proxy only, not SOCKS");
            }
            return new ProxySettings(https, http, List.copyOf(noProxy), credentials);
        }

        private static String decode(String s) {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        }

        private static Optional<String> var(java.util.Map<String, String> env, String name) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                v = env.get(name.toLowerCase(Locale.ROOT));
            }
            return Optional.ofNullable(v).filter(s -> !s.isBlank());
        }

        static URI parse(String raw, String what) {
            String s = raw.strip();
            if (!s.contains("://")) {
                s = "http://" + s;
            }
            try {
                URI u = new URI(s);
                String scheme = u.getScheme().toLowerCase(Locale.ROOT);
                if (u.getHost() == null || !(scheme.equals("http") || scheme.startsWith("socks"))) {
                    throw new SourceConfigException(
                            what + " is not a proxy URL (http://host:port or socks5://host:port)");
                }
                if (u.getPort() == 0 || u.getPort() > 65535) {
                    throw new SourceConfigException(what + ": port " + u.getPort() + " is outside 1-65535");
                }
                return u;
            } catch (java.net.URISyntaxException e) {
                throw new SourceConfigException(what + " is not a proxy URL (http://host:port or socks5://host:port)");
            }
        }

        boolean bypass(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            for (String n : noProxy) {
                if (n.equals("*") || h.equals(n) || n.startsWith(".") && h.endsWith(n) || h.endsWith("." + n)) {
                    return true;
                }
            }
            return false;
        }

        ProxySelector selector() {
            ProxySettings self = this;
            return new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    Optional<URI> p = "https".equalsIgnoreCase(uri.getScheme()) ? self.https : self.http;
                    if (p.isEmpty() || bypass(uri.getHost())) {
                        return List.of(Proxy.NO_PROXY);
                    }
                    URI u = p.get();
                    boolean socks = u.getScheme().toLowerCase(Locale.ROOT).startsWith("socks");
                    int port = u.getPort() > 0 ? u.getPort() : socks ? 1080 : 8080;
                    return List.of(new Proxy(
                            socks ? Proxy.Type.SOCKS : Proxy.Type.HTTP,
                            InetSocketAddress.createUnresolved(u.getHost(), port)));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                    // reported through the call's own exception
                }
            };
        }
    }
}
