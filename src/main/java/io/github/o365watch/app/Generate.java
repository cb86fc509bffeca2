package io.github.o365watch.app;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.SetFilter;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.render.Generated;
import io.github.o365watch.render.GeneratedFile;
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
     * @param maxEntries at most this many prefixes per object and family (0: exact)
     * @param strict     fail (exit 6) when a target cannot express an entry
     */
    public record Request(Instance instance, String version, Selection selection, List<String> targets,
            Map<String, Map<String, String>> options, int maxEntries, Optional<Path> templates, boolean strict) {
    }

    /** What was rendered, by target, and the version it was rendered from. */
    public record Result(StoredVersion version, List<Generated> generated) {
    }

    public static TemplateEngine engine(Optional<Path> templates) {
        return new MustacheTemplates(templates);
    }

    /** Renders without writing. */
    public Result render(Request r) {
        TemplateEngine engine = engine(r.templates());
        List<String> ids = r.targets().isEmpty() ? engine.targets() : r.targets();
        List<TargetSpec> specs = new ArrayList<>();
        for (String id : ids) {
            specs.add(TargetSpec.parse(id, engine.properties(id)));
        }
        for (String t : r.options().keySet()) {
            // options for other known targets are fine (one command line for several runs); a typo is not
            if (!engine.targets().contains(t)) {
                throw new UsageException("--option " + t + ".*: there is no target " + t);
            }
        }
        StoredVersion v = Selections.version(ws.store(), r.instance(), r.version());
        Snapshot snapshot = ws.store().load(v);
        // with a tenant, the lists the service published for it (fetch --tenant) beat substituting here
        Optional<Snapshot> variant = r.selection().tenant().flatMap(t -> ws.store().tenantVariant(v, t));
        Snapshot source = variant.orElse(snapshot);
        Map<Boolean, Plan> plans = new HashMap<>();
        List<Generated> out = new ArrayList<>();
        for (TargetSpec spec : specs) {
            Plan plan = plans.computeIfAbsent(spec.allCategories(), all -> {
                Selection sel = all ? withAllCategories(r.selection()) : r.selection();
                Selected selected = Selector.select(source, sel, variant.isPresent());
                return Planner.plan(selected, r.maxEntries());
            });
            Generated g = Generator.generate(spec, plan, r.options().getOrDefault(spec.id(), Map.of()), engine);
            if (r.strict() && !g.notExpressed().isEmpty()) {
                throw new TemplateException("--strict: target " + spec.id() + " cannot express " + g.notExpressed().size()
                        + " entries, the first: " + g.notExpressed().get(0).entry() + " (" + g.notExpressed().get(0).reason() + ")");
            }
            out.add(g);
        }
        return new Result(v, out);
    }

    /** Renders, then writes every file under {@code out/<target>/}. */
    public Result run(Request r, Path out) {
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

    private static Selection withAllCategories(Selection s) {
        SetFilter f = s.filter();
        return new Selection(new SetFilter(f.serviceAreas(), Set.<Category>of(), f.requiredOnly()), s.families(), s.tenant(),
                s.overrides());
    }
}
