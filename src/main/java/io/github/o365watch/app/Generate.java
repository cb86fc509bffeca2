package io.github.o365watch.app;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.SetFilter;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.render.Generated;
import io.github.o365watch.render.GeneratedFile;
import io.github.o365watch.render.Generator;
import io.github.o365watch.render.LimitException;
import io.github.o365watch.render.Limits;
import io.github.o365watch.render.Plan;
import io.github.o365watch.render.Planner;
import io.github.o365watch.render.Relabel;
import io.github.o365watch.render.Selected;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.Selector;
import io.github.o365watch.render.TargetSpec;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.render.TemplateException;
import io.github.o365watch.render.mustache.MustacheTemplates;
import io.github.o365watch.store.AtomicFiles;
import io.github.o365watch.store.OutputTree;
import io.github.o365watch.store.StoredVersion;
import io.github.o365watch.text.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders targets for a stored version: select, plan, render every target in memory, and only
 * then write the files (one directory per target), so a broken template leaves nothing half done.
 */
public final class Generate {
    private final Workspace ws;

    public Generate(Workspace ws) {
        this.ws = ws;
    }

    /**
     * @param targets    target ids (all when empty)
     * @param options    per target: option name to value
     * @param limits     at most this many prefixes per object and family (0: exact), how many more addresses a summary
     *                   may admit, and the broadest prefix an output may hold
     * @param strict     fail (exit 6) when a target cannot express an entry
     * @param acceptShrink render the newest version though the safety guard refuses it (after a review); an explicit
     *                   {@code version} is a choice of its own and is not judged for shrinking
     */
    public record Request(
            Instance instance,
            String version,
            Selection selection,
            List<String> targets,
            Map<String, Map<String, String>> options,
            Limits limits,
            Optional<Path> templates,
            boolean strict,
            boolean acceptShrink) {
        public Request(
                Instance instance,
                String version,
                Selection selection,
                List<String> targets,
                Map<String, Map<String, String>> options,
                Limits limits,
                Optional<Path> templates,
                boolean strict) {
            this(instance, version, selection, targets, options, limits, templates, strict, false);
        }
    }

    /** What was rendered, by target, and the version it was rendered from. */
    public record Result(StoredVersion version, List<Generated> generated) {}

    public static TemplateEngine engine(Optional<Path> templates) {
        return new MustacheTemplates(templates);
    }

    /** One target to render: its id, options and limits. */
    public record Job(String target, Map<String, String> options, Limits limits) {}

    /** Renders without writing. */
    public Result render(Request r) {
        TemplateEngine engine = engine(r.templates());
        List<String> known = engine.targets();
        List<String> ids = r.targets().isEmpty()
                ? known
                : r.targets().stream()
                        .map(t -> target(t, known, "--target "))
                        .distinct()
                        .toList();
        Map<String, Map<String, String>> options = new TreeMap<>();
        r.options().forEach((raw, values) -> {
            // options for other known targets are fine (one command line for several runs); a typo is not
            String t = target(raw, known, "--option " + Printable.of(raw) + ".*: ");
            // the same rule as the config file: a file sending browsers to proxy.example.com helps nobody
            values.forEach((k, value) -> ConfigFile.placeholder(value).ifPresent(domain -> {
                throw UsageException.commandLine("--option " + t + "." + k + "=" + Printable.of(value) + " names "
                        + domain + ConfigFile.PLACEHOLDER_ADVICE.replace("leave the key out", "leave the option out"));
            }));
            options.computeIfAbsent(t, x -> new java.util.LinkedHashMap<>()).putAll(values);
        });
        List<Job> jobs = ids.stream()
                .map(id -> new Job(id, options.getOrDefault(id, Map.of()), r.limits()))
                .toList();
        StoredVersion v = Selections.version(ws, r.instance(), r.version());
        Snapshot snapshot = ws.store().load(v);
        guard(r, v, snapshot);
        return new Result(v, render(v, snapshot, r.selection(), jobs, engine, r.strict()));
    }

    /**
     * The safety guard, as sync applies it: lists no Microsoft 365 endpoint has are refused whatever
     * the flags; the newest version (no {@code --version}) is compared with the one stored before it
     * (generate knows no lock file) and refused if it shrinks, unless {@code acceptShrink}.
     */
    private void guard(Request r, StoredVersion v, Snapshot snapshot) {
        Selected next = Selector.select(snapshot, r.selection(), false);
        List<String> unsafe = Guard.unsafe(next);
        List<String> shrinks = List.of();
        Optional<StoredVersion> before = ws.store().versions(r.instance()).stream()
                .filter(s -> v.version().isNewerThan(s.version()))
                .reduce((a, b) -> b);
        boolean explicit =
                r.version() != null && !r.version().isBlank() && !r.version().equalsIgnoreCase("latest");
        if (!explicit && !r.acceptShrink()) {
            Selected base = before.map(b -> Selector.select(ws.store().load(b), r.selection(), false))
                    .orElse(null);
            shrinks = Guard.check(base, next, Config.GuardConfig.DEFAULTS);
        }
        if (!unsafe.isEmpty() || !shrinks.isEmpty()) {
            throw new GuardException(
                    shrinks,
                    "compared with " + before.map(b -> b.version().value()).orElse("nothing")
                            + ", the version stored before it; nothing written: review it (o365watch diff), then generate --accept-shrink, or"
                            + " name the version with --version " + v.version(),
                    List.of(),
                    unsafe,
                    List.of());
        }
    }

    /**
     * A target by name, whatever its case (ids are lower case, like the folders of rules-templates);
     * a name no template directory has is the user's mistake (exit 2), not a template problem.
     */
    static String target(String asked, List<String> known, String where) {
        String id = asked.strip().toLowerCase(java.util.Locale.ROOT);
        if (!known.contains(id)) {
            throw new UsageException(where + "unknown target '" + Printable.of(asked) + "'; known targets: "
                    + String.join(", ", known) + " (o365watch targets lists them)");
        }
        return id;
    }

    /**
     * Renders jobs for one version (with the tenant's published lists when the store has them;
     * {@code v} is null for a version read from upstream and not stored).
     */
    public List<Generated> render(
            StoredVersion v,
            Snapshot snapshot,
            Selection selection,
            List<Job> jobs,
            TemplateEngine engine,
            boolean strict) {
        List<Generated> out = new ArrayList<>();
        render(v, snapshot, selection, jobs, engine, strict, Relabel.NONE, out::add);
        return out;
    }

    /**
     * As above, each target's result handed to {@code each} as soon as it is rendered: a caller
     * that keeps only some files holds one target's at a time, not every target's. The files
     * {@code relabel} asks for are also rendered under the older labels it names (see {@link Outputs}).
     */
    void render(
            StoredVersion v,
            Snapshot snapshot,
            Selection selection,
            List<Job> jobs,
            TemplateEngine engine,
            boolean strict,
            Relabel relabel,
            java.util.function.Consumer<Generated> each) {
        List<TargetSpec> specs = new ArrayList<>();
        for (Job j : jobs) {
            specs.add(TargetSpec.parse(j.target(), engine.properties(j.target())));
        }
        // with a tenant, the lists the service published for it (fetch --tenant) beat substituting here
        Optional<Snapshot> variant = v == null
                ? Optional.empty()
                : selection.tenant().flatMap(t -> ws.store().tenantVariant(v, t));
        Snapshot data = variant.orElse(snapshot);
        Map<String, Plan> plans = new HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            TargetSpec spec = specs.get(i);
            Job job = jobs.get(i);
            Generated g;
            try {
                Plan plan = plans.computeIfAbsent(spec.allCategories() + "/" + job.limits(), k -> {
                    Selection sel = forTarget(spec, selection);
                    Selected selected = Selector.select(data, sel, variant.isPresent());
                    return Planner.plan(selected, job.limits());
                });
                g = Generator.generate(spec, TargetRegistry.view(spec), plan, job.options(), engine, relabel);
            } catch (LimitException e) {
                throw e.in("target " + spec.id() + ": ");
            } catch (TemplateException e) {
                throw TargetRegistry.explain(spec, e);
            }
            if (strict && !g.notExpressed().isEmpty()) {
                throw new TemplateException("--strict: target " + spec.id() + " cannot express "
                        + io.github.o365watch.domain.Plural.of(g.notExpressed().size(), "entry", "entries")
                        + ", the first: " + g.notExpressed().get(0).entry() + " ("
                        + g.notExpressed().get(0).reason() + ")");
            }
            each.accept(g);
        }
    }

    /** Renders, then writes every file under {@code out/<target>/}. */
    public Result run(Request r, Path out) {
        // devices poll the release sync publishes, and the lock records its bytes: only sync writes there
        OutputTree.managing(out).ifPresent(link -> {
            throw new UsageException("--out " + out + ": " + link
                    + " is the output sync publishes (a link to the live release in "
                    + OutputTree.releasesOf(link).getFileName()
                    + "/), and generate would write into it; write elsewhere (e.g. --out "
                    + link.resolveSibling(link.getFileName() + "-by-hand") + "), or change the config and run sync");
        });
        Result result = render(r);
        Map<Path, byte[]> files = new TreeMap<>();
        for (Generated g : result.generated()) {
            for (GeneratedFile f : g.files()) {
                files.put(out.resolve(g.spec().id()).resolve(f.name()), f.content());
            }
        }
        ws.lockedAt(out, () -> {
            files.forEach(AtomicFiles::write);
            return null;
        });
        return result;
    }

    /** The selection a target renders: a PAC file decides per category, so it sees every category. */
    static Selection forTarget(TargetSpec spec, Selection s) {
        return spec.allCategories() ? withAllCategories(s) : s;
    }

    private static Selection withAllCategories(Selection s) {
        SetFilter f = s.filter();
        return new Selection(
                new SetFilter(f.serviceAreas(), Set.<Category>of(), f.requiredOnly()),
                s.families(),
                s.tenant(),
                s.overrides(),
                s.excludeTenantShared());
    }
}
