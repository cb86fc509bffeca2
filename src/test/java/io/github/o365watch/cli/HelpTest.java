package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.TestCli.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * What --help says and how the command line answers a mistake: paragraphs picocli can wrap, one
 * complete sentence per command in the list, usage lines that name each option once, the exit
 * codes each command can return, only the options that do something, the precedence rule, and
 * the closest name to a mistyped one.
 */
class HelpTest {
    @TempDir
    Path tmp;

    TestCli cli() {
        return new TestCli(tmp.resolve("machine"));
    }

    static List<String> commands() {
        List<String> out = new ArrayList<>();
        for (Class<?> c : Root.COMMANDS) {
            out.add(c.getAnnotation(Command.class).name());
        }
        return out;
    }

    /** Normalised: picocli's wrapping undone. */
    static String flat(String help) {
        return help.replaceAll("\\s+", " ");
    }

    @Test
    void descriptionsAreParagraphsThatPicocliWraps() {
        List<Class<?>> all = new ArrayList<>(Root.COMMANDS);
        all.add(Root.class);
        all.remove(CommandLine.HelpCommand.class); // picocli's own
        for (Class<?> c : all) {
            for (String paragraph : c.getAnnotation(Command.class).description()) {
                // an element is printed on lines of its own: it must end a sentence (or introduce the examples after
                // it)
                boolean example = paragraph.startsWith("  ");
                assertThat(example || paragraph.endsWith(".") || paragraph.endsWith(":"))
                        .as(c.getSimpleName() + ": " + paragraph)
                        .isTrue();
                assertThat(paragraph).as(c.getSimpleName()).doesNotContain("%n", "\n");
            }
        }
    }

    @Test
    void theCommandListGivesOneCompleteSentencePerCommand() {
        String help = cli().run("--help").out();
        String list =
                help.substring(help.indexOf("Commands:\n") + "Commands:\n".length(), help.indexOf("\n\nExit codes:"));
        Map<String, String> entries = new LinkedHashMap<>();
        String current = null;
        for (String line : list.lines().toList()) {
            Matcher m = Pattern.compile("^  (\\S+) +(.*)$").matcher(line);
            if (m.matches()) {
                current = m.group(1);
                entries.put(current, m.group(2));
            } else {
                entries.merge(current, " " + line.strip(), String::concat);
            }
        }
        assertThat(entries.keySet()).containsExactlyElementsOf(commands());
        entries.forEach((name, text) -> {
            assertThat(text).as(name).matches("[A-Z].*\\.");
            // one sentence: no full stop before the last one
            assertThat(text.substring(0, text.length() - 1)).as(name).doesNotContain(". ");
        });
    }

    @Test
    void usageLinesNameEachOptionOnce() {
        for (String name : commands()) {
            String help = cli().run(name, "--help").out();
            String usage = help.substring(0, help.indexOf('\n'));
            Matcher m = Pattern.compile("--[a-z-]+").matcher(usage);
            List<String> options = new ArrayList<>();
            while (m.find()) {
                options.add(m.group());
            }
            assertThat(options).as(usage).doesNotHaveDuplicates();
        }
        assertThat(cli().run("verify", "--help").out())
                .startsWith("Usage: o365watch verify [OPTIONS]\n"); // --against, --deny or both
        assertThat(cli().run("audit", "--help").out()).startsWith("Usage: o365watch audit [OPTIONS] --log=FILE...\n");
        assertThat(cli().run("lookup", "--help").out())
                .startsWith("Usage: o365watch lookup [OPTIONS] IP|PREFIX|HOST...\n");
        assertThat(cli().run("--help").out()).startsWith("Usage: o365watch [OPTIONS] [COMMAND]\n");
    }

    /** What each command can return, as its --help lists it; ExitCodesTest reaches each of them. */
    static final Map<String, Set<Integer>> EXIT_CODES = Map.ofEntries(
            Map.entry("init", Set.of(0, 2, 5, 70)),
            Map.entry("sync", Set.of(0, 2, 3, 4, 5, 6, 7, 70)),
            Map.entry("check", Set.of(0, 1, 2, 3, 4, 5, 6, 70)),
            Map.entry("fetch", Set.of(0, 2, 3, 4, 5, 6, 7, 70)),
            Map.entry("status", Set.of(0, 2, 3, 4, 5, 6, 70)),
            Map.entry("versions", Set.of(0, 2, 3, 4, 5, 6, 70)),
            Map.entry("show", Set.of(0, 2, 5, 6, 70)),
            Map.entry("lookup", Set.of(0, 1, 2, 5, 6, 70)),
            Map.entry("diff", Set.of(0, 1, 2, 5, 6, 70)),
            Map.entry("report", Set.of(0, 2, 5, 6, 70)),
            Map.entry("generate", Set.of(0, 2, 5, 6, 7, 70)),
            Map.entry("targets", Set.of(0, 2, 6, 70)),
            Map.entry("mirror", Set.of(0, 2, 3, 4, 5, 6, 70)),
            Map.entry("verify", Set.of(0, 1, 2, 5, 6, 70)),
            Map.entry("audit", Set.of(0, 1, 2, 5, 6, 70)),
            Map.entry("serve", Set.of(0, 2, 6, 70)),
            Map.entry("completion", Set.of(0, 2, 70)),
            Map.entry("help", Set.of(0, 2)));

    /** A lone '%' in a description is a format specifier to picocli: it warns on stderr and prints the text unformatted. */
    @Test
    void everyDescriptionFormatsWithoutPicocliWarnings() {
        java.io.PrintStream was = System.err;
        java.io.ByteArrayOutputStream caught = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(caught, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String name : commands()) {
                assertThat(cli().run(name, "--help").code()).as(name).isZero();
            }
        } finally {
            System.setErr(was);
        }
        assertThat(caught.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
        assertThat(flat(cli().run("generate", "--help").out()))
                .contains("at most P% more addresses", "more than 10% of the selected");
    }

    @Test
    void eachCommandListsTheExitCodesItCanReturn() {
        for (String name : commands()) {
            Result r = cli().run(name, "--help");
            assertThat(r.code()).as(name).isZero();
            assertThat(TestCli.listed(name)).as(name).containsExactlyInAnyOrderElementsOf(EXIT_CODES.get(name));
        }
        // each code with what it means for that command
        assertThat(flat(cli().run("lookup", "--help").out()))
                .contains("Exit codes: 0 success 1 a query matched nothing 2 usage error:");
        assertThat(flat(cli().run("check", "--help").out()))
                .contains(" 0 the outputs are current 1 the outputs are not current: run sync ");
        // the root's lists every code, with what it means for each command
        assertThat(flat(cli().run("--help").out())).contains(" 7 refused by the safety guard", " 70 internal error");
    }

    @Test
    void optionsThatDoNothingAreNotOffered() {
        for (String name : List.of("init", "targets", "completion", "mirror")) {
            assertThat(cli().run(name, "--help").out()).as(name).doesNotContain("--store");
        }
        Result r = cli().run(
                        "init",
                        "--store",
                        tmp.toString(),
                        "--config",
                        tmp.resolve("o365watch.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        // and no "did you mean --stacktrace?", which only looks alike
        assertThat(r.err()).startsWith("o365watch: Unknown options: '--store', '" + tmp + "'\n");
        assertThat(tmp.resolve("o365watch.yaml")).doesNotExist();
        assertThat(cli().run("completion", "--help").out()).doesNotContain("--config");
        for (String name : List.of(
                "status", "show", "lookup", "report", "audit", "generate", "verify", "fetch", "versions", "diff")) {
            assertThat(cli().run(name, "--help").out()).as(name).contains("--store=DIR", "--config=FILE");
        }
    }

    @Test
    void everyCommandThatReadsTheConfigFileStatesThePrecedenceRule() {
        String rule =
                "Each setting comes from its option, else from an environment variable, else from the config file (--config,"
                        + " else $O365WATCH_CONFIG, else ./o365watch.yaml when present), else from the built-in default.";
        for (String name : commands()) {
            String help = cli().run(name, "--help").out();
            if (help.contains("--config=FILE")) {
                assertThat(flat(help)).as(name).endsWith(rule + " ");
            }
        }
        assertThat(flat(cli().run("--help").out())).endsWith(rule + " ");
    }

    @Test
    void aMistypedCommandOrOptionGetsTheClosestName() {
        Result command = cli().run("sycn");
        assertThat(command.code()).isEqualTo(2);
        assertThat(command.err())
                .isEqualTo("o365watch: unknown command 'sycn'; did you mean sync?\n"
                        + "Try 'o365watch --help' for more information.\n");
        Result option = cli().run("status", "--ofline");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err())
                .isEqualTo("o365watch: Unknown option: '--ofline'; did you mean --offline?\n"
                        + "Try 'o365watch status --help' for more information.\n");
        Result after = cli().run("--stacktrace", "verfy", "--against", "x");
        assertThat(after.err()).startsWith("o365watch: unknown command 'verfy'; did you mean verify?\n");
    }

    @Test
    void aRunThatNamesOneCommandBuildsOnlyThatOne() {
        Root root = new Root(Environment.system());
        assertThat(Main.commandLine(root, new String[] {"--stacktrace", "show", "--store", "x"})
                        .getSubcommands())
                .containsOnlyKeys("show");
        assertThat(Main.commandLine(new Root(Environment.system()), new String[] {"lookup", "sync"})
                        .getSubcommands())
                .containsOnlyKeys("lookup");
        // what picocli must explain or list gets every command
        for (String[] args : List.of(
                new String[0],
                new String[] {"help", "show"},
                new String[] {"sycn"},
                new String[] {"completion", "bash"},
                new String[] {"--help"},
                new String[] {"--frobnicate", "show"})) {
            CommandLine cl = Main.commandLine(new Root(Environment.system()), args);
            assertThat(cl.getSubcommands().keySet()).as(String.join(" ", args)).containsExactlyElementsOf(commands());
        }
    }
}
