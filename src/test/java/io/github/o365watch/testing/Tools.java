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
            missing(tool + " is not installed (.ci/run installs it)");
        }
        return found.get();
    }

    /** Outside CI a test that needs what this machine lacks is skipped; under CI it fails, because CI has it. */
    public static void missing(String msg) {
        if ("true".equals(System.getenv("CI"))) {
            fail(msg);
        }
        assumeTrue(false, msg);
    }

    /**
     * {@code command} in a network namespace of its own, as root of a user namespace of its own: the
     * firewall validators (nft -c, iptables-restore --test, ipset) need CAP_NET_ADMIN, which an ordinary
     * user has there too, and nothing they do reaches the host's firewall.
     */
    public static List<String> inOwnNetwork(List<String> command) {
        List<String> all = new java.util.ArrayList<>(List.of(require("unshare").toString(), "-r", "-n"));
        all.addAll(command);
        return all;
    }

    /**
     * Runs {@code body} while {@code file} is immutable ({@code chattr +i}: no write, rename or new entry, even
     * by root, whom permission bits do not stop). That needs root (CI runs as root).
     */
    public static <T> T whileImmutable(Path file, java.util.function.Supplier<T> body) {
        String chattr = require("chattr").toString();
        Run r = run(List.of(chattr, "+i", file.toString()), null);
        if (r.code() != 0) {
            missing("chattr +i needs root and a file system with attributes (CI runs as root): " + r.out());
        }
        try {
            return body.get();
        } finally {
            run(List.of(chattr, "-i", file.toString()), null);
        }
    }

    /**
     * Skips (fails under CI) unless a tmpfs can be mounted in a private mount namespace ({@code unshare -m},
     * which needs root; CI runs as root), trying it on {@code probe}, an empty directory.
     */
    public static void requireMountNamespace(Path probe) {
        Run r = run(
                List.of(
                        require("unshare").toString(),
                        "-m",
                        "sh",
                        "-c",
                        require("mount") + " -t tmpfs -o size=64k tmpfs " + probe),
                null);
        if (r.code() != 0) {
            missing("cannot mount a tmpfs in a private mount namespace (unshare -m, needs root): " + r.out());
        }
    }

    /** Debian's python3 with the pacparser module (not a python on PATH that may lack it). */
    public static Path pacparser() {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)
                || run(List.of(python.toString(), "-c", "import pacparser"), null)
                                .code()
                        != 0) {
            missing("python3-pacparser is not installed (.ci/run installs it)");
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
