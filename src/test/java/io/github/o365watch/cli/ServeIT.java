package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.WireMocks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code o365watch serve} as a service runs it: the packaged jar in its own JVM on a free port,
 * answering from the site sync keeps, logging each request to stdout, and ending on SIGTERM.
 */
class ServeIT {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path dir;

    @Test
    void thePackagedCommandServesTheSiteUntilStopped() throws Exception {
        Nightly n = new Nightly(wm, dir);
        n.service.publish("Worldwide", SyncTest.A);
        assertThat(n.sync().code()).isZero();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-jar",
                        Path.of("target/o365watch.jar").toAbsolutePath().toString(),
                        "serve",
                        "--config",
                        n.config.toString(),
                        "--listen",
                        "127.0.0.1:0"))
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            String line = err.readLine();
            assertThat(line).as("serve's first line").isNotNull();
            Matcher m = Pattern.compile("o365watch: serving .* at (http://127\\.0\\.0\\.1:[0-9]+/)")
                    .matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<byte[]> pac = http.send(
                    HttpRequest.newBuilder(URI.create(m.group(1) + "proxy.pac"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pac.statusCode()).isEqualTo(200);
            assertThat(pac.body()).isEqualTo(Files.readAllBytes(n.output("worldwide/pac/o365.pac")));
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create(m.group(1) + "healthz"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            // the applied version is years old by the wall clock: health says so
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("older than 60 days");
        } finally {
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS))
                    .as("serve ends on SIGTERM")
                    .isTrue();
        }
        assertThat(Files.readString(dir.resolve("stdout.txt"))).contains("\"GET /proxy.pac HTTP/1.1\" 200 ");
    }
}
