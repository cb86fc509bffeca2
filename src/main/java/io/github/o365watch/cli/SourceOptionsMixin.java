package io.github.o365watch.cli;

import io.github.o365watch.source.SourceOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the data comes from and how to reach it: for the commands that ask the web service or a mirror. */
@Exits({
    "3:upstream unavailable: network error, timeout, HTTP error, rate limited",
    "4:upstream data invalid: unparseable, or fails validation"
})
final class SourceOptionsMixin {
    @Option(
            names = "--source",
            paramLabel = "URL|DIR",
            description =
                    "The web service or a mirror directory written by 'mirror' (default: the config file's source, else "
                            + SourceOptions.DEFAULT_LOCATION + ").")
    String source;

    @Option(
            names = "--client-request-id",
            paramLabel = "GUID",
            description = "ClientRequestId to send (default: this machine's, generated once and kept in"
                    + " ~/.config/o365watch; or $O365WATCH_CLIENT_REQUEST_ID).")
    String clientRequestId;

    @Option(
            names = "--proxy",
            paramLabel = "URL",
            description =
                    "HTTP proxy, e.g. http://proxy:8080 (default: $HTTPS_PROXY, else the config file's proxy; $NO_PROXY"
                            + " applies). Credentials come from $O365WATCH_PROXY_USER and $O365WATCH_PROXY_PASSWORD.")
    String proxy;

    @Option(
            names = "--ca-bundle",
            paramLabel = "FILE",
            description =
                    "PEM certificates to trust besides the JDK's, for a TLS-inspecting proxy (default: $O365WATCH_CA_BUNDLE,"
                            + " else the config file's caBundle).")
    Path caBundle;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "Connect and read timeout (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "3",
            description = "Tries for a request failing with a network error or HTTP 5xx (default: ${DEFAULT-VALUE}).")
    int attempts;

    /** The options, with the config file's settings where an option is not given. */
    SourceOptions build(Environment env, Optional<io.github.o365watch.app.Config> config) {
        String location = source != null
                ? source
                : config.map(io.github.o365watch.app.Config::source).orElse(SourceOptions.DEFAULT_LOCATION);
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw io.github.o365watch.app.UsageException.commandLine("--timeout must be between 1 and 3600 seconds");
        }
        if (attempts < 1 || attempts > 10) {
            throw io.github.o365watch.app.UsageException.commandLine("--retries must be between 1 and 10");
        }
        Optional<Path> ca = Optional.ofNullable(caBundle)
                .or(() -> Optional.ofNullable(env.env().get("O365WATCH_CA_BUNDLE"))
                        .filter(s -> !s.isBlank())
                        .map(s -> env.resolve(Path.of(s))))
                .or(() -> config.flatMap(io.github.o365watch.app.Config::caBundle));
        // the environment's proxy settings come before the config file's, as every setting's do
        boolean envProxy = java.util.stream.Stream.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")
                .map(env.env()::get)
                .anyMatch(v -> v != null && !v.isBlank());
        Optional<String> proxyUrl = Optional.ofNullable(proxy)
                .or(() -> envProxy ? Optional.empty() : config.flatMap(io.github.o365watch.app.Config::proxy));
        return SourceOptions.builder(location, env.configDir(), env.env())
                .clientRequestId(Optional.ofNullable(clientRequestId))
                .timeout(env.timeoutUnit().multipliedBy(timeoutSeconds))
                .attempts(attempts)
                .proxy(proxyUrl)
                .caBundle(ca)
                .sleeper(env.sleeper())
                .clock(env.clock())
                .build();
    }
}
