package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.o365watch.testing.ScaleFeed;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        Path out = tmp.resolve("out.json");
        Path err = tmp.resolve("err.txt");
        Process p = audit("-", List.of())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        Thread feeder = new Thread(() -> {
            try (BufferedWriter w =
                    new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
                ScaleFeed.kernLog(LINES, w);
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
        Path log = tmp.resolve("kern.log");
        ScaleFeed.kernLog(LINES, log);
        Path out = tmp.resolve("out.json");
        Path err = tmp.resolve("err.txt");
        // two parts, however many processors this machine has
        Process p = audit(log.toString(), List.of("-XX:ActiveProcessorCount=2"))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        check(out, err, p.exitValue());
    }

    /** The packaged jar's audit of {@code log} as JSON, in a 48 MB heap. */
    private static ProcessBuilder audit(String log, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                Path.of("target/o365watch.jar").toAbsolutePath().toString(),
                "audit",
                "--store",
                Path.of("snapshots").toAbsolutePath().toString(),
                "--version",
                "2019112700",
                "--log",
                log,
                "--format",
                "json"));
        return new ProcessBuilder(command);
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
}
