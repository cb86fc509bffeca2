package io.github.o365watch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.RawEndpointSet;
import io.github.o365watch.domain.Version;
import io.github.o365watch.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming reader of the store's files held to the data binder's answers. */
class StoredJsonTest {
    @TempDir
    Path tmp;

    /** Every real snapshot: the fixtures as Microsoft published them, and the shipped store's canonical files. */
    static Stream<Arguments> everyRealSnapshot() throws IOException {
        List<Arguments> out = new ArrayList<>();
        Fixtures.WORLDWIDE.forEach(
                v -> out.add(Arguments.of("fixture Worldwide " + v, Fixtures.endpoints("Worldwide", v))));
        Fixtures.USGOVDOD.forEach(
                v -> out.add(Arguments.of("fixture USGovDoD " + v, Fixtures.endpoints("USGovDoD", v))));
        out.add(Arguments.of("wire response", Fixtures.wire()));
        try (Stream<Path> files = Files.walk(Path.of("snapshots"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")
                            && !f.toString().endsWith(".meta.json")
                            && !f.toString().endsWith(".changes.json"))
                    .sorted()
                    .toList()) {
                out.add(Arguments.of("stored " + p, Files.readAllBytes(p)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRealSnapshot")
    void readsEveryRealSnapshotAsTheBinderDoes(String name, byte[] bytes) throws IOException {
        List<RawEndpointSet> bound = Arrays.asList(CanonicalJson.read(bytes, RawEndpointSet[].class));

        List<RawEndpointSet> streamed = StoredJson.sets(bytes);

        assertThat(bound).isNotEmpty();
        assertThat(streamed).isEqualTo(bound);
    }

    @Test
    void readsEveryShippedMetaFileAsTheBinderDoes() throws IOException {
        List<Path> metas;
        try (Stream<Path> files = Files.walk(Path.of("snapshots"))) {
            metas = files.filter(f -> f.toString().endsWith(".meta.json"))
                    .sorted()
                    .toList();
        }
        assertThat(metas).hasSizeGreaterThan(5);
        for (Path p : metas) {
            byte[] bytes = Files.readAllBytes(p);
            assertThat(StoredJson.meta(bytes)).as(p.toString()).isEqualTo(CanonicalJson.read(bytes, Meta.class));
        }
    }

    @Test
    void unknownFieldsAreSkippedAndNullsReadAsTheBinderReadsThem() throws IOException {
        byte[] bytes =
                utf8("[{\"id\": 4, \"future\": {\"a\": [1, {\"b\": null}]}, \"urls\": null, \"ips\": [\"1.2.3.0/24\"],"
                        + " \"notes\": \"caf\u00e9\", \"required\": false, \"expressRoute\": null}, null]");
        byte[] withoutNull = utf8(new String(bytes, StandardCharsets.UTF_8).replace(", null]", "]"));

        assertThat(StoredJson.sets(withoutNull))
                .isEqualTo(Arrays.asList(CanonicalJson.read(withoutNull, RawEndpointSet[].class)))
                .containsExactly(new RawEndpointSet(
                        4, null, null, null, List.of("1.2.3.0/24"), null, null, null, null, false, "caf\u00e9"));
        assertThat(StoredJson.sets(utf8("null"))).isNull();
        // a null set: the binder would hand it on, to fail later; here it is refused where it is
        assertThatThrownBy(() -> StoredJson.sets(bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("an endpoint set");
    }

    @Test
    void refusesWhatTheBinderRefusesAndWhatItWouldCoerce() {
        for (String bad : List.of(
                "[{\"id\": 1, \"id\": 2}]", // a duplicate key
                "[{\"id\": 1}] []", // something after the value
                "[{\"id\": 1}", // cut short
                "{\"id\": 1}", // not an array
                "[{\"id\": 4294967296}]")) { // past int
            assertThatThrownBy(() -> CanonicalJson.read(utf8(bad), RawEndpointSet[].class))
                    .as(bad)
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> StoredJson.sets(utf8(bad))).as(bad).isInstanceOf(IOException.class);
        }
        // the binder coerces these; the store never writes them, so they are refused, not read as something else
        for (String coerced : List.of(
                "[{\"id\": \"1\"}]", "[{\"ips\": \"1.2.3.0/24\"}]", "[{\"required\": \"true\"}]", "[{\"id\": 1.0}]")) {
            assertThatThrownBy(() -> StoredJson.sets(utf8(coerced))).as(coerced).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> StoredJson.meta(utf8("{\"format\": 1} {}"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> StoredJson.meta(utf8("{\"format\": \"1\"}"))).isInstanceOf(IOException.class);
    }

    @Test
    void aTamperedSnapshotIsRefusedBeforeItIsParsed() throws Exception {
        SnapshotStore store = new SnapshotStore(tmp);
        store.put(Fixtures.snapshot("Worldwide", "2019112700"), Optional.empty(), "00".repeat(32));
        Path file = tmp.resolve("worldwide/2019112700.json");
        Version v = Version.parse("2019112700");
        String text = Files.readString(file);
        // still a valid snapshot, one the streaming parser would read: only the checksum tells
        Files.writeString(file, text.replace("\"52.112.0.0/14\"", "\"52.112.0.0/15\""));
        assertThatThrownBy(() -> new SnapshotStore(tmp).load(Instance.WORLDWIDE, v))
                .isInstanceOf(StoreException.class)
                .hasMessage(file
                        + " is corrupt or was edited: its SHA-256 does not match the one recorded when it was stored");

        // edited with its meta file to match: read, and what the binder would coerce is refused by name
        String edited = text.replaceFirst("\"id\": 1,", "\"id\": \"1\",");
        Files.writeString(file, edited);
        Path meta = tmp.resolve("worldwide/2019112700.meta.json");
        Files.writeString(
                meta,
                Files.readString(meta)
                        .replaceAll(
                                "\"sha256\": \"[0-9a-f]{64}\"",
                                "\"sha256\": \"" + io.github.o365watch.domain.Checksums.sha256(utf8(edited)) + "\""));
        assertThatThrownBy(() -> new SnapshotStore(tmp).load(Instance.WORLDWIDE, v))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("snapshot " + file + " cannot be read: expected a whole number");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
