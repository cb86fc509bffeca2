package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.app.Generate;
import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash completion script, sourced in a real bash: it parses, and pressing TAB after an option
 * offers the names its one declaration holds (targets from the bundled templates; instances,
 * categories and service areas from the domain; input and log formats from inspect).
 */
class CompletionTest {
    @TempDir
    Path tmp;

    Path script;

    @BeforeEach
    void writeScript() throws IOException {
        TestCli.Result r = new TestCli(tmp.resolve("machine")).run("completion", "bash");
        assertThat(r.code()).isZero();
        script = Files.writeString(tmp.resolve("o365watch.bash"), r.out());
    }

    /** What bash offers for the words typed so far (the last one possibly empty), as a user pressing TAB gets it. */
    List<String> complete(String... words) {
        String array =
                String.join(" ", Arrays.stream(words).map(w -> "'" + w + "'").toList());
        // compopt only works while readline runs a completion; the rest is the script as a shell runs it
        String shell = "compopt() { :; }; source '" + script + "'; COMP_WORDS=(" + array + "); COMP_CWORD="
                + (words.length - 1)
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_o365watch o365watch \"${COMP_WORDS[COMP_CWORD]}\""
                + " \"${COMP_WORDS[COMP_CWORD-1]}\"; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Tools.Run r = Tools.run(List.of(Tools.require("bash").toString(), "--norc", "-c", shell), null);
        assertThat(r.code()).as(r.out()).isZero();
        return r.out().lines().filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void theScriptParses() {
        Tools.Run r = Tools.run(List.of(Tools.require("bash").toString(), "-n", script.toString()), null);
        assertThat(r.code()).as(r.out()).isZero();
    }

    @Test
    void namesAreCompletedFromTheirOneDeclaration() {
        assertThat(complete("o365watch", "generate", "--target", ""))
                .containsExactlyInAnyOrderElementsOf(
                        Generate.engine(Optional.empty()).targets())
                .contains("edl", "nftables", "pac");
        assertThat(complete("o365watch", "generate", "--target", "n")).containsExactly("nftables");
        assertThat(complete("o365watch", "show", "--instance", ""))
                .containsExactlyElementsOf(Instance.current())
                .contains("USGovDoD")
                .doesNotContain("Germany");
        assertThat(complete("o365watch", "status", "--instance", "USG")).containsExactly("USGovDoD", "USGovGCCHigh");
        List<String> categories = new ArrayList<>(Category.knownNames());
        categories.add("all");
        assertThat(complete("o365watch", "generate", "--category", "")).containsExactlyElementsOf(categories);
        assertThat(complete("o365watch", "verify", "--service", "Sh")).containsExactly("SharePoint");
        assertThat(complete("o365watch", "show", "--service", "")).containsExactlyElementsOf(ServiceArea.knownNames());
        assertThat(complete("o365watch", "verify", "--input-format", "c")).contains("cisco-asa", "checkpoint", "csv");
        assertThat(complete("o365watch", "audit", "--log-format", ""))
                .containsExactly(
                        "auto",
                        "csv",
                        "syslog",
                        "squid",
                        "ips",
                        "cisco-asa",
                        "paloalto",
                        "fortigate",
                        "windows-firewall",
                        "zeek",
                        "checkpoint",
                        "cqd");
        // commands and options as before
        assertThat(complete("o365watch", "sy")).containsExactly("sync");
        assertThat(complete("o365watch", "status", "--of")).containsExactly("--offline");
        assertThat(complete("o365watch", "init", "--")).doesNotContain("--store");
    }
}
