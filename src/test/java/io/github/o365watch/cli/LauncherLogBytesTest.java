package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code bin/o365watch}) gives audit C1 alone for logs under a size and C2 for longer
 * ones, and for logs of unknown length: its {@code log_bytes} function, run in bash as the launcher
 * runs it, must find every {@code --log} file and no other argument.
 */
class LauncherLogBytesTest {
    @TempDir
    Path tmp;

    private long logBytes(String... args) throws IOException, InterruptedException {
        String script = Files.readString(Path.of("bin/o365watch"));
        int from = script.indexOf("log_bytes() {");
        int to = script.indexOf("\n}\n", from) + 3;
        assertThat(from).as("bin/o365watch defines log_bytes").isNotNegative();
        List<String> command =
                new ArrayList<>(List.of("bash", "-c", script.substring(from, to) + "log_bytes \"$@\"", "x"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).isZero();
        return Long.parseLong(out);
    }

    @Test
    void addsUpTheLogFilesAndOnlyThem() throws Exception {
        Files.write(tmp.resolve("a.log"), new byte[1000]);
        Files.write(tmp.resolve("b.log"), new byte[234]);
        Files.write(tmp.resolve("text"), new byte[50_000]);
        Files.write(tmp.resolve("snapshots"), new byte[70_000]);

        assertThat(logBytes("audit", "--store", "snapshots", "--log", "a.log")).isEqualTo(1000);
        assertThat(logBytes("audit", "--log", "a.log", "b.log", "--format", "text"))
                .isEqualTo(1234);
        assertThat(logBytes(
                        "audit", "--log=a.log", "--log", tmp.resolve("b.log").toString()))
                .isEqualTo(1234);
        assertThat(logBytes("audit", "--out", "-", "--log", "b.log")).isEqualTo(234);
        // a log named through a link: the file's size, not the link's
        Files.createSymbolicLink(tmp.resolve("current.log"), tmp.resolve("a.log"));
        assertThat(logBytes("audit", "--log", "current.log")).isEqualTo(1000);
    }

    @Test
    void aLogOfUnknownLengthGivesMinusOne() throws Exception {
        Files.write(tmp.resolve("a.log"), new byte[1000]);
        Files.write(tmp.resolve("c.log.gz"), new byte[10]);

        assertThat(logBytes("audit", "--log", "a.log", "-")).isEqualTo(-1);
        assertThat(logBytes("audit", "--log=-")).isEqualTo(-1);
        assertThat(logBytes("audit", "--log", "c.log.gz")).isEqualTo(-1);
        assertThat(logBytes("audit", "--log", "a.log", "missing.log")).isEqualTo(-1);
        assertThat(logBytes("audit", "--log", ".")).isEqualTo(-1);
    }
}
