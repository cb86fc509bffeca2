package io.github.o365watch.source;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the data.
 *
 * @param location        the web service's base URL, or a mirror directory
 * @param clientRequestId an explicit ClientRequestId; otherwise the machine's own is used
 * @param configDir       where the machine's ClientRequestId is kept
 * @param timeout         connect and read timeout
 * @param maxBodyBytes    responses larger than this are refused
 * @param attempts        tries for a request that fails with a network error or HTTP 5xx
 * @param backoff         wait before the second try; doubled for each further try
 * @param maxRetryAfter   the longest {@code Retry-After} that is waited out (once) after HTTP 429
 * @param proxy           an explicit proxy URL; otherwise the environment's HTTPS_PROXY
 * @param caBundle        PEM certificates trusted in addition to the JDK's (TLS-inspecting proxies)
 * @param env             environment variables (proxy settings and credentials)
 * @param sleeper         how to wait between tries
 * @param clock           for dates in Retry-After
 */
public record SourceOptions(
        String location,
        Optional<String> clientRequestId,
        Path configDir,
        Duration timeout,
        long maxBodyBytes,
        int attempts,
        Duration backoff,
        Duration maxRetryAfter,
        Optional<String> proxy,
        Optional<Path> caBundle,
        Map<String, String> env,
        Sleeper sleeper,
        Clock clock) {

    public static final String DEFAULT_LOCATION = "https://endpoints.office.com";
    public static final long DEFAULT_MAX_BODY = 32L * 1024 * 1024;

    public SourceOptions {
        Objects.requireNonNull(location, "location");
        env = Map.copyOf(env);
    }

    /** Defaults for everything but the location and the environment. */
    public static SourceOptions defaults(String location, Path configDir, Map<String, String> env) {
        return new SourceOptions(
                location,
                Optional.empty(),
                configDir,
                Duration.ofSeconds(30),
                DEFAULT_MAX_BODY,
                3,
                Duration.ofSeconds(2),
                Duration.ofSeconds(120),
                Optional.empty(),
                Optional.empty(),
                env,
                Sleeper.REAL,
                Clock.systemUTC());
    }

    /**
     * Checks a proxy URL as {@code --proxy} takes it: {@code http://host:port} or
     * {@code socks5://host:port}, without credentials (those come from the environment).
     *
     * @param what how the message names the value
     * @throws SourceConfigException saying what is wrong
     */
    public static void checkProxy(String raw, String what) {
        if (Http.ProxySettings.parse(raw, what).getUserInfo() != null) {
            throw new SourceConfigException(what + " must not carry credentials; set " + Http.PROXY_USER_ENV + " and "
                    + Http.PROXY_PASSWORD_ENV + " instead");
        }
    }

    public boolean isUrl() {
        return location.contains("://");
    }
}
