package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** o365watch.yaml: the starter file init writes, and every mistake named with its key and line (exit 2). */
class ConfigTest {
    @TempDir
    Path dir;

    TestCli cli;
    Path config;

    @BeforeEach
    void setUp() {
        cli = new TestCli(dir.resolve("machine"));
        config = dir.resolve("o365watch.yaml");
    }

    Result sync(String yaml) throws IOException {
        Files.writeString(config, yaml);
        return cli.run("sync", "--config", config.toString(), "--offline");
    }

    @Test
    void initWritesAStarterThatSyncUsesAsItIs() throws IOException {
        Result init = cli.run("init", "--config", config.toString());
        assertThat(init.code()).as(init.toString()).isZero();
        assertThat(init.out()).contains("wrote " + config);
        String starter = Files.readString(config);
        assertThat(starter)
                .contains("targets:")
                .contains("guard:")
                .contains("notify:")
                .contains("graceDays: 7")
                .doesNotContain("\r");
        copyShippedSnapshots(dir.resolve("snapshots"));

        Result sync = cli.run("sync", "--config", config.toString(), "--offline");

        assertThat(sync.code()).as(sync.toString()).isZero();
        assertThat(sync.out()).contains("(first sync)");
        assertThat(dir.resolve("generated/worldwide/edl")).isDirectory();
        assertThat(dir.resolve("generated/worldwide/nftables")).isDirectory();
        assertThat(dir.resolve("o365watch.lock")).isRegularFile();
        assertThat(cli.run("check", "--config", config.toString(), "--offline").code())
                .isZero();
        // nothing the user did not write is published: the placeholders stay in comments, out of every output
        assertThat(starter.lines().filter(l -> l.matches(".*example\\.(com|net|org).*")))
                .isNotEmpty()
                .allMatch(l -> l.stripLeading().startsWith("#"));
        assertThat(dir.resolve("generated/worldwide/pac")).doesNotExist();
        Trees.hashes(dir.resolve("generated").toRealPath()).keySet().forEach(f -> {
            try {
                assertThat(Files.readString(dir.resolve("generated").resolve(f)))
                        .as(f)
                        .doesNotContainPattern("example\\.(com|net|org)");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** The starter's PAC block uncommented as it stands: the proxy is the placeholder, refused with its key and line. */
    @Test
    void theStartersPlaceholderProxyIsRefusedUntilChanged() throws IOException {
        assertThat(cli.run("init", "--config", config.toString()).code()).isZero();
        String uncommented =
                Files.readString(config).replaceAll("(?m)^  # (- name: pac|  options:|    proxy:|    type:)", "  $1");
        Files.writeString(config, uncommented);
        int line = uncommented
                        .lines()
                        .toList()
                        .indexOf(uncommented
                                .lines()
                                .filter(l -> l.contains("proxy: PROXY"))
                                .findFirst()
                                .orElseThrow())
                + 1;
        copyShippedSnapshots(dir.resolve("snapshots"));
        Map<String, String> before = Trees.hashes(dir);

        Result r = cli.run("sync", "--config", config.toString(), "--offline");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err())
                .contains("config file " + config + ", line " + line
                        + ": targets[3].options.proxy: 'PROXY proxy.example.com:8080'"
                        + " names proxy.example.com, a placeholder");
        assertThat(Trees.hashes(dir)).as("nothing written").isEqualTo(before);
        assertThat(cli.run("check", "--config", config.toString(), "--offline").code())
                .as("refused before anything runs")
                .isEqualTo(2);

        Files.writeString(config, uncommented.replace("proxy.example.com", "proxy.contoso.com"));
        Result mine = cli.run("sync", "--config", config.toString(), "--offline");
        assertThat(mine.code()).as(mine.toString()).isZero();
        assertThat(Files.readString(dir.resolve("generated/worldwide/pac/o365.pac")))
                .contains("PROXY proxy.contoso.com:8080");
    }

    @Test
    void targetNamesAreCaseInsensitiveAndRecordedInLowerCase() throws IOException {
        copyShippedSnapshots(dir.resolve("snapshots"));

        Result r = sync("targets:\n  - name: EDL\n  - name: NFTables\n");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(dir.resolve("generated/worldwide/edl")).isDirectory();
        assertThat(dir.resolve("generated/worldwide/nftables")).isDirectory();
        Files.writeString(config, "targets:\n  - name: edl\n  - name: nftables\n");
        Result check = cli.run("check", "--config", config.toString(), "--offline");
        assertThat(check.code())
                .as("the same config, so the same selection hash: " + check)
                .isZero();
    }

    @Test
    void initNeverOverwritesWithoutForce() throws IOException {
        Files.writeString(config, "instances: [Worldwide]\n");

        Result again = cli.run("init", "--config", config.toString());

        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already exists (--force replaces it)");
        assertThat(Files.readString(config)).isEqualTo("instances: [Worldwide]\n");
        assertThat(cli.run("init", "--config", config.toString(), "--force").code())
                .isZero();
        assertThat(Files.readString(config)).contains("targets:");
    }

    @Test
    void aMissingConfigFileSaysHowToMakeOne() {
        Result r = cli.run("sync", "--config", dir.resolve("nope.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml does not exist (o365watch init writes a starter file)");
        Result c = cli.run("check", "--config", dir.resolve("nope.yaml").toString());
        assertThat(c.code()).isEqualTo(2);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        "misspelt top-level key",
                        "instances: [Worldwide]\ntragets:\n  - name: edl\n",
                        "line 2: tragets: unknown key 'tragets'"),
                Arguments.of(
                        "misspelt nested key",
                        "selection:\n  categories: [Optimize]\n  famlies: ipv4\n",
                        "line 3: selection.famlies: unknown key 'famlies' in selection"),
                Arguments.of(
                        "a password in the file",
                        "notify:\n  email:\n    host: smtp.example.com\n    from: a@example.com\n"
                                + "    to: [b@example.com]\n    password: hunter2\n",
                        "line 6: notify.email.password: unknown key 'password' in notify.email; secrets never go in the config file:"
                                + " name an environment variable (passwordEnv) or a file (passwordFile)"),
                Arguments.of(
                        "a webhook URL in the file",
                        "notify:\n  webhooks:\n    - kind: teams\n      url: https://example.webhook.office.com/x\n",
                        "line 4: notify.webhooks[1].url: unknown key 'url' in notify.webhooks[1]; secrets never go in the config file"),
                Arguments.of(
                        "bad family",
                        "selection:\n  families: ipv5\n",
                        "line 2: selection.families: 'ipv5' is not both, ipv4 or ipv6"),
                Arguments.of(
                        "not a number",
                        "guard:\n  maxRemovedAddressesPercent: lots\n",
                        "line 2: guard.maxRemovedAddressesPercent: expected a number"),
                Arguments.of(
                        "percentage out of range",
                        "guard:\n  maxRemovedHostnamesPercent: 150\n",
                        "line 2: guard.maxRemovedHostnamesPercent: a percentage, 0 to 100"),
                Arguments.of(
                        "unknown target",
                        "targets:\n  - name: edl\n  - name: cisco-asa-9\n",
                        "line 3: targets[2].name: "),
                Arguments.of(
                        "target listed twice",
                        "targets:\n  - name: edl\n  - name: edl\n",
                        "line 3: targets[2].name: target edl is listed twice"),
                Arguments.of(
                        "unknown target option",
                        "targets:\n  - name: nftables\n    options:\n      tabel: x\n",
                        "line 3: targets[1].options: target nftables has no option 'tabel'"),
                Arguments.of(
                        "bad option value",
                        "targets:\n  - name: nftables\n    options:\n      table: \"a b\"\n",
                        "line 3: targets[1].options: option table of target nftables: 'a b' is not valid"),
                Arguments.of(
                        "a negative budget of extra addresses",
                        "targets:\n  - name: edl\n    maxEntries: 50\n    maxExtraPercent: -1\n",
                        "line 4: targets[1].maxExtraPercent: a percentage, 0 or more"),
                Arguments.of(
                        "an endless budget of extra addresses",
                        "targets:\n  - name: edl\n    maxEntries: 50\n    maxExtraPercent: .inf\n",
                        "line 4: targets[1].maxExtraPercent: not a valid value here"),
                Arguments.of(
                        "a budget of extra addresses that is not a number",
                        "targets:\n  - name: edl\n    maxExtraPercent: lots\n",
                        "line 3: targets[1].maxExtraPercent: expected a number"),
                Arguments.of(
                        "bad event",
                        "notify:\n  on: [changes, sometimes]\n",
                        "line 2: notify.on: 'sometimes' is not changes, pending or refused"),
                Arguments.of(
                        "webhook without a URL source",
                        "notify:\n  webhooks:\n    - kind: slack\n",
                        "line 3: notify.webhooks[1]: urlEnv or urlFile (exactly one)"),
                Arguments.of(
                        "grace too long", "check:\n  graceDays: 400\n", "line 2: check.graceDays: between 0 and 365"),
                Arguments.of("duplicate key", "store: a\nstore: b\n", "Duplicate field 'store'"),
                Arguments.of("not YAML", "store: \"unclosed\n", "not YAML"),
                Arguments.of(
                        "a list where a mapping goes", "targets: [edl]\n", "line 1: targets[1]: expected a mapping"),
                Arguments.of(
                        "a mapping where a list goes",
                        "instances:\n  name: Worldwide\n",
                        "line 1: instances: expected a list"),
                Arguments.of(
                        "unknown instance",
                        "instances: [Worldwide, Wordlwide]\n",
                        "line 1: instances[2]: 'Wordlwide' is not Worldwide, USGovDoD, USGovGCCHigh or China"),
                Arguments.of("bad tenant", "tenant: \"contoso.sharepoint.com\"\n", "line 1: tenant: not a tenant name"),
                Arguments.of("no target", "instances: [Worldwide]\n", "the top level: at least one target is needed"),
                Arguments.of(
                        "misspelt category",
                        "selection:\n  categories: [Optimise]\n",
                        "line 2: selection.categories[1]: 'Optimise' is not Optimize, Allow, Default or all"),
                Arguments.of(
                        "misspelt service area",
                        "selection:\n  serviceAreas:\n    - Exchnage\n",
                        "line 3: selection.serviceAreas[1]: 'Exchnage' is not Common, Exchange, SharePoint, Skype or MEM"),
                Arguments.of(
                        "missing overrides file",
                        "selection:\n  overrides: nope.yaml\n",
                        "line 2: selection.overrides: "),
                Arguments.of(
                        "reports inside the output",
                        "targets: [{name: edl}]\noutput: out\nreports:\n  directory: out/reports\n",
                        "/out, the output directory (output, line 2); sync replaces the output as a whole"),
                Arguments.of(
                        "output is the config's directory",
                        "targets: [{name: edl}]\noutput: .\n",
                        "line 2: output: must be a directory of its own"),
                Arguments.of(
                        "feed inside the output",
                        "targets: [{name: edl}]\nreports:\n  feed: generated/feed.rss\n",
                        "/generated, the output directory (output, by default); sync replaces the output as a whole"),
                Arguments.of(
                        "a null in a list",
                        "targets: [{name: edl}]\nnotify:\n  email:\n    host: localhost\n    from: a@example.com\n"
                                + "    to: [null]\n",
                        "line 6: notify.email.to[1]: expected a text value"),
                Arguments.of(
                        "an option that is null",
                        "targets:\n  - name: nftables\n    options:\n      table: null\n",
                        "line 4: targets[1].options.table: expected a text value"),
                Arguments.of(
                        "a NUL in a path",
                        "targets: [{name: edl}]\nstore: \"a\\0b\"\n",
                        "line 2: store: 'a\\u0000b' is not a file name: Nul character not allowed"),
                Arguments.of(
                        "a second document",
                        "targets: [{name: edl}]\n---\nstore: elsewhere\n",
                        "line 3: a second YAML document ('---'); o365watch reads one"),
                Arguments.of(
                        "tabs for indentation",
                        "targets: [{name: edl}]\nselection:\n\tcategories: [Optimize]\n",
                        "line 3: not YAML"),
                Arguments.of(
                        "a PAC file without its proxy",
                        "targets:\n  - name: pac\n",
                        "line 2: targets[1].options: target pac needs the option proxy=... (what everything not sent direct returns"),
                Arguments.of(
                        "a placeholder proxy",
                        "targets:\n  - name: pac\n    options:\n      proxy: PROXY squid.example.net:3128\n",
                        "line 4: targets[1].options.proxy: 'PROXY squid.example.net:3128' names squid.example.net, a placeholder"),
                Arguments.of(
                        "a placeholder mail server",
                        "targets: [{name: edl}]\nnotify:\n  email:\n    host: smtp.example.com\n"
                                + "    from: o365watch@corp.contoso.com\n    to: [netops@corp.contoso.com]\n",
                        "line 4: notify.email.host: 'smtp.example.com' names smtp.example.com, a placeholder"),
                Arguments.of(
                        "a placeholder mail address",
                        "targets: [{name: edl}]\nnotify:\n  email:\n    host: smtp.contoso.com\n"
                                + "    from: o365watch@contoso.com\n    to: [netops@contoso.com, security@EXAMPLE.org]\n",
                        "line 6: notify.email.to[2]: 'security@EXAMPLE.org' names example.org, a placeholder"),
                Arguments.of(
                        "a placeholder mirror",
                        "targets: [{name: edl}]\nsource: https://mirror.example.com/o365\n",
                        "line 2: source: 'https://mirror.example.com/o365' names mirror.example.com, a placeholder"),
                Arguments.of(
                        "an alias bomb",
                        "targets: [{name: edl}]\nx: &a [l, l, l, l, l, l, l, l, l]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                                + "z: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nselection:\n  serviceAreas: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
                        "line 2: x: unknown key 'x'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeIsAUsageErrorNamingKeyAndLineAndChangesNothing(String what, String yaml, String message)
            throws IOException {
        copyShippedSnapshots(dir.resolve("snapshots"));
        Map<String, String> before = Trees.hashes(dir);

        Result r = sync(yaml);

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("o365watch: config file " + config).contains(message);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.out()).isEmpty();
        Map<String, String> after = Trees.hashes(dir);
        after.remove("o365watch.yaml");
        before.remove("o365watch.yaml");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aSecretInTheConfigIsNeverEchoed() throws IOException {
        Result r = sync(
                "notify:\n  webhooks:\n    - kind: teams\n      url: https://example.webhook.office.com/TOKEN-abc123\n");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out() + r.err()).doesNotContain("TOKEN-abc123");
    }

    /**
     * The secret typed where its variable's name goes: sync would print it on every run ("the
     * environment variable https://... is not set"). Refused, naming key and line, never the value.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "webhooks:\\n    - kind: teams\\n      urlEnv: | https://contoso.webhook.office.com/webhookb2/4f1e-TOKEN-77a@9c1/IncomingWebhook/5d2e/b7f1"
                        + " | 5 | notify.webhooks[1].urlEnv",
                "webhooks:\\n    - kind: slack\\n      urlEnv: | hooks.slack.com/services/T000/B000/XXXXSECRET | 5 | notify.webhooks[1].urlEnv",
                "email:\\n    host: smtp.contoso.com\\n    from: a@contoso.com\\n    to: [b@contoso.com]\\n    passwordEnv: | hunter2!Secret | 7"
                        + " | notify.email.passwordEnv",
                "email:\\n    host: smtp.contoso.com\\n    from: a@contoso.com\\n    to: [b@contoso.com]\\n    passwordEnv: | 2SECRET | 7"
                        + " | notify.email.passwordEnv",
                "email:\\n    host: smtp.contoso.com\\n    from: a@contoso.com\\n    to: [b@contoso.com]\\n    passwordEnv: | SMTP PASSWORD | 7"
                        + " | notify.email.passwordEnv"
            })
    void aSecretTypedInPlaceOfAVariableNameIsRefusedAndNeverEchoed(String before, String secret, int line, String key)
            throws IOException {
        copyShippedSnapshots(dir.resolve("snapshots"));
        Result r = sync("targets: [{name: edl}]\nnotify:\n  " + before.replace("\\n", "\n") + " \"" + secret + "\"\n");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("o365watch: config file " + config + ", line " + line + ": " + key
                        + ": not the name of an environment"
                        + " variable (letters, digits and '_', not starting with a digit); the value is not shown, as it may be the secret itself: put"
                        + " the secret in the environment and its name here\n");
        assertThat(r.out() + r.err()).doesNotContain(secret).doesNotContain(secret.substring(secret.length() - 6));
    }

    /** A name as POSIX spells it is fine, in any case; the variable it names is read only when a notification is sent. */
    @Test
    void aVariableNameIsAccepted() throws IOException {
        copyShippedSnapshots(dir.resolve("snapshots"));
        Result r = sync(
                "targets: [{name: edl}]\nnotify:\n  webhooks:\n    - kind: teams\n      urlEnv: _o365watch_Teams_URL2\n");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    static Stream<Arguments> secretsInBrokenYaml() {
        return Stream.of(
                Arguments.of(
                        "notify:\n  webhooks:\n    - kind: teams\n   url: https://x.webhook.office.com/SECRETTOKEN123\n",
                        "SECRETTOKEN123"),
                Arguments.of("notify:\n  email:\n    passwordEnv: \"hunter2\n", "hunter2"),
                Arguments.of("notify:\n  email:\n    port: hunter2\n", "hunter2"));
    }

    @ParameterizedTest
    @MethodSource("secretsInBrokenYaml")
    void brokenYamlNeverEchoesTheLineAtFault(String yaml, String secret) throws IOException {
        Result r = sync(yaml);

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("config file " + config + ", line ").doesNotContain(secret);
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aFileThatIsNotUtf8IsAUsageErrorAndChangesNothing() throws IOException {
        copyShippedSnapshots(dir.resolve("snapshots"));
        Map<String, String> before = Trees.hashes(dir);
        Files.write(
                config,
                "targets: [{name: edl}]\ntenant: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        Result r = cli.run("sync", "--config", config.toString(), "--offline");

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("o365watch: config file " + config + ", line 2: ");
        assertThat(r.err().lines()).hasSize(1);
        Map<String, String> after = Trees.hashes(dir);
        after.remove("o365watch.yaml");
        before.remove("o365watch.yaml");
        assertThat(after).isEqualTo(before);
    }

    static void copyShippedSnapshots(Path to) throws IOException {
        Path from = Path.of("snapshots");
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
