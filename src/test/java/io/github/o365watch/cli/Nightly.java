package io.github.o365watch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.Derived;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One directory as a network team keeps it: o365watch.yaml (source: WireMock playing the web
 * service), the store, the outputs and the lock file; sync and check run against it.
 */
final class Nightly {
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final FakeService service;
    final TestCli cli;
    final Path config;

    Nightly(WireMockExtension wm, Path dir) throws IOException {
        this.dir = dir;
        service = new FakeService(wm);
        cli = new TestCli(dir.resolve("machine"));
        config = dir.resolve("o365watch.yaml");
        writeConfig("");
    }

    void writeConfig(String extra) throws IOException {
        Files.writeString(config, io.github.o365watch.testing.SyncDir.config(service.url()) + extra);
    }

    /**
     * The {@code notify:} block of a job that mails through {@code smtp} (STARTTLS, AUTH with the
     * password in SMTP_PASSWORD, the test CA) and calls the given webhooks (YAML list items).
     */
    static String notify(int smtpPort, String caPem, List<String> to, String webhooks) {
        return """
                notify:
                  on: [changes, pending, refused]
                  email:
                    host: localhost
                    port: %d
                    tls: starttls
                    from: o365watch@corp.example
                    to: [%s]
                    username: o365watch
                    passwordEnv: SMTP_PASSWORD
                    caBundle: %s
                  webhooks:
                """.formatted(smtpPort, String.join(", ", to), caPem) + webhooks.indent(4);
    }

    Result sync(String... args) {
        return run("sync", args);
    }

    Result check(String... args) {
        return run("check", args);
    }

    Result run(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--config", config.toString()));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    Path output(String relative) {
        return dir.resolve("generated").resolve(relative);
    }

    JsonNode lock() throws IOException {
        return JSON.readTree(dir.resolve("o365watch.lock").toFile());
    }

    /** The published outputs: relative path to content. */
    Map<String, String> outputs() throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path root = dir.resolve("generated").toRealPath();
        try (var files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    /** A's lists plus one announced range in set 1 (Exchange Optimize), and Microsoft's record of it. */
    void publishAnnouncedAddition(String effectiveDate) {
        service.publish(
                "Worldwide",
                "2019090100",
                Derived.withIp(Fixtures.endpoints("Worldwide", SyncTest.A), 1, "20.20.20.0/24"));
        service.changes("Worldwide", """
                [{"id": 2001, "endpointSetId": 1, "disposition": "Change", "impact": "AddedIp", "version": "2019090100",
                  "add": {"effectiveDate": "%s", "ips": ["20.20.20.0/24"]}}]
                """.formatted(effectiveDate));
    }
}
