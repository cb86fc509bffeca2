package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Tools;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --version: the version, the commit the build was made from, and that commit's date (never the clock's), as git says them. */
class VersionTest {
    @TempDir
    Path tmp;

    @Test
    void versionNamesTheCommitAndItsDate() {
        Path git = Tools.require("git");
        Result r = new TestCli(tmp).run("--version");
        assertThat(r.code()).isZero();
        String head = Tools.run(List.of(git.toString(), "rev-parse", "--short=12", "HEAD"), null)
                .out()
                .strip();
        String when = Tools.run(List.of(git.toString(), "log", "-1", "--format=%cI", "HEAD"), null)
                .out()
                .strip();
        String day = OffsetDateTime.parse(when)
                .atZoneSameInstant(ZoneOffset.UTC)
                .toLocalDate()
                .toString();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("o365watch \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(lines.get(1)).matches("commit " + head + "( with local changes)?");
        assertThat(lines.get(2)).isEqualTo("built " + day + " (the commit's date)");
    }
}
