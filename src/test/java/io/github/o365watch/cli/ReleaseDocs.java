package io.github.o365watch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * A build step of the release (the pom's release profile runs it before packaging, from the test
 * class path, where picocli-codegen is): one AsciiDoc man page per command from the picocli model
 * that the program itself runs with (the build turns them into roff), and the completion scripts.
 * Not shipped in the jar. A fixed environment: nothing of the build machine ends up in a page.
 */
public final class ReleaseDocs {
    private ReleaseDocs() {}

    /** {@code ReleaseDocs ADOC_DIR COMPLETION_DIR} */
    public static void main(String[] args) throws IOException {
        Path adoc = Path.of(args[0]);
        Path completion = Path.of(args[1]);
        Files.createDirectories(adoc);
        Files.createDirectories(completion);
        Environment fixed =
                new Environment(Map.of(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), d -> {}, Path.of("/nonexistent"));
        CommandLine cl = Main.commandLine(new Root(fixed), new String[0]);
        int code = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, cl.getCommandSpec());
        if (code != 0) {
            throw new IllegalStateException("picocli's man page generator failed (" + code + ")");
        }
        // man's own section names: the help's "Exit codes:" heading is EXIT STATUS, the footer (the precedence rule)
        // NOTES
        try (var pages = Files.list(adoc)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                String text = Files.readString(page, StandardCharsets.UTF_8);
                Files.writeString(
                        page,
                        text.replaceAll("(?m)^==\\s+Exit codes:\\s*$", "== Exit status")
                                .replaceAll("(?m)^== Footer$", "== Notes"),
                        StandardCharsets.UTF_8);
            }
        }
        for (String shell : new String[] {"bash", "zsh"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int c = Main.run(new String[] {"completion", shell}, new PrintWriter(out), new PrintWriter(err), fixed);
            if (c != 0) {
                throw new IllegalStateException("o365watch completion " + shell + ": " + err);
            }
            Files.writeString(completion.resolve("o365watch." + shell), out.toString(), StandardCharsets.UTF_8);
        }
    }
}
