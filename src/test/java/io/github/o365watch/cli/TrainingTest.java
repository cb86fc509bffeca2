package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's training run (the class-data archive is recorded from it): every step ends as
 * expected, it works only in its own directory from the shipped snapshots, and two runs write the
 * same files.
 */
class TrainingTest {
    static final Path SHIPPED = Path.of("snapshots").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void everyStepSucceedsInItsOwnDirectoryAndTwoRunsWriteTheSame() throws Exception {
        Map<String, String> shipped = Trees.hashes(SHIPPED);
        StringWriter err = new StringWriter();

        int first = Training.run(tmp.resolve("a"), SHIPPED, new PrintWriter(err, true));
        int second = Training.run(tmp.resolve("b"), SHIPPED, new PrintWriter(err, true));

        assertThat(first).as(err.toString()).isZero();
        assertThat(second).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(Trees.hashes(SHIPPED)).isEqualTo(shipped);
        try (var top = Files.list(tmp)) {
            assertThat(top.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("a", "b");
        }
        // a sync with a change wrote reports; a fetch stored the newest version; generate wrote every target
        Map<String, String> a = Trees.hashes(tmp.resolve("a"));
        assertThat(a.keySet())
                .anyMatch(p -> p.startsWith("site/reports/") && p.endsWith(".html"))
                .anyMatch(p -> p.startsWith("fetched/worldwide/") && p.endsWith(".json"))
                .anyMatch(p -> p.startsWith("generated/pac/"));
        // the same files, byte for byte, but those that name the loopback service's port (another each run): the
        // config, and the outputs (their headers name the source), whose release directories are named for their
        // content
        assertThat(portFree(Trees.hashes(tmp.resolve("b")))).isEqualTo(portFree(a));
        assertThat(Trees.hashes(tmp.resolve("b")).keySet().stream().map(TrainingTest::release))
                .containsExactlyInAnyOrderElementsOf(
                        a.keySet().stream().map(TrainingTest::release).toList());
    }

    static Map<String, String> portFree(Map<String, String> files) {
        Map<String, String> out = new java.util.TreeMap<>(files);
        out.keySet()
                .removeIf(p -> p.startsWith("site/.generated.releases/")
                        || p.equals("site/o365watch.yaml")
                        || p.equals("site/o365watch.lock"));
        return out;
    }

    static String release(String path) {
        return path.replaceFirst("^site/\\.generated\\.releases/[0-9a-f]+/", "site/.generated.releases/R/");
    }

    /** A step that fails is named, and the run says so in its exit code. */
    @Test
    void withoutTwoShippedVersionsItFailsLoudly() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("shipped/worldwide"));
        StringWriter err = new StringWriter();

        int code = Training.run(tmp.resolve("work"), empty.getParent(), new PrintWriter(err, true));

        assertThat(code).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString())
                .contains("o365watch: training: ")
                .contains("fewer than two shipped Worldwide versions");
    }
}
