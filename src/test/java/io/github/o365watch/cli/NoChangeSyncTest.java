package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.Stat;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock file's fingerprint: a sync that finds it equal to its own, and every output as the lock
 * records it, renders nothing (NoChangeSyncIT shows no template engine is even loaded); a change
 * of any input it covers regenerates. Each test syncs once, changes one input, and syncs again.
 */
class NoChangeSyncTest {
    static final String A = SyncTest.A;
    static final String B = SyncTest.B;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path dir;

    Nightly n;
    FakeService service;

    /** The site of SyncTest plus {@code extra} config, synced once to A. */
    void firstSync(String extra) throws IOException {
        n = new Nightly(wm, dir);
        service = n.service;
        n.writeConfig(extra);
        service.publish("Worldwide", A);
        Result r = n.sync();
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(n.lock().path("fingerprint").asText()).matches("[0-9a-f]{64}");
    }

    String fingerprint() throws IOException {
        return n.lock().path("fingerprint").asText();
    }

    @Test
    void nothingChangedIsOneRequestAndTouchesNothing() throws IOException {
        firstSync("");
        String before = fingerprint();
        Map<String, String> tree = Stat.tree(dir);
        wm.resetRequests();

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).matches("up to date: Worldwide " + A + "; outputs current \\([0-9]+ files\\)\n");
        assertThat(service.paths()).containsExactly("/version");
        assertThat(Stat.tree(dir)).isEqualTo(tree);
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void aNewVersionRegenerates() throws IOException {
        firstSync("");
        String before = fingerprint();
        service.publish("Worldwide", B);

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Worldwide: applied " + B + " (was " + A + ")");
        assertThat(n.lock().path("instances").path("Worldwide").path("version").asText())
                .isEqualTo(B);
        assertThat(fingerprint()).isNotEqualTo(before);
    }

    @Test
    void aChangedSelectionRegenerates() throws IOException {
        firstSync("");
        String before = fingerprint();
        Map<String, String> outputs = n.outputs();
        n.writeConfig("selection:\n  categories: [Optimize]\n");

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(outputs).containsKey("worldwide/edl/o365-allow-ipv4.txt");
        assertThat(n.outputs()).doesNotContainKey("worldwide/edl/o365-allow-ipv4.txt");
        assertThat(fingerprint()).isNotEqualTo(before);
    }

    @Test
    void aChangedTargetOptionRegenerates() throws IOException {
        firstSync("");
        String before = fingerprint();
        Path config = n.config;
        Files.writeString(config, Files.readString(config).replace("table: o365watch", "table: fw"));

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(n.output("worldwide/nftables/o365watch.nft")))
                .contains("table inet fw");
        assertThat(fingerprint()).isNotEqualTo(before);
    }

    @Test
    void aChangedTemplateRegenerates() throws IOException {
        Path templates = Files.createDirectories(dir.resolve("templates/edl"));
        Files.writeString(templates.resolve("ipv4.mustache"), "{{#group.ipv4}}\n{{prefix}}\n{{/group.ipv4}}\n");
        firstSync("templates: templates\n");
        String before = fingerprint();
        Files.writeString(templates.resolve("ipv4.mustache"), "{{#group.ipv4}}\n{{prefix}} # kept\n{{/group.ipv4}}\n");

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(n.output("worldwide/edl/o365-optimize-ipv4.txt")))
                .contains(" # kept\n");
        assertThat(fingerprint()).isNotEqualTo(before);
    }

    @Test
    void aChangedOverridesFileRegenerates() throws IOException {
        Path overrides = dir.resolve("overrides.yaml");
        Files.writeString(
                overrides, "add:\n  - entry: 192.0.2.0/24\n    category: Optimize\n    comment: branch office\n");
        firstSync("selection:\n  overrides: overrides.yaml\n");
        String before = fingerprint();
        assertThat(Files.readString(n.output("worldwide/edl/o365-optimize-ipv4.txt")))
                .contains("192.0.2.0/24");
        Files.writeString(
                overrides, "add:\n  - entry: 198.51.100.0/24\n    category: Optimize\n    comment: branch office\n");

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(n.output("worldwide/edl/o365-optimize-ipv4.txt")))
                .contains("198.51.100.0/24")
                .doesNotContain("192.0.2.0/24");
        assertThat(fingerprint()).isNotEqualTo(before);
    }

    /** What an older or newer build of o365watch recorded: this one renders again and records its own. */
    @Test
    void anotherBuildsFingerprintRegenerates() throws IOException {
        firstSync("");
        String own = fingerprint();
        ObjectNode lock = (ObjectNode) n.lock();
        lock.put("fingerprint", "0".repeat(64));
        Files.writeString(dir.resolve("o365watch.lock"), Nightly.JSON.writeValueAsString(lock));

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("updated o365watch.lock (the outputs were already as it should record)");
        assertThat(fingerprint()).isEqualTo(own);
    }

    /** A lock file of an o365watch that recorded no fingerprint: read as before, completed once. */
    @Test
    void aLockWithoutFingerprintGetsOneOnce() throws IOException {
        firstSync("");
        String own = fingerprint();
        ObjectNode lock = (ObjectNode) n.lock();
        lock.remove("fingerprint");
        Files.writeString(dir.resolve("o365watch.lock"), Nightly.JSON.writeValueAsString(lock));

        Result first = n.sync();
        Result second = n.sync();

        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("updated o365watch.lock");
        assertThat(fingerprint()).isEqualTo(own);
        assertThat(second.out()).startsWith("up to date: Worldwide " + A);
    }

    @Test
    void anOutputEditedByHandIsWrittenAgain() throws IOException {
        firstSync("");
        Path edl = n.output("worldwide/edl/o365-optimize-ipv4.txt");
        String was = Files.readString(edl);
        Files.writeString(edl, was + "203.0.113.0/24\n");

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("wrote 1 file");
        assertThat(Files.readString(edl)).isEqualTo(was);
    }

    /** An output edited by hand and its hash in the lock file edited to match: written again all the same. */
    @Test
    void anOutputAndItsRecordedHashEditedTogetherAreWrittenAgain() throws IOException {
        firstSync("");
        Path edl = n.output("worldwide/edl/o365-optimize-ipv4.txt");
        String was = Files.readString(edl);
        String edited = was + "203.0.113.0/24\n";
        Files.writeString(edl, edited);
        Path lockFile = dir.resolve("o365watch.lock");
        Files.writeString(
                lockFile,
                Files.readString(lockFile)
                        .replace(
                                io.github.o365watch.domain.Checksums.sha256(was.getBytes(StandardCharsets.UTF_8)),
                                io.github.o365watch.domain.Checksums.sha256(edited.getBytes(StandardCharsets.UTF_8))));

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(edl)).isEqualTo(was);
    }

    @Test
    void anOutputRemovedIsWrittenAgain() throws IOException {
        firstSync("");
        Path edl = n.output("worldwide/edl/o365-optimize-ipv4.txt");
        String was = Files.readString(edl);
        Files.delete(edl);

        Result r = n.sync();

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(edl)).isEqualTo(was);
    }
}
