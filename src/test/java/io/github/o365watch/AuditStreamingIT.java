package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * audit streams: a million kernel log lines (about 170 MB), generated on the fly and piped to the
 * packaged jar's standard input, are read by a JVM with a 48 MB heap; and the same lines from a
 * file, which audit reads in two parts at once. Loading the log whole, or keeping anything per
 * line, would run out of memory. How fast it goes is measured in the benchmarks, not here.
 */
class AuditStreamingIT {
    static final int LINES = 1_000_000;

    @TempDir
    Path tmp;

    @Test
    void aMillionLinesInAFlatHeap() throws Exception {
        Path jar = Path.of("target/o365watch.jar").toAbsolutePath();
        Path out = tmp.resolve("out.json");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx48m",
                        "-jar",
                        jar.toString(),
                        "audit",
                        "--store",
                        Path.of("snapshots").toAbsolutePath().toString(),
                        "--version",
                        "2019112700",
                        "--log",
                        "-",
                        "--format",
                        "json"))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        Thread feeder = new Thread(() -> {
            try (BufferedWriter w =
                    new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
                writeLog(w);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        feeder.start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        feeder.join();

        check(out, err, p.exitValue());
    }

    /** From a file, the log is read in two parts at once (two readers, two tallies): the heap stays as flat. */
    @Test
    void aMillionLinesFromAFileReadInTwoPartsInAFlatHeap() throws Exception {
        Path jar = Path.of("target/o365watch.jar").toAbsolutePath();
        Path log = tmp.resolve("kern.log");
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            writeLog(w);
        }
        Path out = tmp.resolve("out.json");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx48m",
                        "-XX:ActiveProcessorCount=2", // two parts, however many processors this machine has
                        "-jar",
                        jar.toString(),
                        "audit",
                        "--store",
                        Path.of("snapshots").toAbsolutePath().toString(),
                        "--version",
                        "2019112700",
                        "--log",
                        log.toString(),
                        "--format",
                        "json"))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        check(out, err, p.exitValue());
    }

    private static void check(Path out, Path err, int exit) throws IOException {
        assertThat(exit).as(Files.readString(err)).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        JsonNode log = r.path("logs").get(0);
        assertThat(log.path("lines").asLong()).isEqualTo(LINES);
        assertThat(log.path("flows").asLong()).isEqualTo(LINES);
        assertThat(log.path("malformed").asLong()).isZero();
        assertThat(r.path("gaps")).hasSize(1);
        assertThat(r.path("gaps").get(0).path("destination").asText()).isEqualTo("52.112.0.0/14");
        assertThat(r.path("gaps").get(0).path("count").asLong()).isEqualTo(LINES / 4 * 3);
        assertThat(r.path("otherDestinations").path("denied").asLong()).isEqualTo(LINES / 4);
    }

    private static void writeLog(java.io.Writer w) throws IOException {
        for (int i = 0; i < LINES; i++) {
            // three in four to Teams media (denied), one in four elsewhere; every address different
            String dst = i % 4 == 3
                    ? "198.51." + (i >> 8 & 255) + "." + (i & 255)
                    : "52.11" + (2 + (i & 3) % 2) + "." + (i >> 8 & 255) + "." + (i & 255);
            w.write("Nov 25 10:" + String.format("%02d:%02d", i / 60 % 60, i % 60) + " fw kernel: [" + i
                    + ".000000] o365-drop: IN=eth1"
                    + " OUT=eth0 MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00 SRC=10.0." + (i >> 8 & 255) + "."
                    + (i & 255) + " DST=" + dst
                    + " LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=" + i + " PROTO=UDP SPT=" + (20000 + i % 40000)
                    + " DPT=3478 LEN=40\n");
        }
    }
}
