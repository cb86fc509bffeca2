package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.o365watch.app.OutputFormat;
import io.github.o365watch.app.Reports;
import io.github.o365watch.app.Selections;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.TenantName;
import io.github.o365watch.inspect.ConfigFormat;
import io.github.o365watch.inspect.LogFormat;
import io.github.o365watch.notify.EmailSettings;
import io.github.o365watch.notify.Event;
import io.github.o365watch.notify.WebhookSender;
import io.github.o365watch.render.Families;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import io.github.o365watch.text.Alternatives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each closed vocabulary is declared once: the completion candidates, picocli's converter, the help
 * text, the config file's messages and the usage errors list the same values as the declaration.
 * A second, hand-written list that drifted from it fails here.
 */
class VocabularyTest {
    @TempDir
    Path dir;

    TestCli cli() {
        return new TestCli(dir.resolve("machine"));
    }

    static String flat(String s) {
        return s.replaceAll("\\s+", " ");
    }

    static List<String> list(Iterable<String> values) {
        List<String> out = new ArrayList<>();
        values.forEach(out::add);
        return out;
    }

    static OptionSpec option(String command, String name) {
        CommandLine cl = Main.commandLine(new Root(Environment.system()), new String[] {command});
        return cl.getSubcommands().get(command).getCommandSpec().findOption(name);
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("diff", new DiffCommand.Formats()),
                Arguments.of("report", new ReportCommand.Formats()),
                Arguments.of("show", new ShowCommand.Formats()),
                Arguments.of("audit", new AuditCommand.Formats()),
                Arguments.of("verify", new VerifyCommand.Formats()),
                Arguments.of("check", new CheckCommand.Formats()));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aCommandsFormatsAreOneListForCompletionConversionHelpAndErrors(String command, Vocabulary.Formats formats) {
        List<String> ids = list(formats);
        assertThat(list(option(command, "--format").completionCandidates()))
                .as("completion")
                .isEqualTo(ids);
        for (OutputFormat f : OutputFormat.values()) {
            if (ids.contains(f.id())) {
                assertThat(formats.convert(f.id().toUpperCase(Locale.ROOT))).isEqualTo(f);
            } else {
                assertThatThrownBy(() -> formats.convert(f.id()))
                        .isInstanceOf(CommandLine.TypeConversionException.class)
                        .hasMessage("'" + f.id() + "' is not " + Alternatives.of(ids));
            }
        }
        assertThat(flat(cli().run(command, "--help").out())).as("help").contains(String.join(", ", ids));

        Result r = cli().run(command, "--format", "xml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("o365watch: Invalid value for option '--format': 'xml' is not " + Alternatives.of(ids) + "\n"
                        + "Try 'o365watch " + command + " --help' for more information.\n");
    }

    @Test
    void reportOffersTheFormatsSyncWritesReportsIn() {
        assertThat(list(new ReportCommand.Formats())).isEqualTo(OutputFormat.ids(Reports.FILE_FORMATS));
    }

    @Test
    void categoriesCompleteAsTheSelectionTakesThem() {
        assertThat(list(option("generate", "--category").completionCandidates()))
                .isEqualTo(Selections.categoryChoices())
                .containsExactly("Optimize", "Allow", "Default", "all");
    }

    @Test
    void inputAndLogFormatsCompleteAndAreListedFromTheirEnums() {
        List<String> input = list(option("verify", "--input-format").completionCandidates());
        assertThat(input)
                .isEqualTo(Stream.concat(
                                Stream.of("auto"),
                                Arrays.stream(ConfigFormat.values()).map(ConfigFormat::id))
                        .toList());
        assertThat(flat(cli().run("verify", "--help").out())).contains(String.join(", ", input));

        List<String> logs = list(option("audit", "--log-format").completionCandidates());
        assertThat(logs)
                .isEqualTo(Stream.concat(
                                Stream.of("auto"),
                                Arrays.stream(LogFormat.values()).map(LogFormat::id))
                        .toList());
        assertThat(flat(cli().run("audit", "--help").out())).contains(String.join(", ", logs));

        Result r = cli().run("audit", "--log", "x", "--log-format", "pcap");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("o365watch: --log-format: unknown log format 'pcap': use " + LogFormat.ids() + "\n"
                        + "Try 'o365watch audit --help' for more information.\n");
    }

    static Stream<Arguments> configLists() {
        String email = "notify:\n  email:\n    host: smtp.corp.test\n    from: a@corp.test\n    to: [b@corp.test]\n";
        return Stream.of(
                Arguments.of(
                        "selection:\n  families: ipv5\n",
                        "selection.families: 'ipv5' is not " + Alternatives.of(Families.ids())),
                Arguments.of(
                        "selection:\n  categories: [Optimise]\n",
                        "selection.categories[1]: 'Optimise' is not " + Alternatives.of(Selections.categoryChoices())),
                Arguments.of(
                        "selection:\n  serviceAreas: [Teams]\n",
                        "selection.serviceAreas[1]: 'Teams' is not " + Alternatives.of(ServiceArea.knownNames())),
                Arguments.of("instances: [Wordlwide]\n", "'Wordlwide' is not " + Alternatives.of(Instance.current())),
                Arguments.of(
                        "reports:\n  formats: [txt]\n",
                        "reports.formats: 'txt' is not " + Alternatives.of(OutputFormat.ids(Reports.FILE_FORMATS))),
                Arguments.of(
                        "notify:\n  on: [always]\n",
                        "notify.on: 'always' is not "
                                + Alternatives.of(Arrays.stream(Event.Kind.values())
                                        .map(Event.Kind::word)
                                        .toList())),
                Arguments.of(email + "    tls: ssl\n", "notify.email.tls: " + Alternatives.of(EmailSettings.Tls.ids())),
                Arguments.of(
                        "notify:\n  webhooks:\n    - kind: discord\n      urlEnv: HOOK\n",
                        "notify.webhooks[1].kind: " + Alternatives.of(WebhookSender.Kind.ids())),
                Arguments.of("tenant: contoso.sharepoint.com\n", "tenant: " + TenantName.RULE));
    }

    /** A mistake in the config file is one line naming the key, its choices from the declaration. */
    @ParameterizedTest
    @MethodSource("configLists")
    void theConfigFileNamesTheChoicesOfTheDeclaration(String yaml, String message) throws IOException {
        Path config = Files.writeString(dir.resolve("o365watch.yaml"), "targets: [{name: edl}]\n" + yaml);
        Result r = cli().run("sync", "--config", config.toString(), "--offline");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).contains(message).hasLineCount(1);
    }

    @Test
    void theDeclaredChoicesAreTheDocumentedOnes() {
        // pinned, so that a change to a declaration is a decision the README follows
        assertThat(Families.ids()).containsExactly("both", "ipv4", "ipv6");
        assertThat(EmailSettings.Tls.ids()).containsExactly("starttls", "implicit", "none");
        assertThat(WebhookSender.Kind.ids()).containsExactly("teams", "slack", "generic");
        assertThat(OutputFormat.ids(Reports.FILE_FORMATS)).containsExactly("markdown", "html", "json", "csv");
        assertThat(TenantName.isValid("contoso")).isTrue();
        assertThat(TenantName.isValid("contoso.sharepoint.com")).isFalse();
        assertThat(TenantName.isValid("-contoso")).isFalse();
        assertThat(TenantName.isValid("a".repeat(63))).isTrue();
        assertThat(TenantName.isValid("a".repeat(64))).isFalse();
    }

    /** A bad tenant name is refused in the same words wherever it is given. */
    @Test
    void aTenantNameIsCheckedByOneRuleEverywhere() throws IOException {
        Path store = dir.resolve("store");
        Result fetch = cli().run("fetch", "--store", store.toString(), "--tenant", "contoso.com");
        Result generate = cli().run(
                        "generate",
                        "--store",
                        Path.of("snapshots").toAbsolutePath().toString(),
                        "--target",
                        "edl",
                        "--out",
                        dir.resolve("out").toString(),
                        "--tenant",
                        "contoso.com");
        for (Result r : List.of(fetch, generate)) {
            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(r.toString()).startsWith("o365watch: --tenant: " + TenantName.RULE + "\n");
        }
        assertThat(store).doesNotExist();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    /**
     * Usage errors on the command line have one shape, whether picocli or our code found them: the
     * message, then the pointer to the command's --help.
     */
    @Test
    void usageErrorsOnTheCommandLineHaveOneShapeWhoeverFindsThem() {
        Result picocli = cli().run("fetch", "--timeout", "soon");
        assertThat(picocli.code()).isEqualTo(2);
        assertThat(picocli.err())
                .isEqualTo("o365watch: Invalid value for option '--timeout': 'soon' is not an int\n"
                        + "Try 'o365watch fetch --help' for more information.\n");

        Result ours = cli().run("fetch", "--store", dir.resolve("store").toString(), "--timeout", "0");
        assertThat(ours.code()).isEqualTo(2);
        assertThat(ours.err())
                .isEqualTo("o365watch: --timeout must be between 1 and 3600 seconds\n"
                        + "Try 'o365watch fetch --help' for more information.\n");

        Result combined = cli().run("verify", "--against", "x", "--addresses-only", "--hostnames-only");
        assertThat(combined.code()).isEqualTo(2);
        assertThat(combined.err())
                .isEqualTo("o365watch: --addresses-only and --hostnames-only exclude each other; give one, or neither"
                        + " to compare both\nTry 'o365watch verify --help' for more information.\n");

        // found in what the command reads, not on its command line: one line, no pointer to --help
        Result input = cli().run(
                        "verify",
                        "--store",
                        Path.of("snapshots").toAbsolutePath().toString(),
                        "--against",
                        dir.resolve("missing.conf").toString());
        assertThat(input.code()).isEqualTo(2);
        assertThat(input.err()).hasLineCount(1).endsWith("missing.conf does not exist\n");
    }
}
