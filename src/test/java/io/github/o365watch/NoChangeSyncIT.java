package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.SyncDir;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run with nothing to render loads, from the packaged jar in a child JVM with
 * {@code -Xlog:class+load}: the nightly sync when nothing was published, and check on current
 * outputs, load neither the template engine nor the renderers (docs/performance.md). The targets'
 * names and properties are read (the config file is checked against them), nothing compiled.
 */
class NoChangeSyncIT {
    static final String A = "2019082800";

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    /** The classes a child run loaded, by name, from its class-load log. */
    static List<String> loaded(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains("[class,load]"))
                .map(l -> l.replaceAll("^.*\\[class,load\\] (\\S+).*$", "$1"))
                .toList();
    }

    static void nothingForRendering(List<String> classes) {
        assertThat(classes).contains("io.github.o365watch.cli.Main");
        assertThat(classes)
                .as("the template engine and the renderers")
                .noneMatch(n -> n.startsWith("com.github.mustachejava."))
                .noneMatch(n -> n.startsWith("io.github.o365watch.render.mustache.MustacheTemplates$Compiler"))
                .noneMatch(n -> n.equals("io.github.o365watch.app.Outputs"))
                .noneMatch(n -> n.equals("io.github.o365watch.render.Generator"));
        // the service here is a loopback mirror over plain HTTP: no TLS, no trust store read
        assertThat(classes)
                .as("TLS")
                .noneMatch(n -> n.startsWith("sun.security.ssl.SSLContextImpl"))
                .noneMatch(n -> n.equals("sun.security.ssl.TrustStoreManager"));
    }

    @Test
    void aSyncWithNothingNewLoadsNothingToRender() throws IOException {
        FakeService service = new FakeService(wm).publish("Worldwide", A);
        SyncDir site = SyncDir.create(tmp.resolve("site"), tmp.resolve("machine"), service.url());
        SyncDir.Run first = site.sync(List.of());
        assertThat(first.code()).as(first.toString()).isZero();
        Path log = tmp.resolve("sync-classes.txt");
        wm.resetRequests();

        SyncDir.Run again = site.sync(List.of("-Xlog:class+load=info:file=" + log));

        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).startsWith("up to date: Worldwide " + A);
        assertThat(service.paths()).containsExactly("/version");
        nothingForRendering(loaded(log));
    }

    @Test
    void checkOnCurrentOutputsLoadsNothingToRender() throws IOException {
        FakeService service = new FakeService(wm).publish("Worldwide", A);
        SyncDir site = SyncDir.create(tmp.resolve("site"), tmp.resolve("machine"), service.url());
        SyncDir.Run first = site.sync(List.of());
        assertThat(first.code()).as(first.toString()).isZero();
        Path log = tmp.resolve("check-classes.txt");

        SyncDir.Run check = site.run(site.javaCommand(
                List.of("-Xlog:class+load=info:file=" + log),
                "check",
                "--config",
                site.config().toString()));

        assertThat(check.code()).as(check.toString()).isZero();
        assertThat(check.out()).startsWith("current:");
        nothingForRendering(loaded(log));
    }
}
