package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.SyncDir;
import io.github.o365watch.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --out /dev/null} and {@code audit --out /dev/stdout} as root must leave the device
 * node and the link as they were: the atomic writer renames a temporary file over its target, which
 * would put a regular file in place of {@code /dev/null} and break the machine until it reboots.
 * Never tried on the real {@code /dev}: the packaged jar runs in a private mount namespace
 * ({@code unshare -m}, as root) over a throw-away tmpfs mounted on {@code /dev}, with the nodes
 * and links a JVM needs made there by {@code mknod} and {@code ln}; what is left of them is
 * listed before the namespace ends.
 */
class DeviceOutputIT {
    static final Path SNAPSHOTS = Path.of("snapshots").toAbsolutePath();
    /** A block device with no driver behind it (major 240 is for local use): opening it fails, whatever the code under test does. */
    static final String DISK = "/dev/o365watch-disk";

    static final String PIPE = "/dev/o365watch-pipe";

    @TempDir
    Path tmp;

    Path unshare;
    Path mount;

    @BeforeEach
    void namespace() throws IOException {
        unshare = Tools.require("unshare");
        mount = Tools.require("mount");
        Tools.requireMountNamespace(Files.createDirectories(tmp.resolve("probe")));
    }

    /** One command's result in the namespace. */
    record Run(int code, String out, String err) {}

    @Test
    void reportsNeverReplaceADeviceNodeOrALinkInDev() throws IOException {
        Path log = Files.writeString(tmp.resolve("denied.txt"), "13.107.64.1\n52.112.10.20\n52.112.10.21\n");
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("report-null", List.of("report", "--store", SNAPSHOTS.toString(), "--out", "/dev/null"));
        commands.put("report-stdout", List.of("report", "--store", SNAPSHOTS.toString(), "--out", "/dev/stdout"));
        commands.put(
                "report-dash", List.of("report", "--store", SNAPSHOTS.toString(), "--format", "json", "--out", "-"));
        commands.put(
                "report-pipe", List.of("report", "--store", SNAPSHOTS.toString(), "--format", "csv", "--out", PIPE));
        commands.put(
                "audit-null",
                List.of("audit", "--store", SNAPSHOTS.toString(), "--log", log.toString(), "--out", "/dev/null"));
        commands.put(
                "audit-stdout",
                List.of("audit", "--store", SNAPSHOTS.toString(), "--log", log.toString(), "--out", "/dev/stdout"));
        commands.put("report-disk", List.of("report", "--store", SNAPSHOTS.toString(), "--out", DISK));
        commands.put("feed-null", List.of("report", "--store", SNAPSHOTS.toString(), "--feed", "/dev/null"));
        commands.put("init-null", List.of("init", "--config", "/dev/null", "--force"));

        Map<String, Run> runs = runInNamespace(commands);
        List<String> after = Files.readAllLines(tmp.resolve("work/after"));

        // the nodes and links are what they were, whatever was asked of them
        assertThat(after)
                .containsExactly(
                        "/dev/null character special file 1:3",
                        DISK + " block special file f0:0",
                        PIPE + " fifo 0:0",
                        "/dev/stdout symbolic link 0:0 -> /proc/self/fd/1",
                        "/dev/stderr symbolic link 0:0 -> /proc/self/fd/2");

        Run toNull = runs.get("report-null");
        assertThat(toNull.code()).as(toNull.toString()).isZero();
        assertThat(toNull.out() + toNull.err()).isEmpty();
        Run toStdout = runs.get("report-stdout");
        assertThat(toStdout.code()).as(toStdout.toString()).isZero();
        assertThat(toStdout.out()).startsWith("# Microsoft 365 endpoint changes: Worldwide 2019102800 to 2019112700");
        Run dash = runs.get("report-dash");
        assertThat(dash.code()).as(dash.toString()).isZero();
        assertThat(dash.out()).startsWith("{").contains("\"schemaVersion\"");
        Run pipe = runs.get("report-pipe");
        assertThat(pipe.code()).as(pipe.toString()).isZero();
        assertThat(Files.readString(tmp.resolve("work/pipe.read")))
                .as("what the pipe's reader got")
                .startsWith("instance,");

        Run auditNull = runs.get("audit-null");
        assertThat(auditNull.code()).as(auditNull.toString()).isZero();
        assertThat(auditNull.out()).isEqualTo("wrote /dev/null\n");
        Run auditStdout = runs.get("audit-stdout");
        assertThat(auditStdout.code()).as(auditStdout.toString()).isZero();
        assertThat(auditStdout.out())
                .startsWith("Audit against Worldwide 2019112700:")
                .doesNotContain("wrote");

        // a disk, and a feed that is read and rewritten: refused in one line, nothing written
        Run disk = runs.get("report-disk");
        assertThat(disk.code()).as(disk.toString()).isEqualTo(2);
        assertThat(disk.err())
                .isEqualTo("o365watch: --out " + DISK + ": a block device (a disk); a report goes to a regular file,"
                        + " a character device such as /dev/null, a named pipe, or standard output (--out -)\n");
        Run feed = runs.get("feed-null");
        assertThat(feed.code()).as(feed.toString()).isEqualTo(2);
        assertThat(feed.err())
                .startsWith("o365watch: --feed /dev/null: a character device; the feed is a file")
                .doesNotContain("\n\n");
        assertThat(feed.out()).isEmpty();
        Run init = runs.get("init-null");
        assertThat(init.code()).as(init.toString()).isEqualTo(2);
        assertThat(init.err())
                .isEqualTo("o365watch: --config /dev/null: a character device; the config is a regular file\n");
    }

    /**
     * Runs each command with the packaged jar in one private mount namespace whose {@code /dev} is a
     * fresh tmpfs, then lists what {@code /dev} holds. A reader waits on the named pipe; it is let go
     * whatever the command did, so that no outcome can hang the test.
     */
    private Map<String, Run> runInNamespace(Map<String, List<String>> commands) throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        SyncDir site = SyncDir.at(Files.createDirectories(tmp.resolve("site")), tmp.resolve("machine"));
        List<String> java = site.javaCommand(List.of());
        List<String> script = new ArrayList<>(
                List.of(
                        "set -e",
                        "work=$1; shift",
                        mount + " -t tmpfs -o size=1m,mode=755 tmpfs /dev",
                        "mknod -m 666 /dev/null c 1 3",
                        "mknod -m 666 /dev/zero c 1 5",
                        "mknod -m 666 /dev/random c 1 8",
                        "mknod -m 666 /dev/urandom c 1 9",
                        "mknod -m 600 " + DISK + " b 240 0",
                        "mkfifo " + PIPE,
                        "ln -s /proc/self/fd /dev/fd",
                        "ln -s /proc/self/fd/0 /dev/stdin",
                        "ln -s /proc/self/fd/1 /dev/stdout",
                        "ln -s /proc/self/fd/2 /dev/stderr",
                        "run() { name=$1; shift; set +e; \"$@\" >\"$work/$name.out\" 2>\"$work/$name.err\"; echo $? >\"$work/$name.code\"; set -e; }"));
        for (Map.Entry<String, List<String>> c : commands.entrySet()) {
            boolean pipe = c.getValue().contains(PIPE);
            if (pipe) {
                script.add("cat " + PIPE + " >\"$work/pipe.read\" & reader=$!");
            }
            script.add("run " + c.getKey() + " \"$@\" "
                    + String.join(
                            " ",
                            c.getValue().stream().map(DeviceOutputIT::quote).toList()));
            if (pipe) {
                // a command that did not open the pipe leaves the reader waiting: open it here; one that replaced it,
                // kill the reader
                script.add("if [ -p " + PIPE + " ]; then [ \"$(cat \"$work/" + c.getKey() + ".code\")\" = 0 ] || : >"
                        + PIPE + "; else kill $reader; fi");
                script.add("wait $reader || true");
            }
        }
        script.add("for f in /dev/null " + DISK + " " + PIPE + " /dev/stdout /dev/stderr; do"
                + " l=$(readlink $f || true); echo \"$(stat -c '%n %F %t:%T' $f)${l:+ -> $l}\"; done >\"$work/after\"");
        List<String> cmd = new ArrayList<>(
                List.of(unshare.toString(), "-m", "sh", "-c", String.join("\n", script), "sh", work.toString()));
        cmd.addAll(java);
        SyncDir.Run r = site.run(cmd);
        assertThat(r.code()).as("the namespace script: " + r).isZero();
        Map<String, Run> runs = new LinkedHashMap<>();
        for (String name : commands.keySet()) {
            runs.put(
                    name,
                    new Run(
                            Integer.parseInt(Files.readString(work.resolve(name + ".code"))
                                    .strip()),
                            Files.readString(work.resolve(name + ".out"), StandardCharsets.UTF_8),
                            Files.readString(work.resolve(name + ".err"), StandardCharsets.UTF_8)));
        }
        return runs;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
