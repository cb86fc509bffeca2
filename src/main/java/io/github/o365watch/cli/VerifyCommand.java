package io.github.o365watch.cli;

import io.github.o365watch.app.Config;
import io.github.o365watch.app.DenyCheck;
import io.github.o365watch.app.OutputFormat;
import io.github.o365watch.app.Selections;
import io.github.o365watch.app.UsageException;
import io.github.o365watch.app.Verify;
import io.github.o365watch.app.Workspace;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.render.Selection;
import io.github.o365watch.store.StoredVersion;
import io.github.o365watch.text.Alternatives;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "verify",
        description = {
            "Compares deployed configurations (exported running configs, rule dumps, address lists) with the selection.",
            "Says what is missing, what the files' formats cannot hold (hostnames in an nftables file: listed apart as not"
                    + " expressible, never missing), what is extra (no endpoint set holds it), and the coverage per category.",
            "With --deny, also which selected hostnames DNS block lists and proxy deny lists block.",
            "Exit 0 when nothing selected is missing, 1 otherwise; 2 when a file yields no entry (another format, empty), or"
                    + " nothing selected can be held by the files, which would otherwise say nothing about the device. Reads"
                    + " entries, not rule semantics (order, deny rules)."
        })
@Exits({
    "1:something selected is missing, or a deny list blocks a hostname of a required set",
    "2:usage error: a bad option or value, a mistake in the config file, a deployed file from which no entry was read, or"
            + " files that can hold nothing selected"
})
final class VerifyCommand extends StoreCommand {
    /** The formats verify offers (Markdown and CSV for deny lists alone). */
    static final class Formats extends Vocabulary.Formats {
        Formats() {
            super(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.JUNIT, OutputFormat.MARKDOWN, OutputFormat.CSV);
        }
    }

    /** What --against's report can be written in. */
    private static final List<OutputFormat> AGAINST = List.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.JUNIT);

    @Option(
            names = "--against",
            paramLabel = "FILE",
            arity = "1..*",
            description = "Deployed configuration files (one device's set; several files are read as one).")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--deny",
            paramLabel = "FILE",
            arity = "1..*",
            description =
                    "DNS block lists and proxy deny lists (hosts files, Pi-hole domain lists, AdGuard ||name^ rules, dnsmasq"
                            + " address=/name/, RPZ zone files, Squid dstdomain ACLs in http_access deny): says which selected hostnames they"
                            + " block, through a parent domain or a wildcard too. Exit 1 when one of a required set is blocked.")
    List<Path> deny = new ArrayList<>();

    @Option(
            names = "--input-format",
            paramLabel = "F",
            defaultValue = "auto",
            completionCandidates = Vocabulary.InputFormats.class,
            description = "${COMPLETION-CANDIDATES}: auto recognises each file, text reads every prefix, range and"
                    + " hostname in it, the others are the targets' formats; or a target of the templates directory"
                    + " (--templates). Default: ${DEFAULT-VALUE}.")
    String inputFormat;

    @Option(
            names = "--templates",
            paramLabel = "DIR",
            description = "Also read the files of the targets in this template directory, by the format each names with"
                    + " verify= in its target.properties (default: the config file's templates).")
    Path templates;

    @Option(
            names = "--addresses-only",
            description =
                    "The files hold addresses only (a plain-text dump of an address-only device, an ACL without FQDN objects):"
                            + " hostnames in them are not read, and the selected hostnames are not expressible, not missing.")
    boolean addressesOnly;

    @Option(
            names = "--hostnames-only",
            description =
                    "The files hold hostnames only: addresses in them are not read, and the selected addresses are not"
                            + " expressible, not missing.")
    boolean hostnamesOnly;

    @Mixin
    SelectionOptions selection;

    @Mixin
    StoredVersionOptions stored;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = Formats.class,
            completionCandidates = Formats.class,
            description =
                    "${COMPLETION-CANDIDATES} (junit: one test case per category); markdown and csv for deny lists alone"
                            + " (--deny without --against). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Override
    public Integer call() {
        Optional<Path> dir = templates != null ? Optional.of(templates) : config().flatMap(Config::templates);
        Optional<String> input = Vocabulary.InputFormats.named(inputFormat);
        input.ifPresent(id -> Verify.checkFormat(id, dir));
        if (addressesOnly && hostnamesOnly) {
            throw UsageException.commandLine(
                    "--addresses-only and --hostnames-only exclude each other; give one, or neither to compare both");
        }
        Optional<Verify.Only> only = addressesOnly
                ? Optional.of(Verify.Only.ADDRESSES)
                : hostnamesOnly ? Optional.of(Verify.Only.HOSTNAMES) : Optional.empty();
        Workspace ws = offlineWorkspace();
        Instance i = instance(stored.instance.name);
        StoredVersion v = Selections.version(ws, i, stored.version);
        var snapshot = ws.store().load(v);
        Selection sel = selection.selection(snapshot, config());
        if (files.isEmpty() && deny.isEmpty()) {
            throw UsageException.commandLine(
                    "verify needs --against FILE (deployed configurations)," + " --deny FILE (deny lists), or both");
        }
        OutputFormat f = json ? OutputFormat.JSON : format;
        if (!AGAINST.contains(f) && !files.isEmpty()) {
            throw UsageException.commandLine("--format " + f.id() + " is for deny lists alone (--deny);"
                    + " verify --against writes " + Alternatives.of(OutputFormat.ids(AGAINST)));
        }
        if (f == OutputFormat.JUNIT && !files.isEmpty() && !deny.isEmpty()) {
            throw UsageException.commandLine("--format junit writes one test suite: give --against"
                    + " or --deny, and run verify once for each");
        }
        Verify.Result r = files.isEmpty()
                ? null
                : new Verify(ws)
                        .run(new Verify.Request(
                                v,
                                snapshot,
                                sel,
                                files,
                                input,
                                config().map(Config::guard).orElse(Config.GuardConfig.DEFAULTS),
                                only,
                                dir));
        DenyCheck.Result d = deny.isEmpty() ? null : DenyCheck.run(snapshot, sel, deny);
        var out = out();
        switch (f) {
            case TEXT -> {
                if (r != null) {
                    out.print(VerifyOutput.text(r, selection.origin(config())));
                }
                if (d != null) {
                    out.print(VerifyOutput.denyText(d));
                }
            }
            case JSON ->
                Json.print(
                        out,
                        r != null && d != null
                                ? new java.util.TreeMap<>(java.util.Map.of(
                                        "configurations", VerifyOutput.json(r), "denyLists", VerifyOutput.denyJson(d)))
                                : r != null ? VerifyOutput.json(r) : VerifyOutput.denyJson(d));
            case JUNIT -> out.print(r != null ? VerifyOutput.junit(r) : VerifyOutput.denyJunit(d));
            case MARKDOWN -> out.print(VerifyOutput.denyMarkdown(d));
            case CSV -> out.print(VerifyOutput.denyCsv(d));
            default -> throw new IllegalStateException("verify offers no " + f.id());
        }
        boolean ok = (r == null || r.complete()) && (d == null || d.requiredClear());
        return ok ? ExitCodes.OK : ExitCodes.FOUND;
    }
}
