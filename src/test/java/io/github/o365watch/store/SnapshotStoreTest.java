package io.github.o365watch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.source.WireFormat;
import io.github.o365watch.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotStoreTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> everyFixtureVersion() {
        Stream<Arguments> ww = Fixtures.WORLDWIDE.stream().map(v -> Arguments.of("Worldwide", v));
        Stream<Arguments> dod = Fixtures.USGOVDOD.stream().map(v -> Arguments.of("USGovDoD", v));
        return Stream.concat(ww, dod);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyFixtureVersion")
    void everyPublishedVersionParsesStoresCanonicallyAndLoadsBackEqual(String instance, String version)
            throws Exception {
        Snapshot published = Fixtures.snapshot(instance, version);
        SnapshotStore store = new SnapshotStore(tmp);

        PutResult put = store.put(published, Optional.empty(), "ab".repeat(32));

        assertThat(put.outcome()).isEqualTo(PutResult.Outcome.NEW);
        Snapshot loaded = store.load(published.instance(), published.version());
        assertThat(loaded).isEqualTo(published);
        byte[] file = Files.readAllBytes(tmp.resolve(instance.toLowerCase() + "/" + version + ".json"));
        assertThat(SnapshotStore.canonical(loaded)).isEqualTo(file);
        // the canonical file is itself a valid /endpoints response
        assertThat(WireFormat.endpoints(file, published.instance(), published.version(), "stored"))
                .isEqualTo(published);
        String text = new String(file, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").endsWith("]\n").contains("\n    \"category\": ");
        assertThat(published.sets()).extracting(s -> s.id()).isSorted();
    }

    @Test
    void theRealWireResponseRoundTrips() {
        Snapshot wire = WireFormat.endpoints(Fixtures.wire(), Instance.WORLDWIDE, Version.parse("2020092900"), "wire");
        SnapshotStore store = new SnapshotStore(tmp);
        store.put(wire, Optional.of(List.of()), "00".repeat(32));
        assertThat(store.load(Instance.WORLDWIDE, Version.parse("2020092900"))).isEqualTo(wire);
        assertThat(store.changes(store.newest(Instance.WORLDWIDE).orElseThrow()))
                .contains(List.of());
    }

    @Test
    void canonicalFormSortsKeysAndListsAndIsStable() {
        Snapshot s = Fixtures.snapshot("Worldwide", "2019093000");
        String text = new String(SnapshotStore.canonical(s), StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith(
                        "[\n  {\n    \"category\": \"Optimize\",\n    \"expressRoute\": true,\n    \"id\": 1,\n    \"ips\": [\n"
                                + "      \"13.107.6.152/31\",\n");
        assertThat(SnapshotStore.canonical(s))
                .isEqualTo(SnapshotStore.canonical(Fixtures.snapshot("Worldwide", "2019093000")));
    }

    @Test
    void changeRecordsAreKeptBesideTheSnapshot() {
        SnapshotStore store = new SnapshotStore(tmp);
        List<ChangeRecord> changes = WireFormat.changes(Fixtures.resource("upstream/worldwide-changes.json"), "test");
        store.put(Fixtures.snapshot("Worldwide", "2019093000"), Optional.of(changes), "11".repeat(32));
        StoredVersion v = store.newest(Instance.WORLDWIDE).orElseThrow();
        assertThat(v.hasChanges()).isTrue();
        assertThat(store.changes(v)).contains(changes);
        assertThat(store.rawSha256(v)).isEqualTo("11".repeat(32));
        assertThat(Files.exists(tmp.resolve("worldwide/2019093000.changes.json")))
                .isTrue();
    }

    @Test
    void aCorruptedOrEditedSnapshotIsReportedByName() throws Exception {
        SnapshotStore store = new SnapshotStore(tmp);
        store.put(Fixtures.snapshot("Worldwide", "2019093000"), Optional.empty(), "00".repeat(32));
        Path file = tmp.resolve("worldwide/2019093000.json");
        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"52.112.0.0/14\"", "\"52.112.0.0/15\""));

        assertThatThrownBy(() -> store.load(Instance.WORLDWIDE, Version.parse("2019093000")))
                .isInstanceOf(StoreException.class)
                .hasMessage(file
                        + " is corrupt or was edited: its SHA-256 does not match the one recorded when it was stored");

        Files.writeString(file, text.substring(0, text.length() / 2));
        assertThatThrownBy(() -> store.load(Instance.WORLDWIDE, Version.parse("2019093000")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is corrupt or was edited");
    }

    @Test
    void bytesReadBackAsWrittenLoadEqualAndAnEditAfterTheWriteOrTheReadIsRefused() throws Exception {
        SnapshotStore store = new SnapshotStore(tmp);
        Snapshot published = Fixtures.snapshot("Worldwide", "2019093000");
        store.put(published, Optional.empty(), "00".repeat(32));
        Version v = Version.parse("2019093000");

        assertThat(store.load(Instance.WORLDWIDE, v)).isEqualTo(published);

        // the same length, so only the bytes tell
        Path file = tmp.resolve("worldwide/2019093000.json");
        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"52.112.0.0/14\"", "\"52.112.0.0/15\""));
        assertThatThrownBy(() -> store.load(Instance.WORLDWIDE, v))
                .isInstanceOf(StoreException.class)
                .hasMessage(file
                        + " is corrupt or was edited: its SHA-256 does not match the one recorded when it was stored");

        Files.writeString(file, text);
        assertThat(store.load(Instance.WORLDWIDE, v)).isEqualTo(published);
    }

    @Test
    void aDataFileWithoutItsMetaFileIsTheLeftoverOfAnInterruptedWriteAndIgnored() throws Exception {
        SnapshotStore store = new SnapshotStore(tmp);
        Files.createDirectories(tmp.resolve("worldwide"));
        Files.write(tmp.resolve("worldwide/2019093000.json"), "[half".getBytes(StandardCharsets.UTF_8));

        assertThat(store.versions(Instance.WORLDWIDE)).isEmpty();
        store.put(Fixtures.snapshot("Worldwide", "2019093000"), Optional.empty(), "00".repeat(32));
        assertThat(store.load(Instance.WORLDWIDE, Version.parse("2019093000")))
                .isEqualTo(Fixtures.snapshot("Worldwide", "2019093000"));
    }

    @Test
    void aMovedOrEditedMetaFileIsReported() throws Exception {
        SnapshotStore store = new SnapshotStore(tmp);
        store.put(Fixtures.snapshot("Worldwide", "2019093000"), Optional.empty(), "00".repeat(32));
        Files.move(tmp.resolve("worldwide/2019093000.meta.json"), tmp.resolve("worldwide/2019093001.meta.json"));

        assertThatThrownBy(() -> store.versions(Instance.WORLDWIDE))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("2019093001.meta.json does not describe the file it sits beside");
    }

    @Test
    void identicalContentIsNotWrittenAgainAndOtherContentBecomesARevision() throws Exception {
        SnapshotStore store = new SnapshotStore(tmp);
        Snapshot first = Fixtures.snapshot("Worldwide", "2019093000");
        store.put(first, Optional.empty(), "00".repeat(32));
        var before = io.github.o365watch.testing.Trees.hashes(tmp);

        assertThat(store.put(first, Optional.empty(), "00".repeat(32)).outcome())
                .isEqualTo(PutResult.Outcome.IDENTICAL);
        assertThat(io.github.o365watch.testing.Trees.hashes(tmp)).isEqualTo(before);

        Snapshot other = new Snapshot(
                Instance.WORLDWIDE,
                first.version(),
                Fixtures.snapshot("Worldwide", "2019102800").sets());
        PutResult r = store.put(other, Optional.empty(), "01".repeat(32));
        assertThat(r.outcome()).isEqualTo(PutResult.Outcome.REVISION);
        assertThat(r.stored().revision()).isEqualTo(2);
        assertThat(r.differingSets()).isNotEmpty().isSorted();
        assertThat(Files.readAllBytes(tmp.resolve("worldwide/2019093000.json")))
                .isEqualTo(SnapshotStore.canonical(first));
        assertThat(store.load(Instance.WORLDWIDE, first.version())).isEqualTo(other);
    }

    @SuppressWarnings("try") // the resource is held, not used: the block runs while it is held
    @Test
    void aSecondWriterWaitsABoundedTimeThenFails() throws Exception {
        SnapshotStore store = new SnapshotStore(tmp);
        try (WriterLock held = store.lock(Duration.ofSeconds(1), "pid 1 (o365watch test)")) {
            CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
                try (WriterLock second = store.lock(Duration.ofMillis(300), "pid 2")) {
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Throwable t = other.get(10, TimeUnit.SECONDS);
            assertThat(t)
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("is busy: another o365watch is writing to it (pid 1 (o365watch test))");
        }
        try (WriterLock again = store.lock(Duration.ofMillis(300), "pid 3")) {
            assertThat(Files.readString(tmp.resolve(".lock"))).isEqualTo("pid 3\n");
        }
    }

    @SuppressWarnings("try") // the resource is held, not used: the block runs while it is held
    @Test
    void temporaryFilesLeftByAKilledWriterAreRemovedWhenTheLockIsTaken() throws Exception {
        // where AtomicFiles really puts them: beside the target, in the instance directory
        Files.createDirectories(tmp.resolve("worldwide"));
        Path leftover = Files.createFile(tmp.resolve("worldwide").resolve(AtomicFiles.TEMP_PREFIX + "123.tmp"));
        Path other = Files.createFile(tmp.resolve("worldwide").resolve("notes.txt"));
        try (WriterLock lock = new SnapshotStore(tmp).lock(Duration.ofSeconds(1), "me")) {
            assertThat(Files.exists(leftover)).isFalse();
            assertThat(Files.exists(other)).isTrue();
        }
    }

    @Test
    void aWriteThatFailsBeforeTheCommitTakesBackWhatItWrote() throws Exception {
        SnapshotStore store = new SnapshotStore(tmp);
        store.put(Fixtures.snapshot("Worldwide", "2019082800"), Optional.of(List.of()), "00".repeat(32));
        var before = io.github.o365watch.testing.Trees.hashes(tmp);
        // a directory where the data file must go: the rename fails after the change records were written
        Files.createDirectories(tmp.resolve("worldwide/2019093000.json"));

        assertThatThrownBy(() -> store.put(
                        Fixtures.snapshot("Worldwide", "2019093000"), Optional.of(List.of()), "00".repeat(32)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot write " + tmp.resolve("worldwide/2019093000.json"));

        assertThat(io.github.o365watch.testing.Trees.hashes(tmp)).isEqualTo(before);
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(AtomicFiles.TEMP_PREFIX));
        }
        assertThat(store.versions(Instance.WORLDWIDE))
                .extracting(v -> v.version().value())
                .containsExactly("2019082800");
    }
}
