package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A user's template directory that is broken or tries to read outside itself, named by the config
 * file's {@code templates:} key (sync) and by {@code --templates} (generate): each is a template
 * problem, exit 6, on one line that says what, and nothing is written.
 */
class TemplateDirTest {
    @TempDir
    Path dir;

    Path templates;
    Path outside;
    TestCli cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new TestCli(dir.resolve("machine"));
        templates = Files.createDirectories(dir.resolve("templates"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.mustache"), "not a template: a file the templates must not reach\n");
        ConfigTest.copyShippedSnapshots(dir.resolve("snapshots"));
    }

    /** How the directory is broken, and what the message says. */
    interface Breakage {
        void apply(Path templates, Path outside) throws IOException;
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                Arguments.of(
                        "a variable the view model lacks",
                        (Breakage) (t, o) -> write(t, "edl/ipv4.mustache", "{{#group.ipv4}}{{prefx}}\n{{/group.ipv4}}"),
                        "template edl/ipv4.mustache uses 'prefx', which the view model does not have"),
                Arguments.of(
                        "a broken template",
                        (Breakage) (t, o) -> write(t, "edl/ipv4.mustache", "{{#group.ipv4}}{{prefix}}\n"),
                        "template edl/ipv4.mustache is broken"),
                Arguments.of(
                        "a template linked outside",
                        (Breakage) (t, o) -> link(t, "edl/ipv4.mustache", o.resolve("secret.mustache")),
                        "leads outside"),
                Arguments.of(
                        "a target directory linked outside",
                        (Breakage) (t, o) -> {
                            write(o, "edl/ipv4.mustache", "{{#group.ipv4}}{{prefix}}\n{{/group.ipv4}}");
                            Files.createSymbolicLink(t.resolve("edl"), o.resolve("edl"));
                        },
                        "leads outside"),
                Arguments.of(
                        "a partial up and out",
                        (Breakage) (t, o) -> write(t, "edl/ipv4.mustache", "{{> ../../outside/secret}}"),
                        "is not allowed (TARGET/FILE, no paths)"),
                Arguments.of(
                        "a partial from the root",
                        (Breakage) (t, o) -> write(t, "edl/ipv4.mustache", "{{> /etc/passwd}}"),
                        "is not allowed (TARGET/FILE, no paths)"),
                Arguments.of(
                        "a target.properties linked outside",
                        (Breakage) (t, o) -> {
                            write(o, "target.properties", "id=edl\noutput.1=x.txt ipv4.mustache all\n");
                            link(t, "edl/target.properties", o.resolve("target.properties"));
                        },
                        "leads outside"),
                Arguments.of(
                        "an output file up and out",
                        (Breakage) (t, o) -> write(
                                t, "edl/target.properties", "id=edl\noutput.1=../../escape.txt ipv4.mustache all\n"),
                        "output.1 must be 'FILE TEMPLATE all|category'"),
                Arguments.of(
                        "a file no target uses linked outside",
                        (Breakage) (t, o) -> link(t, "notes.txt", o.resolve("secret.mustache")),
                        "leads outside"));
    }

    static void write(Path root, String relative, String text) throws IOException {
        Path f = root.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    static void link(Path root, String relative, Path target) throws IOException {
        Path f = root.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.createSymbolicLink(f, target);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void namedByTheConfigFileSyncExitsSixAndWritesNothing(String what, Breakage breakage, String message)
            throws IOException {
        breakage.apply(templates, outside);
        Path config =
                Files.writeString(dir.resolve("o365watch.yaml"), "templates: templates\ntargets:\n  - name: edl\n");
        Map<String, String> before = Trees.hashes(dir);

        Result r = cli.run("sync", "--config", config.toString(), "--offline");

        assertThat(r.code()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains(message).doesNotContain("not a template: a file");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.out()).isEmpty();
        assertThat(Trees.hashes(dir)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void givenWithTemplatesGenerateExitsSixAndWritesNothing(String what, Breakage breakage, String message)
            throws IOException {
        breakage.apply(templates, outside);
        Map<String, String> before = Trees.hashes(dir);

        Result r = cli.run(
                "generate",
                "--store",
                dir.resolve("snapshots").toString(),
                "--target",
                "edl",
                "--templates",
                templates.toString(),
                "--out",
                dir.resolve("out").toString());

        if (what.equals("a file no target uses linked outside")) {
            // generate reads only the files the target uses; sync also digests the directory for its lock
            assertThat(r.code()).as(r.toString()).isZero();
            return;
        }
        assertThat(r.code()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains(message).doesNotContain("not a template: a file");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(Trees.hashes(dir)).isEqualTo(before);
    }
}
