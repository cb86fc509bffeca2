package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files a person names that are not what they should be: a device with no end ({@code /dev/zero}),
 * a file far too large, a directory where a file goes or the reverse. Each is refused quickly, in
 * one line with the documented exit code, and in words: never a Java class name
 * ({@code java.io.IOException: Is a directory}).
 */
class LocalInputsTest {
    /** A Java class name, qualified or an exception's simple name. */
    static final Pattern CLASS_NAME =
            Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*|\\b\\w*(Exception|Error)\\b");

    @TempDir
    Path dir;

    TestCli cli;

    @BeforeEach
    void setUp() {
        cli = new TestCli(dir.resolve("machine"));
    }

    Result run(String... args) {
        Result r = cli.run(args);
        assertThat(r.err().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).doesNotContainPattern(CLASS_NAME);
        return r;
    }

    /** /dev/zero never ends: each reader stops one byte past its cap and says so (it used to read until memory ran out, or for ever). */
    @Test
    void aDeviceWithNoEndIsRefusedAtTheSizeCap() throws IOException {
        Files.writeString(dir.resolve("o365watch.yaml"), "targets: [{name: edl}]\n");
        Result config = run("sync", "--config", "/dev/zero");
        assertThat(config.code()).isEqualTo(2);
        assertThat(config.err())
                .isEqualTo("o365watch: config file /dev/zero is larger than 1 MiB, far more than any config file needs;"
                        + " is it the right file?\n");

        Result overrides = run(
                "generate",
                "--store",
                "snapshots",
                "--target",
                "edl",
                "--out",
                dir.resolve("out").toString(),
                "--overrides",
                "/dev/zero");
        assertThat(overrides.code()).isEqualTo(2);
        assertThat(overrides.err())
                .isEqualTo("o365watch: overrides file /dev/zero is larger than 4 MiB, far more than any overrides file"
                        + " needs; is it the right file?\n");

        Result ca = run(
                "fetch",
                "--store",
                dir.resolve("s").toString(),
                "--source",
                "https://localhost:9",
                "--ca-bundle",
                "/dev/zero");
        assertThat(ca.code()).isEqualTo(2);
        assertThat(ca.err())
                .isEqualTo("o365watch: CA bundle /dev/zero is larger than 16 MiB, far more than any CA bundle holds;"
                        + " is it the right file?\n");
        Result caEnv = cli.env("O365WATCH_CA_BUNDLE", "/dev/zero")
                .run("fetch", "--store", dir.resolve("s").toString(), "--source", "https://localhost:9");
        assertThat(caEnv.code()).isEqualTo(2);
        assertThat(caEnv.err()).isEqualTo(ca.err());
        assertThat(dir.resolve("out")).doesNotExist();
    }

    /** A regular file one byte over the cap: refused as well (a config is a few kilobytes). */
    @Test
    void aConfigFileOverTheCapIsRefused() throws IOException {
        Path config = dir.resolve("o365watch.yaml");
        StringBuilder s = new StringBuilder("targets: [{name: edl}]\n");
        while (s.length() <= 1 << 20) {
            s.append("# a comment to make the file larger than any config needs to be\n");
        }
        Files.writeString(config, s.substring(0, (1 << 20) + 1));
        Result r = run("sync", "--config", config.toString(), "--offline");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("o365watch: config file " + config
                        + " is larger than 1 MiB, far more than any config file needs;" + " is it the right file?\n");

        Files.writeString(config, s.substring(0, 1 << 20));
        ConfigTest.copyShippedSnapshots(dir.resolve("snapshots"));
        Result fits = cli.run("sync", "--config", config.toString(), "--offline");
        assertThat(fits.code()).as("exactly at the cap: read").isZero();
    }

    static Stream<Arguments> wrongKinds() {
        return Stream.of(
                Arguments.of(
                        "a directory as the CA bundle",
                        List.of("fetch", "--store", "S", "--source", "https://localhost:9", "--ca-bundle", "D"),
                        2,
                        "cannot read CA bundle D: "),
                Arguments.of(
                        "a directory as the config",
                        List.of("sync", "--config", "D"),
                        2,
                        "cannot read config file D: Is a directory"),
                Arguments.of(
                        "a directory as the overrides",
                        List.of(
                                "generate",
                                "--store",
                                "snapshots",
                                "--out",
                                "O",
                                "--target",
                                "edl",
                                "--overrides",
                                "D"),
                        2,
                        "cannot read overrides file D: Is a directory"),
                Arguments.of(
                        "a directory as a log",
                        List.of("audit", "--store", "snapshots", "--log", "D"),
                        2,
                        "cannot read D: Is a directory"),
                Arguments.of(
                        "a file as the mirror",
                        List.of("mirror", "--out", "F", "--source", "https://localhost:9"),
                        5,
                        "F: a file of that name is in the way"),
                Arguments.of(
                        "a file as the templates",
                        List.of("generate", "--store", "snapshots", "--out", "O", "--templates", "F"),
                        6,
                        "--templates F"),
                Arguments.of(
                        "a directory as a deployed file",
                        List.of("verify", "--store", "snapshots", "--against", "D"),
                        2,
                        "D is a directory; name the files in it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongKinds")
    void aPathOfTheWrongKindIsRefusedInWords(String what, List<String> args, int code, String message)
            throws IOException {
        Path d = Files.createDirectories(dir.resolve("a-directory"));
        Path f = Files.writeString(dir.resolve("a-file"), "not a directory\n");
        List<String> line = new ArrayList<>();
        for (String a : args) {
            line.add(
                    switch (a) {
                        case "D" -> d.toString();
                        case "F" -> f.toString();
                        case "S" -> dir.resolve("store").toString();
                        case "O" -> dir.resolve("out").toString();
                        default -> a;
                    });
        }
        Result r = run(line.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.err()).contains(message.replace("D", d.toString()).replace("F", f.toString()));
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
