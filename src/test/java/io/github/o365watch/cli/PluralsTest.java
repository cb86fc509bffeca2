package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts of one in the words a user reads: "wrote 1 file", "1 entry", "grace period 1 day". */
class PluralsTest {
    @TempDir
    Path tmp;

    TestCli cli;
    Path config;

    @BeforeEach
    void site() throws Exception {
        cli = new TestCli(tmp.resolve("machine"));
        config = tmp.resolve("o365watch.yaml");
        // one target writing one file
        Files.writeString(config, "targets:\n  - name: nftables\n");
        ConfigTest.copyShippedSnapshots(tmp.resolve("snapshots"));
    }

    @Test
    void syncAndCheckCountOneFileAsOne() {
        Result first = cli.run("sync", "--config", config.toString(), "--offline");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("wrote 1 file, 0 removed, 0 unchanged, in ");

        Result again = cli.run("sync", "--config", config.toString(), "--offline");
        assertThat(again.out()).isEqualTo("up to date: Worldwide 2019112700; outputs current (1 file)\n");

        Result check = cli.run("check", "--config", config.toString(), "--offline");
        assertThat(check.code()).as(check.toString()).isZero();
        assertThat(check.out()).startsWith("current: 1 output file matches the lock file");
    }

    @Test
    void aGracePeriodOfOneDayIsOneDay() {
        assertThat(cli.run("sync", "--config", config.toString(), "--offline", "--version", "2019102800")
                        .code())
                .isZero();

        Result check = cli.run("check", "--config", config.toString(), "--offline", "--grace-days", "1");

        assertThat(check.code()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).startsWith("not current: 1 output needs sync (grace period 1 day)\n");
    }

    @Test
    void aFileWithOneEntryItCannotExpressSaysOneEntry() throws Exception {
        Result r = cli.run(
                "generate",
                "--store",
                tmp.resolve("snapshots").toString(),
                "--out",
                tmp.resolve("out").toString(),
                "--target",
                "checkpoint",
                "--service",
                "exchange",
                "--category",
                "optimize");

        assertThat(r.code()).as(r.toString()).isZero();
        String file = Files.readString(tmp.resolve("out/checkpoint/o365watch-gdc.json"));
        assertThat(file)
                .contains("Not expressed in this format: 1 entry, listed at the end.")
                .doesNotContain("1 entries");
    }
}
