package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/o365watch as a user runs it, after the jar is packaged: from another working directory,
 * exit codes passed through, no logging noise on stderr, and a rebuild when the sources are newer.
 */
class LauncherIT {
    static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(Path cwd, List<String> command) throws Exception {
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        Process p = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runsFromAnyDirectoryAndPassesTheExitCodeThrough() throws Exception {
        String launcher = PROJECT.resolve("bin/o365watch").toString();
        String store = PROJECT.resolve("snapshots").toString();

        Run help = run(tmp, List.of(launcher, "--help"));
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: o365watch", "Exit codes:");
        assertThat(help.err()).isEmpty();

        Run show = run(tmp, List.of(launcher, "show", "--store", store, "--summary"));
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).startsWith("Worldwide 2019112700: 112 of 112 endpoint sets");
        assertThat(show.err()).isEmpty();

        Run miss = run(tmp, List.of(launcher, "lookup", "--store", store, "192.0.2.1"));
        assertThat(miss.code()).isEqualTo(1);

        Run bad = run(tmp, List.of(launcher, "fetch", "--no-such-option"));
        assertThat(bad.code()).isEqualTo(2);
    }

    @Test
    void rssParsingThroughRomeLogsNothingOnStderr() throws Exception {
        Path mirror = tmp.resolve("mirror");
        Files.createDirectories(mirror.resolve("version"));
        Files.writeString(mirror.resolve("version/Worldwide.json"),
                "{\"instance\":\"Worldwide\",\"latest\":\"2019093000\",\"versions\":[\"2019093000\"]}");
        Files.copy(PROJECT.resolve("src/test/resources/upstream/worldwide-history.rss"), mirror.resolve("version/Worldwide.rss"));

        Run r = run(tmp, List.of(PROJECT.resolve("bin/o365watch").toString(), "versions", "--store",
                PROJECT.resolve("snapshots").toString(), "--source", mirror.toString()));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Version 2019093000 includes 5 changes");
        assertThat(r.err()).doesNotContain("SLF4J").isEmpty();
    }

    @Test
    void buildsTheJarWhenItIsMissingOrOlderThanTheSources() throws Exception {
        Path copy = tmp.resolve("o365watch");
        for (String part : List.of("bin", "src/main", "rules-templates", "pom.xml")) {
            copyTree(PROJECT.resolve(part), copy.resolve(part));
        }
        String launcher = copy.resolve("bin/o365watch").toString();

        Run first = run(tmp, List.of(launcher, "--version"));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).startsWith("o365watch: building ").contains("(the sources are newer)");
        assertThat(first.out()).startsWith("o365watch ");

        Run second = run(tmp, List.of(launcher, "--version"));
        assertThat(second.err()).isEmpty();

        // the jar older than a Java source: what the launcher compares is the times, so the jar is made
        // older rather than a source newer (the classes stay up to date: Maven packages again, compiling nothing)
        Path jar = copy.resolve("target/o365watch.jar");
        Path source = copy.resolve("src/main/java/io/github/o365watch/cli/Main.java");
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(source).toInstant().minusSeconds(60)));
        Run third = run(tmp, List.of(launcher, "--version"));
        assertThat(third.code()).as(third.err()).isZero();
        assertThat(third.err()).startsWith("o365watch: building ");
        assertThat(third.out()).isEqualTo(first.out());
        assertThat(Files.getLastModifiedTime(jar).toInstant()).as("a new jar").isAfter(Files.getLastModifiedTime(source).toInstant());

        Run fourth = run(tmp, List.of(launcher, "--version"));
        assertThat(fourth.err()).as("built once").isEmpty();
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
