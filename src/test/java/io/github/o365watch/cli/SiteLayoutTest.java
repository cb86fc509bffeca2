package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where sync writes must not overlap: the store, the output link and its hidden releases
 * directory, the reports directory and the feed, compared on real paths in every direction. Sync
 * keeps only the newest two releases, so a store or reports directory among them would be deleted
 * by the first publish. Each overlap is a usage error naming both keys and their lines, before
 * anything is written; the same for a {@code --store} that overrides the config's.
 */
class SiteLayoutTest {
    static final String WHY_OUTPUT =
            "sync replaces the output as a whole and deletes all but the newest two releases, so it would delete ";
    static final String WHY_OWN =
            "the store, the output with its releases and the reports each need a directory of their own: o365watch lists"
                    + " and cleans each as its own";

    @TempDir
    Path tmp;

    Path dir;
    Path config;
    TestCli cli;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectories(tmp.resolve("site")).toRealPath(); // messages name real paths
        cli = new TestCli(tmp.resolve("machine"));
        config = dir.resolve("o365watch.yaml");
    }

    private Result refused(String yaml) throws IOException {
        Files.writeString(config, "targets: [{name: edl}]\n" + yaml);
        List<Path> before = list();
        Result r = cli.run("sync", "--config", config.toString(), "--offline");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.toString()).hasSize(1);
        assertThat(r.out()).isEmpty();
        assertThat(list()).as("nothing written").isEqualTo(before);
        return r;
    }

    private List<Path> list() {
        try (Stream<Path> all = Files.walk(tmp)) {
            return all.filter(p -> !p.startsWith(tmp.resolve("machine")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aStoreInTheOutputsReleasesIsRefusedBeforeItIsDeleted() throws IOException {
        Result r = refused("output: generated\nstore: .generated.releases/snapshots\n");
        assertThat(r.err())
                .isEqualTo("o365watch: config file " + config + ", line 3: store: "
                        + dir.resolve(".generated.releases/snapshots")
                        + " lies in " + dir.resolve(".generated.releases")
                        + ", the output's releases directory (output, line 2); " + WHY_OUTPUT
                        + "the files of the store\n");
    }

    @Test
    void reportsInTheOutputsReleasesAreRefused() throws IOException {
        Result r = refused("reports:\n  directory: .generated.releases/reports\n");
        assertThat(r.err())
                .isEqualTo("o365watch: config file " + config + ", line 3: reports.directory: "
                        + dir.resolve(".generated.releases/reports") + " lies in " + dir.resolve(".generated.releases")
                        + ", the output's releases directory (output, by default); " + WHY_OUTPUT
                        + "the files of the reports directory\n");
    }

    @Test
    void aStoreReachedThroughALinkIntoTheReleasesIsRefused() throws IOException {
        Path release = Files.createDirectories(dir.resolve(".generated.releases/0123456789abcdef"));
        Files.createSymbolicLink(dir.resolve("snaps"), release);
        Result r = refused("store: snaps\n");
        assertThat(r.err())
                .isEqualTo("o365watch: config file " + config + ", line 2: store: " + release + " lies in "
                        + dir.resolve(".generated.releases")
                        + ", the output's releases directory (output, by default); " + WHY_OUTPUT
                        + "the files of the store\n");
    }

    @Test
    void anOutputInsideTheStoreIsRefused() throws IOException {
        Result r = refused("output: snapshots/generated\n");
        assertThat(r.err())
                .isEqualTo("o365watch: config file " + config + ", line 2: output: "
                        + dir.resolve("snapshots/generated") + " lies in " + dir.resolve("snapshots")
                        + ", the store (store, by default); " + WHY_OWN + "\n");
    }

    @Test
    void aStoreThatIsTheReportsDirectoryIsRefused() throws IOException {
        Result r = refused("store: history\nreports:\n  directory: history/\n");
        assertThat(r.err())
                .isEqualTo("o365watch: config file " + config + ", line 2: store: " + dir.resolve("history") + " is "
                        + dir.resolve("history") + ", the reports directory (reports.directory, line 4); " + WHY_OWN
                        + "\n");
    }

    @Test
    void aFeedInTheStoreIsRefusedAndOneInTheReportsDirectoryIsFine() throws IOException {
        Result r = refused("reports:\n  feed: snapshots/o365watch.rss\n");
        assertThat(r.err())
                .isEqualTo("o365watch: config file " + config + ", line 3: reports.feed: "
                        + dir.resolve("snapshots/o365watch.rss") + " lies in " + dir.resolve("snapshots")
                        + ", the store (store, by default); " + WHY_OWN + "\n");

        Files.writeString(config, "targets: [{name: edl}]\nreports:\n  feed: reports/o365watch.rss\n");
        ConfigTest.copyShippedSnapshots(dir.resolve("snapshots"));
        Result fine = cli.run("sync", "--config", config.toString(), "--offline");
        assertThat(fine.code()).as(fine.toString()).isZero();
    }

    /** What sync writes into must be able to take it: a store that is a file, a feed that is a directory. */
    @Test
    void aStoreThatIsAFileAndAFeedThatIsADirectoryAreRefused() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not a store\n");
        Result store = refused("store: notes.txt\n");
        assertThat(store.err())
                .isEqualTo("o365watch: config file " + config + ", line 2: store: " + dir.resolve("notes.txt")
                        + " is a regular file, not a directory\n");
        Files.createDirectories(dir.resolve("feeds"));
        Result feed = refused("reports:\n  feed: feeds\n");
        assertThat(feed.err())
                .isEqualTo(
                        "o365watch: config file " + config + ", line 3: reports.feed: " + dir.resolve("feeds")
                                + " is a directory; the feed is a file that each sync reads and extends, so it must be a regular file (or not exist yet)\n");
    }

    /** A --store that overrides the config's is held to the same rule, with the config's keys named. */
    @Test
    void aStoreOnTheCommandLineInTheReleasesIsRefused() throws IOException {
        Files.writeString(config, "targets: [{name: edl}]\n");
        ConfigTest.copyShippedSnapshots(dir.resolve("snapshots"));
        Result first = cli.run("sync", "--config", config.toString(), "--offline");
        assertThat(first.code()).as(first.toString()).isZero();
        Path inRelease = dir.resolve("generated").toRealPath().resolve("snapshots");
        ConfigTest.copyShippedSnapshots(inRelease);
        List<Path> before = list();

        Result r = cli.run(
                "sync",
                "--config",
                config.toString(),
                "--offline",
                "--store",
                inRelease.toString(),
                "--version",
                "2019102800");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("o365watch: --store " + inRelease + " lies in " + dir.resolve(".generated.releases")
                        + ", the output's releases directory (output in config file " + config + "); " + WHY_OUTPUT
                        + "the files of the store\n");
        assertThat(list()).isEqualTo(before);
    }

    /** A file given as --store read as an empty store: "nothing stored", exit 0. */
    @Test
    void aStoreOptionNamingAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a store\n");
        for (List<String> command : List.of(
                List.of("show"),
                List.of("versions", "--offline"),
                List.of("status", "--offline"),
                List.of("report"),
                List.of("fetch"),
                List.of("sync", "--config", config.toString()))) {
            Files.writeString(config, "targets: [{name: edl}]\n");
            List<String> args = new java.util.ArrayList<>(command);
            args.addAll(List.of("--store", file.toString()));
            Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(command + ": " + r).isEqualTo(2);
            assertThat(r.err())
                    .as(command.toString())
                    .isEqualTo("o365watch: --store " + file + ": a regular file, not a snapshot directory\n");
            assertThat(Files.readString(file)).isEqualTo("not a store\n");
        }
    }
}
