package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a fresh clone: sync with no config file runs on the built-in
 * defaults (the starter config's values), says so in one line on stderr, and writes what a site
 * made with init would write. Without a network it says that --offline works from the store.
 */
class NoConfigTest {
    @TempDir
    Path tmp;

    /** The repository's shipped snapshots, copied as a fresh clone has them. */
    private Path cloneWithSnapshots(String name) throws IOException {
        Path clone = tmp.resolve(name);
        Path from = Path.of("snapshots");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = clone.resolve(
                        from.relativize(p).toString().isEmpty() ? "snapshots" : "snapshots/" + from.relativize(p));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return clone;
    }

    @Test
    void offlineSyncWithoutAConfigUsesTheStartersValuesAndSaysSo() throws IOException {
        Path fresh = cloneWithSnapshots("fresh");
        Result r = new TestCli(tmp.resolve("machine")).in(fresh).run("sync", "--offline");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err().lines())
                .as(r.toString())
                .containsExactly("o365watch: no config file (o365watch.yaml here, --config or"
                        + " $O365WATCH_CONFIG): using the built-in defaults (store ./snapshots, output ./generated, targets edl, nftables);"
                        + " o365watch init writes o365watch.yaml to edit");
        assertThat(fresh.resolve("o365watch.lock")).isRegularFile();
        assertThat(fresh.resolve("o365watch.yaml")).doesNotExist();

        // the same as a site that init made: the defaults are the starter's values
        Path site = cloneWithSnapshots("site");
        TestCli cli = new TestCli(tmp.resolve("machine2")).in(site);
        assertThat(cli.run("init").code()).isZero();
        Result s = cli.run("sync", "--offline");
        assertThat(s.code()).as(s.toString()).isZero();
        assertThat(s.err()).doesNotContain("built-in defaults");
        assertThat(Trees.hashes(fresh.resolve("generated").toRealPath()))
                .isNotEmpty()
                .isEqualTo(Trees.hashes(site.resolve("generated").toRealPath()));
        assertThat(Files.readString(fresh.resolve("o365watch.lock")))
                .isEqualTo(Files.readString(site.resolve("o365watch.lock")));

        // and the next run finds them current
        Result again = new TestCli(tmp.resolve("machine")).in(fresh).run("sync", "--offline");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).startsWith("up to date: Worldwide ");
    }

    @Test
    void withoutANetworkSyncSaysThatOfflineWorksFromTheStore() throws IOException {
        Path fresh = cloneWithSnapshots("fresh");
        // nothing listens on port 1: refused, as on a machine with no way out
        Result r = new TestCli(tmp.resolve("machine"))
                .in(fresh)
                .run("sync", "--source", "http://127.0.0.1:1", "--retries", "1");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err())
                .contains("cannot connect to 127.0.0.1:1")
                .contains("without a network, sync --offline applies the newest" + " version in the store");
        assertThat(fresh.resolve("generated")).doesNotExist();
        assertThat(fresh.resolve("o365watch.lock")).doesNotExist();
    }
}
