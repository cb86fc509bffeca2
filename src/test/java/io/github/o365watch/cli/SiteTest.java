package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.Derived;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command runs in its site: a directory whose o365watch.yaml names its own store
 * ({@code data}, not ./snapshots) and WireMock as the source. The commands run in that directory
 * without --store, --source or --config and work on the site's store and source, as sync does;
 * the precedence rule (option, environment, config file, default) holds for each setting; and a
 * directory without a config file behaves as it always did.
 */
class SiteTest {
    static final String A = SyncTest.A;
    static final String B = SyncTest.B;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    Path site;
    Nightly n;
    FakeService service;
    TestCli cli;

    @BeforeEach
    void site() throws IOException {
        site = tmp.resolve("site");
        Files.createDirectories(site);
        n = new Nightly(wm, site);
        service = n.service;
        writeConfig("");
        cli = n.cli.in(site);
    }

    /** The nightly job's config, with the store in data/ and {@code extra} at the end. */
    void writeConfig(String extra) throws IOException {
        String config = io.github.o365watch.testing.SyncDir.config(service.url());
        assertThat(config).startsWith("store: snapshots\n");
        Files.writeString(n.config, config.replaceFirst("store: snapshots", "store: data") + extra);
    }

    Path stored(String instance, String version) {
        return site.resolve("data").resolve(instance).resolve(version + ".json");
    }

    @Test
    void everyCommandWorksOnTheSitesStoreAndAsksItsSource() throws IOException {
        service.publish("Worldwide", A);
        assertThat(cli.run("sync").code()).isZero();
        assertThat(stored("worldwide", A)).exists();
        service.publish("Worldwide", B);
        wm.resetRequests();

        Result status = cli.run("status");
        assertThat(status.code()).as(status.toString()).isZero();
        assertThat(status.out()).containsPattern("Worldwide +" + A + " +\\d+ days +" + B + " +behind: run sync");
        assertThat(service.paths()).containsExactly("/version");

        Result versions = cli.run("versions");
        assertThat(versions.code()).as(versions.toString()).isZero();
        assertThat(versions.out()).contains("Worldwide: 1 stored, ").containsPattern("\\n  " + B + " +- ");

        Result fetch = cli.run("fetch");
        assertThat(fetch.code()).as(fetch.toString()).isZero();
        assertThat(fetch.out())
                .isEqualTo("Worldwide: stored " + B + " (previous " + A + "): 111 endpoint sets, 0 change records\n");
        assertThat(stored("worldwide", B)).exists();
        // no second store where the site has none
        assertThat(site.resolve("snapshots")).doesNotExist();
        wm.resetRequests();

        Result show = cli.run("show", "--summary");
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).startsWith("Worldwide " + B + ": ");
        assertThat(cli.run("lookup", "52.112.10.20").out())
                .contains("Worldwide  11   Skype")
                .contains(B);
        Result report = cli.run("report");
        assertThat(report.code()).as(report.toString()).isZero();
        assertThat(report.out()).startsWith("# Microsoft 365 endpoint changes: Worldwide " + A + " to " + B);
        assertThat(cli.run("diff").code()).isZero();
        Path log = Files.writeString(tmp.resolve("ips.txt"), "52.112.10.20:3478\n");
        Result audit = cli.run("audit", "--log", log.toString());
        assertThat(audit.code()).as(audit.toString()).isZero();
        assertThat(audit.out()).startsWith("Audit against Worldwide " + B);
        Result generate = cli.run(
                "generate", "--target", "edl", "--out", tmp.resolve("by-hand").toString());
        assertThat(generate.code()).as(generate.toString()).isZero();
        assertThat(generate.out()).startsWith("Generated from Worldwide " + B);
        Result verify = cli.run(
                "verify",
                "--against",
                tmp.resolve("by-hand/edl/o365-optimize-ipv4.txt").toString(),
                "--ipv4-only",
                "--addresses-only",
                "--category",
                "optimize");
        assertThat(verify.code()).as(verify.toString()).isZero();
        assertThat(verify.out())
                .contains("Verified against Worldwide " + B, "(selection from " + n.config + " and the options)");
        // none of them asked the service
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void theReviewAfterARefusalComparesTheSitesVersions() {
        service.publish("Worldwide", A);
        assertThat(cli.run("sync").code()).isZero();
        service.publish(
                "Worldwide",
                B,
                Derived.withoutIps(
                        Fixtures.endpoints("Worldwide", B),
                        s -> s.path("serviceArea").asText().equals("Exchange")));
        Result refused = cli.run("sync");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(7);
        assertThat(refused.err()).contains("review it (o365watch report)");

        // what the message says to run, as it says it
        Result report = cli.run("report");

        assertThat(report.code()).as(report.toString()).isZero();
        assertThat(report.out())
                .startsWith("# Microsoft 365 endpoint changes: Worldwide " + A + " to " + B)
                .contains("Exchange");
    }

    @Test
    void adviceFitsTheSite() throws IOException {
        service.publish("Worldwide", A);

        Result status = cli.run("status");
        assertThat(status.out()).containsPattern("Worldwide +- +- +" + A + " +nothing stored: run sync");
        Result show = cli.run("show");
        assertThat(show.code()).isEqualTo(5);
        assertThat(show.err())
                .isEqualTo("o365watch: nothing is stored for Worldwide in " + site.resolve("data") + " (set by "
                        + n.config + ", line 1); run 'o365watch sync'\n");
        Result report = cli.run("report");
        assertThat(report.code()).isEqualTo(5);
        assertThat(report.err()).contains("nothing is stored for Worldwide in " + site.resolve("data"));

        // without a store key: the config file's default, beside it
        Files.writeString(n.config, Files.readString(n.config).replaceFirst("store: data\n", ""));
        assertThat(cli.run("lookup", "52.112.10.20").err())
                .isEqualTo("o365watch: nothing is stored for Worldwide in " + site.resolve("snapshots")
                        + " (the default of " + n.config + ", which sets no store); run 'o365watch sync'\n");
        Path elsewhere = tmp.resolve("elsewhere");
        assertThat(cli.run("show", "--store", elsewhere.toString()).err())
                .isEqualTo("o365watch: nothing is stored for Worldwide in " + elsewhere
                        + " (set by --store); run 'o365watch sync'\n");

        // a directory without a config file: as before, fetch fills the store
        Path bare = tmp.resolve("bare");
        Files.createDirectories(bare);
        TestCli plain = new TestCli(tmp.resolve("machine2")).in(bare);
        assertThat(plain.run("show").err())
                .isEqualTo(
                        "o365watch: nothing is stored for Worldwide in " + bare.resolve("snapshots")
                                + " (the default: no --store and no config file); run 'o365watch fetch' (or point --store at a snapshot directory)\n");
        assertThat(plain.run("status", "--source", service.url()).out())
                .containsPattern("Worldwide +- +- +" + A + " +nothing stored: run fetch");
        assertThat(bare.resolve("snapshots")).doesNotExist();
    }

    @Test
    void anOptionBeatsTheEnvironmentWhichBeatsTheConfigFileFoundHere() throws IOException {
        service.publish("Worldwide", A);
        assertThat(cli.run("sync").code()).isZero();
        Path other = tmp.resolve("other/site.yaml");
        Files.createDirectories(other.getParent());
        Files.writeString(other, Files.readString(n.config).replace("store: data", "store: other-data"));

        assertThat(cli.run("show").code()).isZero();
        // $O365WATCH_CONFIG names the file instead of ./o365watch.yaml
        cli.env("O365WATCH_CONFIG", other.toString());
        Result env = cli.run("show");
        assertThat(env.code()).isEqualTo(5);
        assertThat(env.err())
                .contains(" in " + tmp.resolve("other/other-data") + " (set by " + other
                        + " ($O365WATCH_CONFIG), line 1)");
        // --config names it instead of $O365WATCH_CONFIG, and --store beats the config file's store
        assertThat(cli.run("show", "--config", n.config.toString()).code()).isZero();
        assertThat(cli.run("show", "--store", site.resolve("data").toString()).code())
                .isZero();

        // sync, run elsewhere, finds the site through the variable
        cli.env("O365WATCH_CONFIG", n.config.toString());
        TestCli away = new TestCli(tmp.resolve("machine"))
                .env("O365WATCH_CONFIG", n.config.toString())
                .in(tmp.resolve("other"));
        Result sync = away.run("sync", "--offline");
        assertThat(sync.code()).as(sync.toString()).isZero();
        assertThat(sync.out()).startsWith("up to date: Worldwide " + A);

        // a variable naming no file is an error, never a fall-back to another store
        var before = Trees.hashes(site);
        Result missing = new TestCli(tmp.resolve("machine"))
                .env("O365WATCH_CONFIG", tmp.resolve("nope.yaml").toString())
                .in(site)
                .run("fetch");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err())
                .isEqualTo("o365watch: $O365WATCH_CONFIG names " + tmp.resolve("nope.yaml") + ", which does not exist"
                        + " (unset it, or write a starter file there with o365watch init)\n");
        assertThat(Trees.hashes(site)).isEqualTo(before);
    }

    @Test
    void aMistakeInTheConfigFileStopsEveryCommandThatReadsIt() throws IOException {
        service.publish("Worldwide", A);
        assertThat(cli.run("sync").code()).isZero();
        writeConfig("selection:\n  famlies: ipv4\n");
        wm.resetRequests();
        var before = Trees.hashes(site);
        for (List<String> args : List.of(
                List.of("status"),
                List.of("show"),
                List.of("fetch"),
                List.of("report", "--from", A),
                List.of("targets"),
                List.of("versions"))) {
            Result r = cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(args + "\n" + r).isEqualTo(2);
            assertThat(r.err())
                    .as(args.toString())
                    .startsWith("o365watch: config file " + n.config + ", line ")
                    .contains("unknown key 'famlies'");
        }
        assertThat(Trees.hashes(site)).isEqualTo(before);
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void instancesSelectionAndTenantComeFromTheConfigFile() throws IOException {
        service.publish("Worldwide", A).publish("USGovDoD", "2019093000");
        Files.writeString(
                n.config,
                Files.readString(n.config).replace("instances: [Worldwide]", "instances: [USGovDoD]")
                        + "tenant: contoso\nselection:\n  categories: [Optimize]\n");

        Result fetch = cli.run("fetch");
        assertThat(fetch.code()).as(fetch.toString()).isZero();
        assertThat(fetch.out())
                .startsWith("USGovDoD: stored 2019093000 (first in this store): ")
                .endsWith("; kept the lists published for tenant contoso\n");
        assertThat(site.resolve("data/worldwide")).doesNotExist();
        assertThat(service.requests())
                .anyMatch(r -> r.getUrl().equals("/endpoints/USGovDoD?TenantName=contoso")
                        || r.getUrl().startsWith("/endpoints/USGovDoD?")
                                && r.getUrl().contains("TenantName=contoso"));

        Result status = cli.run("status", "--offline");
        assertThat(status.out().lines().skip(1).toList())
                .singleElement()
                .asString()
                .startsWith("USGovDoD  2019093000  ");
        assertThat(cli.run("show", "--summary").out()).startsWith("USGovDoD 2019093000: ");

        Path out = tmp.resolve("gen");
        Result generate = cli.run("generate", "--target", "edl", "--out", out.toString());
        assertThat(generate.code()).as(generate.toString()).isZero();
        assertThat(generate.out()).startsWith("Generated from USGovDoD 2019093000:");
        try (var files = Files.list(out.resolve("edl"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .isNotEmpty()
                    .allMatch(f -> f.startsWith("o365-optimize-"));
        }
        assertThat(Files.readString(out.resolve("edl/o365-optimize-url.txt"))).contains("tenant contoso");

        // an option replaces the config file's key of the same meaning
        Path allow = tmp.resolve("allow");
        assertThat(cli.run("generate", "--target", "edl", "--category", "allow", "--out", allow.toString())
                        .code())
                .isZero();
        try (var files = Files.list(allow.resolve("edl"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .isNotEmpty()
                    .allMatch(f -> f.startsWith("o365-allow-"));
        }
    }
}
