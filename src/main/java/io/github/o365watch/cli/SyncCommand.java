package io.github.o365watch.cli;

import io.github.o365watch.app.Config;
import io.github.o365watch.app.GuardException;
import io.github.o365watch.app.Sync;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "sync",
        description = {
            "The nightly job: brings the site's outputs, reports and lock file up to date with the newest version.",
            "It fetches, runs the safety guard, generates every configured target, publishes the outputs all at once,"
                    + " writes the reports and the feed item, updates the lock file and notifies. Quiet (one line, nothing touched)"
                    + " when nothing changed.",
            "Refused with exit 7 when a new version shrinks past the guard's limits. The refused lists stay in the store, and the next"
                    + " sync downloads that version again: lists the service has corrected since are applied without a flag."
                    + " --accept-shrink applies a real shrink after a review."
        })
@Exits({
    "6:template problem: a broken template in the config's templates directory",
    "7:refused by the safety guard: a new version shrinks past the limits, an output would break them, or the lists hold what"
            + " no Microsoft 365 endpoint has; or the store holds a newer version than the service publishes (--accept-older);"
            + " nothing applied"
})
final class SyncCommand extends StoreCommand {
    @Mixin
    SourceOptionsMixin source;

    @Option(names = "--dry-run", description = "Say what would change; write nothing.")
    boolean dryRun;

    @Option(names = "--accept-shrink", description = "Apply a version the safety guard refused, after you reviewed it.")
    boolean acceptShrink;

    @Option(
            names = "--accept-older",
            description =
                    "When the store holds a version newer than the service publishes (refused, exit 7), withdraw it (its"
                            + " files stay, marked withdrawn) and apply the service's version, after you reviewed it.")
    boolean acceptOlder;

    @Option(
            names = "--version",
            paramLabel = "V",
            description =
                    "Rebuild the outputs of this stored version (a rollback); no fetch. With several instances in the config,"
                            + " name one with --instance.")
    String version;

    @Option(
            names = "--instance",
            paramLabel = "NAME",
            completionCandidates = Vocabulary.Instances.class,
            description =
                    "Only this of the config's instances (repeatable); the others' outputs stay as they are. With --version,"
                            + " the instance whose version it is.")
    List<String> instances = new ArrayList<>();

    @Option(names = "--offline", description = "Do not ask the service; work from the store.")
    boolean offline;

    @Option(
            names = "--lock-timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "How long to wait for another o365watch writing the store (default: ${DEFAULT-VALUE}).")
    int lockTimeout;

    @SuppressWarnings("try") // the interruption notice is registered, not used: it stands while sync runs
    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        Config c = requiredConfig();
        Sync.Result r;
        Sync sync = new Sync(workspace(source, offline, lockTimeout));
        try (Interruption i = Interruption.announce(err, () -> sync.stage().interrupted())) {
            r = sync.run(
                    c, new Sync.Options(dryRun, acceptShrink, Optional.ofNullable(version), instances, acceptOlder));
        } catch (GuardException e) {
            e.notifyProblems().forEach(p -> err.println("o365watch: warning: notification failed: " + p));
            throw e;
        } catch (io.github.o365watch.source.UpstreamException e) {
            throw offline || !unreachable(e)
                    ? e
                    : new io.github.o365watch.source.UpstreamException(
                            e.getMessage()
                                    + "; without a network, sync --offline applies the newest version in the store",
                            e);
        }
        // what fetch warns about (a service reporting an older version, unknown values) matters to the nightly job too
        r.instances()
                .forEach(i -> i.fetched()
                        .ifPresent(f -> f.warnings()
                                .forEach(w -> err.println("o365watch: warning: "
                                        + io.github.o365watch.text.Printable.line(i.instance() + ": " + w, 2000)))));
        print(out, r, c.tenant());
        r.notifyProblems()
                .forEach(p -> err.println(
                        "o365watch: warning: " + (r.dryRun() ? "sync could not notify: " : "notification failed: ")
                                + io.github.o365watch.text.Printable.line(p, 500)));
        return ExitCodes.OK;
    }

    /** No network at all (no name resolution, no route, refused), as on a machine cut off, not a service that answered badly. */
    private static boolean unreachable(Throwable e) {
        return e.getCause() instanceof java.net.UnknownHostException
                || e.getCause() instanceof java.net.ConnectException
                || e.getCause() instanceof java.net.NoRouteToHostException;
    }

    static void print(PrintWriter out, Sync.Result r, Optional<String> tenant) {
        if (!r.changed() && !r.dryRun()) {
            List<String> parts = new ArrayList<>();
            r.instances().forEach(i -> parts.add(i.instance() + " " + i.version()));
            out.println("up to date: " + String.join(", ", parts) + "; outputs current ("
                    + io.github.o365watch.domain.Plural.of(r.unchanged().size(), "file", "files") + ")");
            return;
        }
        for (Sync.InstanceResult i : r.instances()) {
            String was = i.applied()
                    .map(v -> v.equals(i.version()) ? "" : " (was " + v + ")")
                    .orElse(" (first sync)");
            out.println(i.instance() + ": " + (r.dryRun() ? "would apply " : "applied ") + i.version() + was
                    + i.newerUpstream()
                            .map(n -> "; the service publishes " + n + ", which sync would fetch first")
                            .orElse(""));
            i.fetched()
                    .filter(f -> f.status() == io.github.o365watch.app.FetchOutcome.Status.REPUBLISHED)
                    .ifPresent(f -> out.println("  downloaded " + i.version()
                            + " again: the service now serves other lists (revision " + f.revision() + ", "
                            + io.github.o365watch.domain.Plural.of(
                                    f.differingSets().size(), "endpoint set differs", "endpoint sets differ")
                            + ")"));
            for (Path p : i.reports()) {
                out.println("  report: " + p);
            }
        }
        out.println((r.dryRun() ? "would write " : "wrote ")
                + io.github.o365watch.domain.Plural.of(r.written().size(), "file", "files") + ", "
                + r.removed().size() + " removed, " + r.unchanged().size() + " unchanged, in " + r.output());
        if (r.lockChanged() && r.written().isEmpty() && r.removed().isEmpty()) {
            out.println((r.dryRun() ? "would update " : "updated ")
                    + "o365watch.lock (the outputs were already as it should record)");
        }
        if (r.dryRun()) {
            r.written().forEach(p -> out.println("  write " + p));
            r.removed().forEach(p -> out.println("  remove " + p));
        }
        if (!r.summarised().isEmpty()) {
            out.println("summarised, as each file's header says:");
            r.summarised().forEach((p, ws) -> ws.forEach(w -> out.println("  " + p + ": " + w.describe())));
        }
        if (!r.held().isEmpty()) {
            out.println((r.dryRun() ? "would hold " : "holding ")
                    + io.github.o365watch.domain.Plural.of(r.held().size(), "entry", "entries")
                    + " Microsoft no longer lists (selection.holdRemovalsDays), marked in the files' comments; the last hold ends on "
                    + r.held().stream()
                            .map(io.github.o365watch.store.LockFile.Held::until)
                            .max(String::compareTo)
                            .orElseThrow());
        }
        r.wildcards()
                .forEach((instance, targets) -> io.github.o365watch.app.Wildcards.describe(
                                targets, tenant, Text::wildcardCounts)
                        .forEach(line -> out.println(
                                r.wildcards().size() > 1 && !line.startsWith(" ") ? instance + ": " + line : line)));
    }
}
