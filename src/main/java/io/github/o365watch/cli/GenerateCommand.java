package io.github.o365watch.cli;

import io.github.o365watch.app.Generate;
import io.github.o365watch.app.Selections;
import io.github.o365watch.app.UsageException;
import io.github.o365watch.app.Workspace;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.render.Generated;
import io.github.o365watch.render.GeneratedFile;
import io.github.o365watch.render.LimitException;
import io.github.o365watch.render.Limits;
import io.github.o365watch.render.NotExpressed;
import io.github.o365watch.text.Printable;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "generate",
        description = {
            "Writes firewall, proxy and PAC configurations for a stored version (default: the newest).",
            "One directory per target under --out. Entries a target cannot express are listed (and fail the run with --strict)."
                    + " In a site, the selection and the templates come from the config file unless an option says otherwise;"
                    + " the targets and their options come from the command line. Run 'o365watch targets' for the targets and"
                    + " their options."
        })
@Exits({
    "6:template problem (a broken template), or an output beyond its limits; nothing written",
    "7:refused by the safety guard: the newest version shrinks past the threshold against the one stored before it"
            + " (--accept-shrink or --version writes it), or it lists what no Microsoft 365 endpoint has; nothing written"
})
final class GenerateCommand extends StoreCommand {
    @Mixin
    SelectionOptions selection;

    @Option(
            names = "--target",
            paramLabel = "T",
            completionCandidates = Vocabulary.Targets.class,
            description = "Target to write (repeatable; default: every target).")
    List<String> targets = new ArrayList<>();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "generated",
            description =
                    "Output directory (default: ${DEFAULT-VALUE}); never the output link of a site sync manages, nor under it.")
    Path out;

    @Mixin
    StoredVersionOptions stored;

    @Option(
            names = "--max-entries",
            paramLabel = "N",
            defaultValue = "0",
            description = "Summarise to at most N prefixes per object and family, admitting the fewest extra addresses"
                    + " (reported), none broader than /8 (IPv4) or /16 (IPv6). Default: exact.")
    int maxEntries;

    @Option(
            names = "--max-extra-percent",
            paramLabel = "P",
            defaultValue = "1",
            description =
                    "With --max-entries: a summary may admit at most P%% more addresses than an object lists, per family;"
                            + " a list that does not fit fails the target (exit 6) and says the smallest budgets that would work."
                            + " Default: ${DEFAULT-VALUE}.")
    BigDecimal maxExtraPercent;

    @Option(
            names = "--option",
            paramLabel = "TARGET.NAME=VALUE",
            description = "A target option, e.g. pac.proxy='PROXY proxy:8080'. Repeatable.")
    List<String> options = new ArrayList<>();

    @Option(
            names = "--templates",
            paramLabel = "DIR",
            description =
                    "Templates that override the bundled ones by relative path, or add targets (default: the config file's"
                            + " templates).")
    Path templates;

    @Option(names = "--strict", description = "Fail (exit 6) when a target cannot express an entry.")
    boolean strict;

    @Option(
            names = "--accept-shrink",
            description =
                    "Write the newest version though the safety guard refuses it (exit 7: it removes more than 10%% of the"
                            + " selected addresses or hostnames of the version stored before it, or selects nothing), after you reviewed"
                            + " it. An explicit --version is not judged for shrinking.")
    boolean acceptShrink;

    @Override
    public Integer call() {
        if (maxEntries < 0) {
            throw UsageException.commandLine("--max-entries must be 0 (exact) or more");
        }
        if (maxExtraPercent.signum() < 0) {
            throw UsageException.commandLine("--max-extra-percent must be 0 or more");
        }
        Instance i = instance(stored.instance.name);
        Workspace ws = offlineWorkspace();
        var version = Selections.version(ws, i, stored.version);
        Optional<Path> dir = templates != null
                ? Optional.of(templates)
                : config().flatMap(io.github.o365watch.app.Config::templates);
        Generate.Request r = new Generate.Request(
                i,
                stored.version,
                selection.selection(ws.store().load(version), config()),
                targets,
                options(options),
                Limits.EXACT.withBudget(maxEntries, maxExtraPercent),
                dir,
                strict,
                acceptShrink);
        Generate.Result result;
        try {
            result = new Generate(ws).run(r, out);
        } catch (LimitException e) {
            throw e.advising("nothing written; raise --max-entries or --max-extra-percent, or fix the overrides file");
        }
        print(out(), result, out, r.selection());
        return ExitCodes.OK;
    }

    static Map<String, Map<String, String>> options(List<String> raw) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String o : raw) {
            int dot = o.indexOf('.');
            int eq = o.indexOf('=');
            if (dot < 1 || eq < dot + 2) {
                throw UsageException.commandLine("--option " + Printable.of(o) + ": write TARGET.NAME=VALUE");
            }
            out.computeIfAbsent(o.substring(0, dot), k -> new LinkedHashMap<>())
                    .put(o.substring(dot + 1, eq), o.substring(eq + 1));
        }
        return out;
    }

    static void print(PrintWriter w, Generate.Result result, Path out, io.github.o365watch.render.Selection selection) {
        w.println("Generated from " + result.version().instance() + " "
                + result.version().version() + ":");
        Table t = new Table("TARGET", "FILES", "NOT EXPRESSED", "DIRECTORY");
        for (Generated g : result.generated()) {
            t.row(
                    g.spec().id(),
                    g.files().size(),
                    g.notExpressed().size(),
                    out.resolve(g.spec().id()));
        }
        t.print(w, "  ");
        List<String> notes = result.generated().isEmpty()
                ? List.of()
                : result.generated().get(0).notes();
        notes.forEach(n -> w.println("Note: " + n));
        List<Generated> summarised =
                result.generated().stream().filter(Generated::summarised).toList();
        if (!summarised.isEmpty()) {
            w.println("Summarised (" + summarised.get(0).limits().describe() + "), as each file's header says:");
            Table s = new Table("TARGET", "FILE", "SUMMARY");
            for (Generated g : summarised) {
                for (GeneratedFile f : g.files()) {
                    f.widenings().forEach(x -> s.row(g.spec().id(), f.name(), x.describe()));
                }
            }
            s.print(w, "  ");
        }
        io.github.o365watch.app.Wildcards.describe(
                        io.github.o365watch.app.Wildcards.of(
                                result.generated(), selection.filter().categories()),
                        selection.tenant(),
                        Text::wildcardCounts)
                .forEach(w::println);
        boolean any =
                result.generated().stream().anyMatch(g -> !g.notExpressed().isEmpty());
        if (any) {
            w.println("Not expressed (left out of the files, listed in their comments where the format has them):");
            for (Generated g : result.generated()) {
                for (NotExpressed n : g.notExpressed()) {
                    w.println("  " + g.spec().id() + "  " + n.group() + "  " + n.entry() + "  " + n.reason());
                }
            }
        }
    }
}
