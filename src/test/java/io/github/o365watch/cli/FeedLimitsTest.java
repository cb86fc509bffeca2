package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.source.FeedRules;
import io.github.o365watch.testing.ScaleFeed;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version at the limits of {@link FeedRules} is stored and rendered (PAC and squid, the targets
 * whose hostname forms were quadratic); one beyond them is refused before anything is stored. How
 * long the run at the limit takes is measured by a benchmark (docs/performance.md), not here.
 */
class FeedLimitsTest {
    @TempDir
    Path dir;

    private Result fetch(TestCli cli, ScaleFeed.Shape shape, String name) {
        Path mirror = dir.resolve(name);
        ScaleFeed.mirror(shape, 0, mirror);
        return cli.run("fetch", "--store", dir.resolve("store-" + name).toString(), "--source", mirror.toString());
    }

    @Test
    void aVersionAtTheLimitsIsStored() {
        TestCli cli = new TestCli(dir.resolve("machine"));
        ScaleFeed.Shape atLimit = new ScaleFeed.Shape(
                FeedRules.MAX_SETS, FeedRules.MAX_PREFIXES, FeedRules.MAX_HOSTNAMES / FeedRules.MAX_SETS);
        Result r = fetch(cli, atLimit, "at-limit");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("stored " + ScaleFeed.version(0) + " (first in this store): " + FeedRules.MAX_SETS
                        + " endpoint sets");
    }

    @Test
    void theHostnamesAtTheLimitAreRenderedAsPacAndSquidLists() throws IOException {
        TestCli cli = new TestCli(dir.resolve("machine"));
        // a hundred hostnames per set, every tenth a wildcard (*.w9.s1.example.com): PAC exceptions and squid regexes
        // too
        ScaleFeed.Shape hostnames =
                new ScaleFeed.Shape(FeedRules.MAX_HOSTNAMES / 100, FeedRules.MAX_HOSTNAMES / 100, 100);
        assertThat(fetch(cli, hostnames, "hostnames").code()).isZero();

        Path out = dir.resolve("out");
        Result g = cli.run(
                "generate",
                "--store",
                dir.resolve("store-hostnames").toString(),
                "--target",
                "pac",
                "--target",
                "squid",
                "--category",
                "all",
                "--option",
                "pac.proxy=PROXY proxy.corp.test:8080",
                "--out",
                out.toString());
        assertThat(g.code()).as(g.toString()).isZero();
        assertThat(Files.readString(out.resolve("pac/o365.pac")))
                .contains("\"h0.s")
                .contains(".example.com\"");
        assertThat(lines(out.resolve("squid"), ".dstdomain")).isEqualTo(FeedRules.MAX_HOSTNAMES / 10 * 9);
        assertThat(lines(out.resolve("squid"), ".dstdom_regex")).isEqualTo(FeedRules.MAX_HOSTNAMES / 10);
    }

    /** Lines that are not comments in the files of {@code dir} whose names end with {@code suffix}. */
    private static long lines(Path dir, String suffix) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix))
                    .mapToLong(p -> {
                        try {
                            return Files.readAllLines(p).stream()
                                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                                    .count();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    @Test
    void aVersionBeyondALimitIsRefusedBeforeAnythingIsStored() {
        TestCli cli = new TestCli(dir.resolve("machine"));
        Result prefixes = fetch(cli, new ScaleFeed.Shape(1_000, FeedRules.MAX_PREFIXES + 1, 1), "prefixes");
        Result hostnames =
                fetch(cli, new ScaleFeed.Shape(1_000, 10_000, FeedRules.MAX_HOSTNAMES / 1_000 + 1), "hostnames");
        Result sets = fetch(cli, new ScaleFeed.Shape(FeedRules.MAX_SETS + 1, FeedRules.MAX_SETS + 1, 0), "sets");

        assertThat(prefixes.code()).as(prefixes.toString()).isEqualTo(4);
        assertThat(prefixes.err())
                .contains("lists 200,001 prefixes, more than the 200,000 o365watch accepts in one version")
                .contains("nothing stored");
        assertThat(hostnames.code()).as(hostnames.toString()).isEqualTo(4);
        assertThat(hostnames.err()).contains("lists 101,000 hostnames, more than the 100,000");
        assertThat(sets.code()).as(sets.toString()).isEqualTo(4);
        assertThat(sets.err()).contains("lists 20,001 endpoint sets, more than the 20,000");
        for (Result r : new Result[] {prefixes, hostnames, sets}) {
            assertThat(r.err().lines()).hasSize(1);
        }
        for (String store : new String[] {"store-prefixes", "store-hostnames", "store-sets"}) {
            assertThat(Files.exists(dir.resolve(store).resolve("worldwide")))
                    .as(store + ": nothing stored")
                    .isFalse();
        }
    }
}
