package io.github.o365watch.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real tools the tests run: the validators (nft, iptables-restore, ipset, squid, dnsmasq,
 * pacparser), chromium and chromedriver, pdftotext. Outside CI a missing tool skips the test; under
 * {@code CI=true} it fails it, because CI installs them.
 */
public final class Tools {
    private static final List<String> DIRS =
            List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/local/bin");

    private Tools() {}

    /** A command's result. */
    public record Run(int code, String out) {}

    public static Path require(String tool) {
        Optional<Path> found = DIRS.stream()
                .map(d -> Path.of(d, tool))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            String msg = tool + " is not installed (.ci/run installs it)";
            if ("true".equals(System.getenv("CI"))) {
                fail(msg);
            }
            assumeTrue(false, msg);
        }
        return found.get();
    }

    /** Debian's python3 with the pacparser module (not a python on PATH that may lack it). */
    public static Path pacparser() {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)
                || run(List.of(python.toString(), "-c", "import pacparser"), null)
                                .code()
                        != 0) {
            String msg = "python3-pacparser is not installed (.ci/run installs it)";
            if ("true".equals(System.getenv("CI"))) {
                fail(msg);
            }
            assumeTrue(false, msg);
        }
        return python;
    }

    public static Run run(List<String> command, Path stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (stdin != null) {
                pb.redirectInput(stdin.toFile());
            }
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
