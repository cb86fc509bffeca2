package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Tools;
import io.github.o365watch.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site committed to git and cloned with {@code core.autocrlf=true} (Git for Windows' default),
 * with the real git: the {@code .gitattributes} that init writes keeps the store, the releases,
 * the lock file and the reports byte for byte, so {@code check} passes in the clone. Without it
 * the same clone turns them into CRLF and the store reads as edited (the control case).
 */
class GitCloneTest {
    @TempDir
    Path tmp;

    Path site;
    TestCli cli;

    @BeforeEach
    void site() throws IOException {
        Tools.require("git");
        site = tmp.resolve("site");
        Files.createDirectories(site);
        cli = new TestCli(tmp.resolve("machine"));
    }

    /** git with no user or system configuration of this machine, and a fixed identity. */
    static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "git",
                "-c",
                "user.name=o365watch test",
                "-c",
                "user.email=test@o365watch.invalid",
                "-c",
                "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue())
                .as("git " + String.join(" ", args) + ": " + out)
                .isZero();
        return out;
    }

    /** init, the shipped snapshots, the first sync, a commit; then a clone with core.autocrlf=true. */
    Path syncCommitAndClone(boolean keepAttributes) throws Exception {
        Result init = cli.run("init", "--config", site.resolve("o365watch.yaml").toString());
        assertThat(init.code()).as(init.toString()).isZero();
        if (!keepAttributes) {
            Files.delete(site.resolve(".gitattributes"));
        }
        ConfigTest.copyShippedSnapshots(site.resolve("snapshots"));
        Result sync = cli.run(
                "sync", "--config", site.resolve("o365watch.yaml").toString(), "--offline", "--version", "2019102800");
        assertThat(sync.code()).as(sync.toString()).isZero();
        Result next = cli.run("sync", "--config", site.resolve("o365watch.yaml").toString(), "--offline");
        assertThat(next.code()).as(next.toString()).isZero();
        assertThat(next.out()).contains("report: ");
        Files.writeString(site.resolve(".gitignore"), "snapshots/.lock\n.o365watch-tmp-*\n");
        git(site, "init", "-q");
        git(site, "add", "-A");
        git(site, "commit", "-q", "-m", "o365watch site");
        Path clone = tmp.resolve("clone");
        git(tmp, "-c", "core.autocrlf=true", "clone", "-q", site.toString(), clone.toString());
        return clone;
    }

    @Test
    void initWritesGitAttributesThatKeepACrlfCloneByteIdenticalAndCheckPasses() throws Exception {
        Path clone = syncCommitAndClone(true);

        String attributes = Files.readString(site.resolve(".gitattributes"));
        assertThat(attributes.lines())
                .contains(
                        "snapshots/** -text",
                        ".generated.releases/** -text",
                        "reports/** -text",
                        "o365watch.lock -text");
        for (String dir : List.of("snapshots", ".generated.releases", "reports")) {
            Map<String, String> original = Trees.hashes(site.resolve(dir));
            assertThat(original).as(dir).isNotEmpty();
            assertThat(Trees.hashes(clone.resolve(dir)))
                    .as(dir + " in the clone")
                    .isEqualTo(original);
        }
        assertThat(Files.readAllBytes(clone.resolve("o365watch.lock")))
                .isEqualTo(Files.readAllBytes(site.resolve("o365watch.lock")));

        Result check =
                cli.run("check", "--config", clone.resolve("o365watch.yaml").toString(), "--offline");
        assertThat(check.code()).as(check.toString()).isZero();
    }

    @Test
    void withoutTheAttributesTheSameCloneIsConvertedAndCheckFails() throws Exception {
        Path clone = syncCommitAndClone(false);

        assertThat(Files.readString(clone.resolve("snapshots/worldwide/2019112700.json")))
                .as("git converted the line ends")
                .contains("\r\n");
        Result check =
                cli.run("check", "--config", clone.resolve("o365watch.yaml").toString(), "--offline");
        assertThat(check.code()).as(check.toString()).isEqualTo(5);
        assertThat(check.err())
                .as("says what happened, not \"edited\"")
                .contains("its line ends were changed to CRLF, as git does with"
                        + " core.autocrlf=true: mark the path -text in .gitattributes")
                .doesNotContain("corrupt or was edited");
    }

    @Test
    void anOutputWithCrlfLineEndsIsCalledThatNotEditedByHand() throws Exception {
        Path config = site.resolve("o365watch.yaml");
        assertThat(cli.run("init", "--config", config.toString()).code()).isZero();
        ConfigTest.copyShippedSnapshots(site.resolve("snapshots"));
        assertThat(cli.run("sync", "--config", config.toString(), "--offline").code())
                .isZero();
        Path file =
                site.resolve("generated/worldwide/edl/o365-optimize-ipv4.txt").toRealPath();
        Files.writeString(file, Files.readString(file).replace("\n", "\r\n"));

        Result check = cli.run("check", "--config", config.toString(), "--offline");

        assertThat(check.code()).as(check.toString()).isEqualTo(1);
        assertThat(check.out())
                .contains("worldwide/edl/o365-optimize-ipv4.txt: differs from what the lock file records: its line ends"
                        + " were changed to CRLF")
                .doesNotContain("edited by hand");
    }

    @Test
    void initAddsItsLinesToAGitAttributesFileThatLacksThemAndKeepsTheRest() throws Exception {
        Files.writeString(site.resolve(".gitattributes"), "*.pdf binary\nreports/** -text");

        Result init = cli.run("init", "--config", site.resolve("o365watch.yaml").toString());

        assertThat(init.code()).as(init.toString()).isZero();
        assertThat(init.out())
                .contains("added to " + site.resolve(".gitattributes")
                        + ": snapshots/** -text, .generated.releases/** -text," + " o365watch.lock -text");
        String now = Files.readString(site.resolve(".gitattributes"));
        assertThat(now)
                .startsWith("*.pdf binary\nreports/** -text\n\n# o365watch checks these byte for byte")
                .endsWith("snapshots/** -text\n.generated.releases/** -text\no365watch.lock -text\n");

        Result again =
                cli.run("init", "--config", site.resolve("o365watch.yaml").toString(), "--force");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).doesNotContain(".gitattributes");
        assertThat(Files.readString(site.resolve(".gitattributes")))
                .as("nothing added twice")
                .isEqualTo(now);
    }
}
