package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive that mvn package builds, as a server gets it: unpacked in a directory of its
 * own and run with a PATH that has java but no mvn. The README's offline tour gives the README's
 * output, the main job runs on the shipped snapshots, and the man pages and completion scripts are there.
 */
class ReleaseArchiveIT {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    /** What bin/o365watch itself runs, besides java: nothing else is on the PATH. */
    static final List<String> TOOLS = List.of(
            "bash",
            "dirname",
            "readlink",
            "find",
            "mkdir",
            "flock",
            "locale",
            "sed",
            "head",
            "stat",
            "cksum",
            "cut",
            "rm",
            "mv");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    Run sh(Path cwd, Path path, String commandLine) throws Exception {
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        ProcessBuilder pb = new ProcessBuilder(path.resolve("bash").toString(), "-c", commandLine)
                .directory(cwd.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", path.toString());
        pb.environment().put("HOME", tmp.resolve("home").toString());
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The README's offline tour: each "$ bin/o365watch ..." line of its first console block, and the output below it. */
    static List<String[]> tour() throws Exception {
        String readme = Files.readString(PROJECT.resolve("README.md"));
        Matcher block = Pattern.compile("## A short tour.*?```console\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("the README's tour").isTrue();
        List<String[]> steps = new ArrayList<>();
        for (String step : block.group(1).split("\n(?=\\$ )")) {
            int nl = step.indexOf('\n');
            steps.add(
                    new String[] {step.substring(2, nl), step.substring(nl + 1).stripTrailing()});
        }
        return steps;
    }

    @Test
    void theArchiveRunsTheReadmesTourWithJavaAloneNoMaven() throws Exception {
        Path archive;
        try (var files = Files.list(PROJECT.resolve("target"))) {
            archive = files.filter(f -> f.getFileName().toString().matches("o365watch-.*\\.tar\\.gz"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("mvn package builds target/o365watch-<version>.tar.gz"));
        }
        Path path = tmp.resolve("path");
        Files.createDirectories(path);
        for (String tool : TOOLS) {
            Path found = List.of("/usr/bin", "/bin").stream()
                    .map(d -> Path.of(d, tool))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(tool + " is not installed"));
            Files.createSymbolicLink(path.resolve(tool), found);
        }
        Files.createSymbolicLink(
                path.resolve("java"),
                Path.of(ProcessHandle.current().info().command().orElseThrow()));
        Files.createSymbolicLink(path.resolve("tar"), Path.of("/usr/bin/tar"));
        Files.createSymbolicLink(path.resolve("gzip"), Path.of("/usr/bin/gzip"));
        assertThat(sh(tmp, path, "command -v mvn").code())
                .as("no mvn on this PATH")
                .isNotZero();

        assertThat(sh(tmp, path, "tar xzf " + archive).code()).isZero();
        Path home;
        try (var dirs = Files.list(tmp)) {
            home = dirs.filter(d -> d.getFileName().toString().startsWith("o365watch-"))
                    .findFirst()
                    .orElseThrow();
        }
        for (String part : List.of(
                "bin/o365watch",
                "lib/o365watch.jar",
                "LICENSE",
                "README.md",
                "rules-templates/nftables",
                "examples/systemd/o365watch-sync.timer",
                "docs/performance.md",
                "snapshots/worldwide",
                "man/man1/o365watch.1",
                "man/man1/o365watch-sync.1",
                "completion/o365watch.bash",
                "completion/o365watch.zsh")) {
            assertThat(home.resolve(part)).as(part).exists();
        }

        String sync1 = Files.readString(home.resolve("man/man1/o365watch-sync.1"));
        assertThat(sync1)
                .contains(
                        ".TH \"O365WATCH\\-SYNC\" \"1\"",
                        ".SH \"EXIT STATUS\"",
                        ".SH \"NOTES\"",
                        "\\fB\\-\\-offline\\fP")
                .doesNotContain("EXIT CODES:", "FOOTER");

        Run version = sh(home, path, "bin/o365watch --version");
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("o365watch ").contains("\ncommit ", "\nbuilt ");

        for (String[] step : tour()) {
            Run r = sh(home, path, step[0]);
            assertThat(r.code()).as(step[0] + "\n" + r.err()).isZero();
            assertThat(r.err()).as(step[0]).isEmpty();
            // the age of the data is the only thing that changes with the day the tour runs
            assertThat(r.out().stripTrailing().replaceAll("\\d+ days", "N days"))
                    .as(step[0])
                    .isEqualTo(step[1].replaceAll("\\d+ days", "N days"));
        }

        Run sync = sh(home, path, "bin/o365watch sync --offline");
        assertThat(sync.code()).as(sync.err()).isZero();
        assertThat(sync.out()).startsWith("Worldwide: applied 2019112700 (first sync)");
        assertThat(sync.err()).contains("using the built-in defaults");
        assertThat(home.resolve("generated/worldwide/nftables")).isDirectory();
        assertThat(home.resolve("target")).as("the release never builds").doesNotExist();
        // the start-up cache went to the user's cache directory, not into the release
        assertThat(tmp.resolve("home/.cache/o365watch")).isDirectory();
    }
}
