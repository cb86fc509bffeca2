package io.github.o365watch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.HostRisk;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.Generated;
import io.github.o365watch.render.Generator;
import io.github.o365watch.render.Item;
import io.github.o365watch.render.Limits;
import io.github.o365watch.render.Plan;
import io.github.o365watch.render.Planner;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.Selector;
import io.github.o365watch.render.TargetSpec;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.testing.Fixtures;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The hostname patterns per target over Microsoft's real lists, against the straightforward way: every target's
 * patterns in a sorted map, each classified where it is met.
 */
class WildcardsTest {
    private static List<Wildcards.ForTarget> straightforward(List<Generated> generated, Set<Category> selected) {
        List<Wildcards.ForTarget> out = new ArrayList<>();
        for (Generated g : generated) {
            Map<HostPattern, TreeSet<Category>> categories = new TreeMap<>();
            for (Item i : g.hostnames()) {
                if (selected.isEmpty() || selected.contains(i.category())) {
                    categories
                            .computeIfAbsent(((Entry.Host) i.entry()).host(), k -> new TreeSet<>())
                            .add(i.category());
                }
            }
            if (categories.isEmpty()) {
                continue;
            }
            Map<HostRisk.Kind, Integer> counts = new EnumMap<>(HostRisk.Kind.class);
            for (HostRisk.Kind k : HostRisk.Kind.values()) {
                counts.put(k, 0);
            }
            List<Wildcards.Risky> risky = new ArrayList<>();
            categories.forEach((h, cs) -> {
                HostRisk r = Wildcards.classify(h);
                counts.merge(r.kind(), 1, Integer::sum);
                if (r.kind() == HostRisk.Kind.BROAD || r.kind() == HostRisk.Kind.TENANT_SHARED) {
                    risky.add(new Wildcards.Risky(h, r.kind(), List.copyOf(cs), r.namespace()));
                }
            });
            out.add(new Wildcards.ForTarget(g.spec().id(), counts, risky));
        }
        return out;
    }

    @Test
    void everyTargetsPatternsAsTheStraightforwardWayCountsAndOrdersThem() {
        TemplateEngine engine = Generate.engine(Optional.empty());
        int risky = 0;
        for (String version : List.of("2018063000", "2019042900", "2019112700")) {
            List<Generated> generated = new ArrayList<>();
            for (String id : engine.targets()) {
                TargetSpec spec = TargetSpec.parse(id, engine.properties(id));
                Plan plan = Planner.plan(
                        Selector.select(
                                Fixtures.snapshot("Worldwide", version),
                                Generate.forTarget(spec, Selection.defaults()),
                                false),
                        Limits.EXACT);
                Map<String, String> options =
                        id.equals("pac") ? Map.of("proxy", "PROXY proxy.contoso.com:8080") : Map.of();
                generated.add(Generator.generate(spec, TargetRegistry.view(spec), plan, options, engine));
            }
            for (Set<Category> selected : List.of(Set.<Category>of(), Set.of(Category.OPTIMIZE, Category.ALLOW))) {
                List<Wildcards.ForTarget> made = Wildcards.of(generated, selected);
                assertThat(made).as(version).isEqualTo(straightforward(generated, selected));
                risky += made.stream().mapToInt(t -> t.risky().size()).sum();
            }
        }
        // several risky patterns per target, so their order is tested too
        assertThat(risky).isGreaterThan(20);
    }
}
