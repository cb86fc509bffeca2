package io.github.o365watch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A directory as the nightly job keeps it (o365watch.yaml with WireMock as the source, the store,
 * the outputs, the lock file, the reports), for runs of the packaged jar in a child JVM and of the
 * same command line in-process. The integration tests of crashes, contention and full disks use it.
 */
public final class SyncDir {
    static final Path JAR = Path.of("target/o365watch.jar").toAbsolutePath();
    static final Path TEST_CLASSES = Path.of("target/test-classes").toAbsolutePath();

    public final Path dir;
    private final Path machine;

    private SyncDir(Path dir, Path machine) {
        this.dir = dir;
        this.machine = machine;
    }

    /** A directory made before (a copy made outside this class). */
    public static SyncDir at(Path dir, Path machine) {
        return new SyncDir(dir, machine);
    }

    /** The config of the nightly-job tests: three targets, Markdown and JSON reports, a feed, the service at {@code serviceUrl}. */
    public static String config(String serviceUrl) {
        return """
                store: snapshots
                source: %s
                instances: [Worldwide]
                output: generated
                targets:
                  - name: edl
                  - name: nftables
                    options:
                      table: o365watch
                  - name: pac
                    options:
                      proxy: PROXY proxy.contoso.com:8080
                      type: "1"
                reports:
                  formats: [markdown, json]
                  directory: reports
                  feed: reports/o365watch.rss
                """.formatted(serviceUrl);
    }

    /** A new directory with the config SyncTest uses (three targets, Markdown and JSON reports, a feed). */
    public static SyncDir create(Path dir, Path machine, String serviceUrl) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("o365watch.yaml"), config(serviceUrl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SyncDir(dir, machine);
    }

    public Path config() {
        return dir.resolve("o365watch.yaml");
    }

    /** A copy made with {@code cp -a}: relative links and the hard links between releases stay what they are. */
    public SyncDir copyTo(Path other) {
        Tools.Run r = Tools.run(List.of("cp", "-a", dir.toString(), other.toString()), null);
        assertThat(r.code()).as(r.out()).isZero();
        return new SyncDir(other, machine);
    }

    public void delete() {
        Tools.run(List.of("rm", "-rf", dir.toString()), null);
    }

    /**
     * The command line that runs o365watch from the packaged jar in a child JVM (short-lived, so
     * the client compiler and the serial collector), on {@link TestCli#NOW}'s date.
     */
    public List<String> javaCommand(List<String> jvmOptions, String... args) {
        return javaCommand(jvmOptions, ChildMain.class, args);
    }

    /** The same with another main class of the tests (e.g. {@link ChildSyncs}). */
    public static List<String> javaCommand(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-Xshare:auto"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", JAR + java.io.File.pathSeparator + TEST_CLASSES, main.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A process builder for {@code command} in this directory, with the machine's config directory and no proxy. */
    public ProcessBuilder process(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
        pb.environment().put("XDG_CONFIG_HOME", machine.toString());
        return pb;
    }

    /** What a child run printed and returned. */
    public record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code command} to its end. */
    public Run run(List<String> command) {
        try {
            Path out = Files.createTempFile("child", ".out");
            Path err = Files.createTempFile("child", ".err");
            try {
                Process p = process(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                assertThat(p.waitFor(5, TimeUnit.MINUTES))
                        .as("child JVM finished: " + command)
                        .isTrue();
                return new Run(
                        p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code sync} in a child JVM, to its end. */
    public Run sync(List<String> jvmOptions, String... args) {
        return run(javaCommand(jvmOptions, withConfig("sync", args)));
    }

    /** The same command line in this JVM (same date as the child's). */
    public TestCli.Result inProcess(String command, String... args) {
        return new TestCli(machine).run(withConfig(command, args));
    }

    /** A command line in this JVM, without --config. */
    public TestCli.Result inProcessBare(String... args) {
        return new TestCli(machine).run(args);
    }

    private String[] withConfig(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--config", config().toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /**
     * What sync keeps, as relative path to SHA-256: the published outputs (through the link), the
     * lock file, the reports and the store. Temporary files and the store's {@code .lock} are left
     * out; {@link #leftovers()} lists the former.
     */
    public record State(
            Map<String, String> outputs, String lock, Map<String, String> reports, Map<String, String> store) {}

    public State state() {
        try {
            Path link = dir.resolve("generated");
            Map<String, String> outputs = Files.exists(link) ? Trees.hashes(link.toRealPath()) : Map.of();
            Path lock = dir.resolve("o365watch.lock");
            return new State(
                    outputs,
                    Files.exists(lock) ? Files.readString(lock, StandardCharsets.UTF_8) : null,
                    noTemp(Trees.hashes(dir.resolve("reports"))),
                    noTemp(Trees.hashes(dir.resolve("snapshots"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> noTemp(Map<String, String> files) {
        Map<String, String> out = new TreeMap<>(files);
        out.keySet().removeIf(p -> Path.of(p).getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX));
        return out;
    }

    /** Temporary files and staging directories a run left anywhere in the directory. */
    public List<String> leftovers() {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(AtomicFiles.TEMP_PREFIX)
                                || name.startsWith(".staging-") && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                    })
                    .map(p -> dir.relativize(p).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The inode of each published output file. */
    public Map<String, Object> inodes() {
        Map<String, Object> out = new TreeMap<>();
        try {
            Path root = dir.resolve("generated").toRealPath();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    out.put(root.relativize(f).toString(), Files.getAttribute(f, "unix:ino"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
