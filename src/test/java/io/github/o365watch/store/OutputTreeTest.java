package io.github.o365watch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.Checksums;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release published with the files' hashes given is named as one whose files are hashed here, and the feed server's check agrees. */
class OutputTreeTest {
    @TempDir
    Path dir;

    private static Map<String, byte[]> files(String... pathsAndTexts) {
        Map<String, byte[]> out = new TreeMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            out.put(pathsAndTexts[i], pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void hashesGivenForSomeFilesNameTheReleaseAsHashingThemAll() {
        Map<String, byte[]> files = files(
                "worldwide/edl/a.txt",
                "10.0.0.0/8\n",
                "worldwide/edl/b.txt",
                "x.example\n",
                "worldwide/pac/p.pac",
                "p\n");
        OutputTree hashed = new OutputTree(dir.resolve("one").resolve("generated"));
        assertThat(hashed.publish(files)).isTrue();
        OutputTree given = new OutputTree(dir.resolve("two").resolve("generated"));
        Map<String, String> sha = Map.of(
                "worldwide/edl/a.txt", Checksums.sha256(files.get("worldwide/edl/a.txt")),
                "worldwide/pac/p.pac", Checksums.sha256(files.get("worldwide/pac/p.pac")));
        assertThat(given.publish(files, sha)).isTrue();

        String name = given.release().orElseThrow().getFileName().toString();
        assertThat(name).isEqualTo(hashed.release().orElseThrow().getFileName().toString());
        assertThat(OutputTree.namedFor(name, files)).isTrue();
        assertThat(given.current()).containsOnlyKeys(files.keySet());
        // the same files again: nothing published
        assertThat(given.publish(files, sha)).isFalse();
    }
}
