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
        return builder(location, configDir, env).build();
    }

    /** The defaults for everything but the location, the config directory and the environment, each settable. */
    public static Builder builder(String location, Path configDir, Map<String, String> env) {
        return new Builder(location, configDir, env);
    }

    /** Source options by name: each setting not given keeps its default. */
    public static final class Builder {
        private final String location;
        private final Path configDir;
        private final Map<String, String> env;
        private Optional<String> clientRequestId = Optional.empty();
        private Duration timeout = Duration.ofSeconds(30);
        private long maxBodyBytes = DEFAULT_MAX_BODY;
        private int attempts = 3;
        private Duration backoff = Duration.ofSeconds(2);
        private Duration maxRetryAfter = Duration.ofSeconds(120);
        private Optional<String> proxy = Optional.empty();
        private Optional<Path> caBundle = Optional.empty();
        private Sleeper sleeper = Sleeper.REAL;
        private Clock clock = Clock.systemUTC();

        private Builder(String location, Path configDir, Map<String, String> env) {
            this.location = location;
            this.configDir = configDir;
            this.env = env;
        }

        public Builder clientRequestId(Optional<String> id) {
            this.clientRequestId = id;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder backoff(Duration backoff) {
            this.backoff = backoff;
            return this;
        }

        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        public Builder proxy(Optional<String> proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder caBundle(Optional<Path> caBundle) {
            this.caBundle = caBundle;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public SourceOptions build() {
            return new SourceOptions(
                    location,
                    clientRequestId,
                    configDir,
                    timeout,
                    maxBodyBytes,
                    attempts,
                    backoff,
                    maxRetryAfter,
                    proxy,
                    caBundle,
                    env,
                    sleeper,
                    clock);
        }
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
