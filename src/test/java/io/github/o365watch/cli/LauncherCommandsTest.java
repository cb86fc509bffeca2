package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * The launcher ({@code bin/o365watch}) names commands in shell patterns: those worth recording
 * the start-up archive for, those that are not, and those that get C2. Its lists must follow the
 * command table ({@link Root#COMMANDS}): a command added there and forgotten here would start
 * without the archive or with the wrong compiler, and nothing else would notice.
 */
class LauncherCommandsTest {
    /** Commands that run for days: neither recorded nor worth recording (see the launcher). */
    private static final Set<String> LONG_RUNNING = Set.of("serve");

    private static Set<String> pattern(String script, String regex) {
        Matcher m = Pattern.compile(regex).matcher(script);
        assertThat(m.find()).as("bin/o365watch has the pattern %s", regex).isTrue();
        return new TreeSet<>(Arrays.asList(m.group(1).split("\\|")));
    }

    @Test
    void everyCommandIsInExactlyOneOfTheLaunchersLists() throws IOException {
        String script = Files.readString(Path.of("bin/o365watch"));
        Set<String> work = pattern(script, "\\n\\s*((?:[a-z]+\\|)+[a-z]+)\\) work=0 ;;");
        Set<String> notWork =
                new TreeSet<>(pattern(script, "\\n\\s*((?:-[-a-zA-Z]+\\||[a-z]+\\|)+[a-z]+)\\) return 1 ;;"));
        notWork.removeIf(a -> a.startsWith("-"));
        Set<String> c2 = new TreeSet<>();
        Matcher m =
                Pattern.compile("\\*\" ([a-z]+) \"\\*").matcher(script.substring(script.indexOf("case \" $* \" in")));
        for (int i = 0; i < 2 && m.find(); i++) {
            c2.add(m.group(1));
        }

        List<String> commands = Root.COMMANDS.stream()
                .map(c -> c.getAnnotation(Command.class).name())
                .toList();
        Set<String> both = new HashSet<>(work);
        both.retainAll(notWork);
        assertThat(both).as("in both lists").isEmpty();
        Set<String> listed = new TreeSet<>(work);
        listed.addAll(notWork);
        listed.addAll(LONG_RUNNING);
        assertThat(listed)
                .as("the launcher's lists against Root.COMMANDS")
                .containsExactlyInAnyOrderElementsOf(commands);
        assertThat(commands).as("the commands that get C2").containsAll(c2);
        assertThat(c2).containsExactlyInAnyOrder("audit", "serve");
    }
}
