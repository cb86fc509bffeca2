package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.source.WireFormat;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.Derived;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate applies the safety guard as sync does: the newest stored version, when it shrinks past
 * the threshold against the version stored before it, needs --accept-shrink or an explicit
 * --version; lists no Microsoft 365 endpoint has (in a store written before fetch refused them)
 * are refused whatever the flags. Nothing is written when it refuses.
 */
class GenerateGuardTest {
    static final String A = "2019082800";
    static final String SHRUNK = "2019090100";

    @TempDir
    Path dir;

    TestCli cli;
    SnapshotStore store;

    @BeforeEach
    void store() {
        cli = new TestCli(dir.resolve("machine"));
        store = new SnapshotStore(dir.resolve("snapshots"));
        put(A, Fixtures.endpoints("Worldwide", A));
    }

    private void put(String version, byte[] endpoints) {
        store.put(
                WireFormat.endpoints(endpoints, Instance.WORLDWIDE, Version.parse(version), "test"),
                Optional.empty(),
                "0".repeat(64));
    }

    private Result generate(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "generate",
                "--store",
                dir.resolve("snapshots").toString(),
                "--target",
                "edl",
                "--out",
                dir.resolve("out").toString()));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void theNewestVersionThatShrinksNeedsAcceptShrinkOrAnExplicitVersion() {
        // Exchange's sets lose their addresses: far more than 10% of the selected IPv4 addresses
        put(
                SHRUNK,
                Derived.withoutIps(
                        Fixtures.endpoints("Worldwide", A),
                        s -> s.path("serviceArea").asText().equals("Exchange")));

        Result refused = generate();
        assertThat(refused.code()).as(refused.toString()).isEqualTo(7);
        assertThat(refused.err().lines()).hasSize(1);
        assertThat(refused.err())
                .contains("refused by the safety guard")
                .contains("Worldwide " + SHRUNK + " removes")
                .contains("compared with " + A + ", the version stored before it")
                .contains("generate --accept-shrink")
                .contains("--version " + SHRUNK);
        assertThat(Files.exists(dir.resolve("out"))).as("nothing written").isFalse();

        Result accepted = generate("--accept-shrink");
        assertThat(accepted.code()).as(accepted.toString()).isZero();
        assertThat(accepted.out()).contains("Generated from Worldwide " + SHRUNK);
        Result explicit = generate("--version", SHRUNK);
        assertThat(explicit.code()).as(explicit.toString()).isZero();
    }

    @Test
    void aVersionThatDoesNotShrinkIsWrittenAsBefore() {
        put("2019093000", Fixtures.endpoints("Worldwide", "2019093000"));
        Result r = generate();
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void listsNoMicrosoft365EndpointHasAreRefusedWhateverTheFlags() {
        // stored by an o365watch that did not yet refuse special-purpose space at fetch (the store's own checksums
        // hold)
        byte[] bad = Derived.withIp(
                Derived.withIp(Derived.withIp(Fixtures.endpoints("Worldwide", A), 1, "224.0.0.0/4"), 1, "127.0.0.0/8"),
                1,
                "fe80::/10");
        putUnchecked(bad);
        for (String[] flags : new String[][] {{}, {"--accept-shrink"}, {"--version", "2019090200"}}) {
            Result r = generate(flags);
            assertThat(r.code()).as(r.toString()).isEqualTo(7);
            assertThat(r.err())
                    .contains("lists 127.0.0.0/8 in set 1, special-purpose address space 127.0.0.0/8 (Loopback")
                    .contains("lists 224.0.0.0/4 in set 1, special-purpose address space 224.0.0.0/4 (Multicast")
                    .contains("lists fe80::/10 in set 1")
                    .contains("refused whatever the flags");
        }
        assertThat(Files.exists(dir.resolve("out"))).as("nothing written").isFalse();
    }

    @Test
    void anOverrideCategoryThatDiffersFromTheFeedsOnlyInCaseIsRefusedNamingBoth() throws java.io.IOException {
        put(
                "2019090300",
                Derived.withField(
                        Fixtures.endpoints("Worldwide", A), x -> x.path("id").asInt() == 1, "category", "Foo"));
        Path overrides = Files.writeString(dir.resolve("overrides.yaml"), """
                add:
                  - entry: 20.20.20.0/24
                    comment: branch breakout
                    category: foo
                """);
        Result r = generate("--category", "all", "--overrides", overrides.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .contains("categories 'Foo' (set 1) and 'foo' (local override 'branch breakout') differ only in case"
                        + " and would share the output name 'foo'");
        assertThat(Files.exists(dir.resolve("out"))).as("nothing written").isFalse();
    }

    /** Stores a version past fetch's checks, as an older o365watch did: the snapshot parsed, the border's rules not applied. */
    private void putUnchecked(byte[] endpoints) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            io.github.o365watch.domain.RawEndpointSet[] raw =
                    json.readValue(endpoints, io.github.o365watch.domain.RawEndpointSet[].class);
            store.put(
                    io.github.o365watch.domain.Snapshot.parse(
                            Instance.WORLDWIDE, Version.parse("2019090200"), List.of(raw)),
                    Optional.empty(),
                    "0".repeat(64));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
