package io.github.o365watch.cli;

import io.github.o365watch.app.Config;
import io.github.o365watch.app.Serve;
import io.github.o365watch.serve.FeedServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        description = {
            "Serves the site's published outputs, reports and feed over HTTP(S) to the firewalls, proxies and browsers that poll them.",
            "Every generated file at /<instance>/<target>/<file> (the first instance's also at /<target>/<file>), the PAC file at"
                    + " /proxy.pac and /wpad.dat, the reports at /reports/<file>, the feed at /feed.rss, an index at /, /healthz"
                    + " and /metrics (Prometheus). Answers from the release sync last published, picks up the next without a restart,"
                    + " and keeps serving the last good release when the output cannot be read.",
            "Listens on loopback unless --listen says otherwise. Basic authentication takes user:password from --auth-file or $"
                    + Serve.AUTH_ENV + "; a PKCS#12 key store's password comes from $" + Serve.KEYSTORE_PASSWORD_ENV
                    + "."
                    + " Writes an access log line per request (NCSA combined format) to stdout; runs until stopped."
        })
final class ServeCommand extends SiteCommand {
    @Option(
            names = "--listen",
            paramLabel = "ADDR:PORT",
            defaultValue = Serve.DEFAULT_LISTEN,
            description = "Where to listen (default: ${DEFAULT-VALUE}); [::1]:8080 for IPv6, port 0 for any free port.")
    String listen;

    @Option(
            names = "--tls-cert",
            paramLabel = "PEM",
            description = "Serve HTTPS with this certificate chain (PEM), with --tls-key.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "PEM",
            description = "The certificate's private key (unencrypted PKCS#8 PEM).")
    Path tlsKey;

    @Option(
            names = "--keystore",
            paramLabel = "P12",
            description = "Serve HTTPS with the key and chain in this PKCS#12 file (password: $"
                    + Serve.KEYSTORE_PASSWORD_ENV + ").")
    Path keystore;

    @Option(
            names = "--auth-file",
            paramLabel = "FILE",
            description = "Require basic authentication with the user:password in this file (else $" + Serve.AUTH_ENV
                    + " when set)." + " /healthz stays open.")
    Path authFile;

    @Option(
            names = "--max-age",
            paramLabel = "DAYS",
            defaultValue = "60",
            description =
                    "/healthz answers 503 when an applied version is older than this (default: ${DEFAULT-VALUE}).")
    int maxAgeDays;

    @Override
    public Integer call() throws InterruptedException {
        Config c = siteConfig("serve");
        PrintWriter out = out();
        PrintWriter err = err();
        Environment env = environment();
        Serve.Options o = new Serve.Options(
                listen,
                resolve(tlsCert),
                resolve(tlsKey),
                resolve(keystore),
                resolve(authFile),
                maxAgeDays,
                Duration.ofSeconds(20),
                64,
                line -> {
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                });
        try (FeedServer server = Serve.start(c, o, env.env(), env.clock())) {
            err.println("o365watch: serving " + c.output() + " at " + server.url()
                    + server.state().problem().map(p -> " (" + p + ")").orElse(""));
            err.flush();
            server.join();
        }
        return ExitCodes.OK;
    }

    private Optional<Path> resolve(Path p) {
        return Optional.ofNullable(p).map(environment()::resolve);
    }
}
