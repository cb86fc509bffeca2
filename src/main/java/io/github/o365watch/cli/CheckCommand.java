package io.github.o365watch.cli;

import io.github.o365watch.app.Check;
import io.github.o365watch.app.Config;
import io.github.o365watch.app.OutputFormat;
import io.github.o365watch.app.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "check",
        description = {
            "The CI gate: exits 0 when the committed outputs are current, 1 when they are not, 2 or more on an error.",
            "Not current: an output differs from the lock file, the configuration changed, or a newer version"
                    + " changes what a target writes with a removal or an addition due within the grace period."
                    + " Writes nothing but its report."
        })
@Exits({
    "0:the outputs are current",
    "1:the outputs are not current: run sync",
    "6:template problem: a broken template in the config's templates directory"
})
final class CheckCommand extends StoreCommand {
    @Mixin
    SourceOptionsMixin source;

    @Option(names = "--offline", description = "Compare with the newest stored version instead of asking the service.")
    boolean offline;

    @Option(
            names = "--grace-days",
            paramLabel = "N",
            description =
                    "An announced addition fails the check from N days before it takes effect (default: the config's"
                            + " check.graceDays, else 7).")
    Integer graceDays;

    /** The formats check offers. */
    static final class Formats extends Vocabulary.Formats {
        Formats() {
            super(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.JUNIT, OutputFormat.GITHUB);
        }
    }

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = Formats.class,
            completionCandidates = Formats.class,
            description =
                    "${COMPLETION-CANDIDATES}: junit is JUnit XML, one test case per output; github annotations, and a"
                            + " Markdown summary appended to $GITHUB_STEP_SUMMARY when set. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Override
    public Integer call() {
        OutputFormat f = format;
        if (graceDays != null && (graceDays < 0 || graceDays > 365)) {
            throw UsageException.commandLine("--grace-days must be between 0 and 365");
        }
        Config c = requiredConfig();
        int grace = graceDays != null ? graceDays : c.graceDays();
        Check.Result r = new Check(workspace(source, offline, 0)).run(c, grace);
        PrintWriter out = out();
        // not the gate's verdict (that is the outputs'), but found here rather than on the night sync notifies
        r.notifyProblems()
                .forEach(p -> err().println("o365watch: warning: sync could not notify: "
                        + io.github.o365watch.text.Printable.line(p, 500)));
        switch (f) {
            case TEXT -> out.print(CheckOutput.text(r));
            case JSON -> Json.print(out, CheckOutput.json(r));
            case JUNIT -> out.print(CheckOutput.junit(r));
            case GITHUB -> {
                out.print(CheckOutput.githubAnnotations(r, c.output()));
                String summary = environment().env().get("GITHUB_STEP_SUMMARY");
                if (summary != null && !summary.isBlank()) {
                    appendSummary(Path.of(summary), CheckOutput.markdown(r), err());
                }
            }
            default -> throw new IllegalStateException("check offers no " + f.id());
        }
        return r.current() ? ExitCodes.OK : ExitCodes.FOUND;
    }

    /** The verdict stands without the summary: a summary that cannot be written is a warning, not a different exit code. */
    private static void appendSummary(Path file, String markdown, PrintWriter err) {
        try {
            Files.writeString(
                    file, markdown, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("o365watch: warning: cannot append to $GITHUB_STEP_SUMMARY (" + file + "): "
                    + io.github.o365watch.text.Printable.reason(e));
        }
    }
}
