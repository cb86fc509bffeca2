package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's mistakes: exit 2, nothing started (a run that started would not return); one line, and for a
 * mistake on the command line the pointer to --help after it.
 */
class ServeCommandTest {
    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path dir;

    Result serve(Nightly n, String... args) {
        return n.run("serve", args);
    }

    @Test
    void mistakesAreUsageErrors() throws IOException {
        Nightly n = new Nightly(wm, dir);
        Path pem = Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
        Path auth = Files.writeString(dir.resolve("auth"), "no-colon-here\n");
        String[][] cases = {
            {"--listen", "8080"},
            {"--listen", "127.0.0.1:99999"},
            {"--listen", "no.such.host.invalid:8080"},
            {"--listen", "127.0.0.1:0", "--tls-cert", pem.toString()},
            {"--listen", "127.0.0.1:0", "--tls-cert", pem.toString(), "--tls-key", pem.toString()},
            {"--listen", "127.0.0.1:0", "--keystore", pem.toString(), "--tls-cert", pem.toString()},
            {"--listen", "127.0.0.1:0", "--auth-file", auth.toString()},
            {"--listen", "127.0.0.1:0", "--max-age", "0"},
        };
        String[] expected = {
            "o365watch: --listen 8080: give ADDRESS:PORT, e.g. 127.0.0.1:8080, 0.0.0.0:8080 or [::1]:8080",
            "o365watch: --listen 127.0.0.1:99999: the port is a number from 0 to 65535",
            "o365watch: --listen no.such.host.invalid:8080: no.such.host.invalid is not an IP address (give 127.0.0.1, 0.0.0.0, [::1] or [::])",
            "o365watch: --tls-cert and --tls-key go together: the certificate chain and its private key, in PEM",
            "o365watch: --tls-cert " + pem + " holds no PEM certificate we can read",
            "o365watch: --keystore or --tls-cert with --tls-key, not both",
            "o365watch: --auth-file " + auth
                    + " must hold one line user:password, a user name and a password both not empty",
            "o365watch: --max-age: between 1 and 3650 days, not 0",
        };
        // the PEM file and the auth file are what serve reads; the rest is the command line
        boolean[] commandLine = {true, true, true, true, false, true, false, true};
        for (int i = 0; i < cases.length; i++) {
            Result r = serve(n, cases[i]);
            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            assertThat(r.err())
                    .as(String.join(" ", cases[i]))
                    .isEqualTo(expected[i] + "\n"
                            + (commandLine[i] ? "Try 'o365watch serve --help' for more information.\n" : ""));
            assertThat(r.out()).isEmpty();
        }
        // the password is never in a message
        Files.writeString(auth, "alice-Xq7:\n");
        assertThat(serve(n, "--listen", "127.0.0.1:0", "--auth-file", auth.toString())
                        .err())
                .doesNotContain("alice-Xq7");
        Files.writeString(auth, ":Pw-Zr81k\n");
        assertThat(serve(n, "--listen", "127.0.0.1:0", "--auth-file", auth.toString())
                        .err())
                .doesNotContain("Pw-Zr81k");
    }

    @Test
    void anAddressInUseIsAUsageError() throws IOException {
        Nightly n = new Nightly(wm, dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = serve(n, "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            assertThat(r.err())
                    .startsWith("o365watch: --listen 127.0.0.1:" + taken.getLocalPort()
                            + ": cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .doesNotContain("\tat ")
                    .hasLineCount(1);
        }
    }

    @Test
    void withoutAConfigFileThereIsNothingToServe() {
        Result r = new TestCli(dir.resolve("machine")).in(dir).run("serve");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).startsWith("o365watch: serve needs a site's config file and found none");
    }
}
