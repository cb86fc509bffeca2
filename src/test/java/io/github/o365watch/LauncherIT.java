package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
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

    record Run(int code, String out, String err) {}

    static Run run(Path cwd, List<String> command) throws Exception {
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        Process p = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
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

    /** A JDK of version 24 or later on this machine (a Temurin 25 beside the default JDK), for the AOT cache. */
    static Path newJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (var dirs = Files.list(jvms)) {
                for (Path d : dirs.sorted().toList()) {
                    Path release = d.resolve("release");
                    if (Files.isRegularFile(release) && Files.isExecutable(d.resolve("bin/java"))) {
                        var m = java.util.regex.Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)")
                                .matcher(Files.readString(release));
                        if (m.find() && Integer.parseInt(m.group(1)) >= 24) {
                            return d;
                        }
                    }
                }
            }
        }
        Tools.missing("no JDK 24 or later in /usr/lib/jvm (the build machines have a Temurin 25)");
        return null;
    }

    static Run runWith(Path cwd, Map<String, String> env, List<String> command) throws Exception {
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * Each JVM trains its own start-up cache, from the training run rather than the first command: JAVA_HOME on
     * a JDK 24+ records an AOT cache, the default JDK 17 an AppCDS archive, side by side. The recording run's
     * output is the same as every later run's, and quiet; the user's directory holds nothing but what they
     * wrote; what a training killed midway left in the cache is gone, what a running one is making stays; and after a first run of show, a sync
     * maps its classes (app.Sync, app.Outputs) from the archive. (One test, so the JDK 17 training runs once.)
     */
    @Test
    void eachJvmTrainsItsOwnArchiveWhicheverCommandRanFirst() throws Exception {
        Path jdk = newJdk();
        Path cache = tmp.resolve("cache");
        Path site = Files.createDirectories(tmp.resolve("site"));
        // what a training killed midway leaves (a PID no process has): the next training removes it
        Files.createDirectories(cache.resolve(".o365watch-training.2147483647/work/snapshots"));
        Files.writeString(cache.resolve(".o365watch-cds-1.2147483647.jsa"), "half");
        // what a training still running is making (this test's PID: a live process) stays
        String running = ".o365watch-training." + ProcessHandle.current().pid();
        Files.createDirectories(cache.resolve(running + "/work"));
        String launcher = PROJECT.resolve("bin/o365watch").toString();
        List<String> show = List.of(
                launcher, "show", "--store", PROJECT.resolve("snapshots").toString(), "--summary");
        Map<String, String> env =
                new java.util.HashMap<>(Map.of("O365WATCH_CACHE", cache.toString(), "JAVA_HOME", jdk.toString()));
        Run recording = runWith(site, env, show);
        assertThat(recording.code()).as(recording.err()).isZero();
        assertThat(recording.err()).isEmpty();
        assertThat(recording.out()).startsWith("Worldwide 2019112700: 112 of 112 endpoint sets");
        try (var files = Files.list(cache)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .hasSize(2)
                    .contains(running)
                    .anyMatch(n -> n.matches("o365watch-aot-\\d+\\.aot"));
        }
        Run mapped = runWith(site, env, show);
        assertThat(mapped).isEqualTo(recording);

        // the JDK 17 this test runs on, whatever java the PATH finds: an AppCDS archive beside the AOT cache
        String java17 = ProcessHandle.current().info().command().orElseThrow();
        env.put("JAVA_HOME", Path.of(java17).getParent().getParent().toString());
        Run cds = runWith(site, env, show);
        assertThat(cds).isEqualTo(recording);
        try (var files = Files.list(cache)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .hasSize(3)
                    .contains(running)
                    .anyMatch(n -> n.matches("o365watch-aot-\\d+\\.aot"))
                    .anyMatch(n -> n.matches("o365watch-cds-\\d+\\.jsa"));
        }
        try (var files = Files.list(site)) {
            assertThat(files.toList()).isEmpty();
        }

        Path log = tmp.resolve("classes.txt");
        env.put("O365WATCH_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        Run sync = runWith(
                site,
                env,
                List.of(
                        launcher,
                        "sync",
                        "--offline",
                        "--config",
                        writeConfig(site).toString()));
        assertThat(sync.code()).as(sync.err()).isZero();
        List<String> lines = Files.readAllLines(log);
        for (String c : List.of("io.github.o365watch.app.Sync", "io.github.o365watch.app.Outputs")) {
            assertThat(lines)
                    .as(c + " mapped from the archive")
                    .anyMatch(l -> l.contains(" " + c + " source: shared objects file"));
        }
    }

    /**
     * A cache a group shares (O365WATCH_CACHE on a sticky, world-writable directory): another user's training
     * under way stays (its process is alive, though kill -0 is refused across users), and what another user
     * left that this one may not remove neither stops the launcher nor prints anything. Runs the launcher as
     * nobody, so it needs root (as CI runs); a developer's run as another user skips it.
     */
    @Test
    void aSharedCacheKeepsAnotherUsersTrainingAndNeverStopsTheLauncher() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            Tools.missing("running the launcher as another user needs root (CI runs as root)");
        }
        // a release (lib/o365watch.jar) that nobody may read, in a directory nobody may enter
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path release = tmp.resolve("release");
        copyTree(PROJECT.resolve("bin"), release.resolve("bin"));
        copyTree(PROJECT.resolve("snapshots/worldwide"), release.resolve("snapshots/worldwide"));
        Files.createDirectories(release.resolve("lib"));
        Files.copy(PROJECT.resolve("target/o365watch.jar"), release.resolve("lib/o365watch.jar"));
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(new ProcessBuilder("chmod", "+t", shared.toString()).start().waitFor())
                .isZero();
        // root's: one whose process is alive (PID 1), one whose process is gone
        List<String> roots = List.of(".o365watch-training.1", ".o365watch-training.2147483646");
        for (String r : roots) {
            Files.createDirectories(shared.resolve(r + "/work"));
        }
        String java = ProcessHandle.current().info().command().orElseThrow();
        Run show = runWith(
                tmp,
                Map.of(
                        "O365WATCH_CACHE", shared.toString(),
                        "HOME", shared.toString(),
                        "JAVA_HOME", Path.of(java).getParent().getParent().toString()),
                List.of(
                        "setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        release.resolve("bin/o365watch").toString(),
                        "show",
                        "--store",
                        release.resolve("snapshots").toString(),
                        "--summary"));
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.err()).isEmpty();
        assertThat(show.out()).startsWith("Worldwide 2019112700: 112 of 112 endpoint sets");
        try (var files = Files.list(shared)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .containsAll(roots)
                    .anyMatch(n -> n.matches("o365watch-cds-\\d+\\.jsa"));
        }
    }

    /** A site with a copy of the shipped Worldwide snapshots, one target. */
    private static Path writeConfig(Path site) throws IOException {
        Path store = Files.createDirectories(site.resolve("snapshots/worldwide"));
        try (var files = Files.list(PROJECT.resolve("snapshots/worldwide"))) {
            for (Path f : files.toList()) {
                Files.copy(f, store.resolve(f.getFileName()));
            }
        }
        return Files.writeString(
                site.resolve("o365watch.yaml"), "store: snapshots\noutput: generated\ntargets:\n  - name: edl\n");
    }

    @Test
    void rssParsingThroughRomeLogsNothingOnStderr() throws Exception {
        Path mirror = tmp.resolve("mirror");
        Files.createDirectories(mirror.resolve("version"));
        Files.writeString(
                mirror.resolve("version/Worldwide.json"),
                "{\"instance\":\"Worldwide\",\"latest\":\"2019093000\",\"versions\":[\"2019093000\"]}");
        Files.copy(
                PROJECT.resolve("src/test/resources/upstream/worldwide-history.rss"),
                mirror.resolve("version/Worldwide.rss"));

        Run r = run(
                tmp,
                List.of(
                        PROJECT.resolve("bin/o365watch").toString(),
                        "versions",
                        "--store",
                        PROJECT.resolve("snapshots").toString(),
                        "--source",
                        mirror.toString()));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Version 2019093000 includes 5 changes");
        assertThat(r.err()).doesNotContain("SLF4J").isEmpty();
    }

    @Test
    void buildsTheJarWhenItIsMissingOrOlderThanTheSources() throws Exception {
        Path copy = tmp.resolve("o365watch");
        for (String part : List.of("bin", "src/main", "rules-templates", "pom.xml", ".mvn")) {
            copyTree(PROJECT.resolve(part), copy.resolve(part));
        }
        // the classes this build compiled, with the compiler's record of them moved to the copy: the launcher's
        // builds below then package without compiling again (what is tested is when the launcher builds, not javac)
        copyTree(PROJECT.resolve("target/classes"), copy.resolve("target/classes"));
        Path status = Path.of("target/maven-status/maven-compiler-plugin/compile");
        copyTree(PROJECT.resolve(status), copy.resolve(status));
        try (var lists = Files.walk(copy.resolve(status))) {
            for (Path lst : lists.filter(f -> f.toString().endsWith(".lst")).toList()) {
                FileTime time = Files.getLastModifiedTime(lst);
                Files.writeString(lst, Files.readString(lst).replace(PROJECT + "/", copy + "/"));
                Files.setLastModifiedTime(lst, time);
            }
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
        Files.setLastModifiedTime(
                jar, FileTime.from(Files.getLastModifiedTime(source).toInstant().minusSeconds(60)));
        Run third = run(tmp, List.of(launcher, "--version"));
        assertThat(third.code()).as(third.err()).isZero();
        assertThat(third.err()).startsWith("o365watch: building ");
        assertThat(third.out()).isEqualTo(first.out());
        assertThat(Files.getLastModifiedTime(jar).toInstant())
                .as("a new jar")
                .isAfter(Files.getLastModifiedTime(source).toInstant());

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
