package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The benchmark scripts and the launcher stay valid shell: they run rarely (benchmarks are never
 * part of the build), so a syntax error would otherwise wait for whoever runs them next.
 */
class BenchScriptsTest {
    @Test
    void scriptsParse() throws Exception {
        for (String script : List.of("bench/run.sh", "bench/jmh.sh", "bin/o365watch")) {
            Process p = new ProcessBuilder("bash", "-n", Path.of(script).toString())
                    .redirectErrorStream(true)
                    .start();
            assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue())
                    .as(script + ": " + new String(p.getInputStream().readAllBytes()))
                    .isZero();
        }
    }
}
