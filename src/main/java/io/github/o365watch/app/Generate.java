package io.github.o365watch.app;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.SetFilter;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.net.Printable;
import io.github.o365watch.render.Generated;
import io.github.o365watch.render.GeneratedFile;
import io.github.o365watch.render.LimitException;
import io.github.o365watch.render.Limits;
import io.github.o365watch.render.Generator;
import io.github.o365watch.render.Plan;
import io.github.o365watch.render.Planner;
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
     */
    public record Request(Instance instance, String version, Selection selection, List<String> targets,
            Map<String, Map<String, String>> options, Limits limits, Optional<Path> templates, boolean strict) {
    }

    /** What was rendered, by target, and the version it was rendered from. */
    public record Result(StoredVersion version, List<Generated> generated) {
    }

    public static TemplateEngine engine(Optional<Path> templates) {
        return new MustacheTemplates(templates);
    }

    /** One target to render: its id, options and limits. */
    public record Job(String target, Map<String, String> options, Limits limits) {
    }

    /** Renders without writing. */
    public Result render(Request r) {
        TemplateEngine engine = engine(r.templates());
        List<String> ids = r.targets().isEmpty() ? engine.targets() : r.targets();
        for (String t : r.options().keySet()) {
            // options for other known targets are fine (one command line for several runs); a typo is not
            if (!engine.targets().contains(t)) {
                throw new UsageException("--option " + t + ".*: there is no target " + t);
            }
            // the same rule as the config file: a file sending browsers to proxy.example.com helps nobody
            r.options().get(t).forEach((k, value) -> ConfigFile.placeholder(value).ifPresent(domain -> {
                throw new UsageException("--option " + t + "." + k + "=" + Printable.of(value) + " names " + domain
                        + ConfigFile.PLACEHOLDER_ADVICE.replace("leave the key out", "leave the option out"));
            }));
        }
        List<Job> jobs = ids.stream().map(id -> new Job(id, r.options().getOrDefault(id, Map.of()), r.limits())).toList();
        StoredVersion v = Selections.version(ws, r.instance(), r.version());
        return new Result(v, render(v, ws.store().load(v), r.selection(), jobs, engine, r.strict()));
    }

    /**
     * Renders jobs for one version (with the tenant's published lists when the store has them;
     * {@code v} is null for a version read from upstream and not stored).
     */
    public List<Generated> render(StoredVersion v, Snapshot snapshot, Selection selection, List<Job> jobs, TemplateEngine engine,
            boolean strict) {
        return render(v, snapshot, selection, jobs, engine, strict, Optional.empty());
    }

    /** As above, the headers naming {@code label} instead of the snapshot's version (see {@link Outputs}). */
    List<Generated> render(StoredVersion v, Snapshot snapshot, Selection selection, List<Job> jobs, TemplateEngine engine,
            boolean strict, Optional<io.github.o365watch.domain.Version> label) {
        List<TargetSpec> specs = new ArrayList<>();
        for (Job j : jobs) {
            specs.add(TargetSpec.parse(j.target(), engine.properties(j.target())));
        }
        // with a tenant, the lists the service published for it (fetch --tenant) beat substituting here
        Optional<Snapshot> variant = v == null ? Optional.empty() : selection.tenant().flatMap(t -> ws.store().tenantVariant(v, t));
        Snapshot data = variant.orElse(snapshot);
        Snapshot source = label.map(l -> new Snapshot(data.instance(), l, data.sets())).orElse(data);
        Map<String, Plan> plans = new HashMap<>();
        List<Generated> out = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            TargetSpec spec = specs.get(i);
            Job job = jobs.get(i);
            Generated g;
            try {
                Plan plan = plans.computeIfAbsent(spec.allCategories() + "/" + job.limits(), k -> {
                    Selection sel = forTarget(spec, selection);
                    Selected selected = Selector.select(source, sel, variant.isPresent());
                    return Planner.plan(selected, job.limits());
                });
                g = Generator.generate(spec, plan, job.options(), engine);
            } catch (LimitException e) {
                throw e.in("target " + spec.id() + ": ");
            }
            if (strict && !g.notExpressed().isEmpty()) {
                throw new TemplateException("--strict: target " + spec.id() + " cannot express " + g.notExpressed().size()
                        + " entries, the first: " + g.notExpressed().get(0).entry() + " (" + g.notExpressed().get(0).reason() + ")");
            }
            out.add(g);
        }
        return out;
    }

    /** Renders, then writes every file under {@code out/<target>/}. */
    public Result run(Request r, Path out) {
        // devices poll the release sync publishes, and the lock records its bytes: only sync writes there
        OutputTree.managing(out).ifPresent(link -> {
            throw new UsageException("--out " + out + ": " + link + " is the output sync publishes (a link to the live release in "
                    + OutputTree.releasesOf(link).getFileName() + "/), and generate would write into it; write elsewhere (e.g. --out "
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
        return new Selection(new SetFilter(f.serviceAreas(), Set.<Category>of(), f.requiredOnly()), s.families(), s.tenant(),
                s.overrides());
    }
}
