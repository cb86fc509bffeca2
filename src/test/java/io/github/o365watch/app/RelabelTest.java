package io.github.o365watch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.Widening;
import io.github.o365watch.render.Generated;
import io.github.o365watch.render.GeneratedFile;
import io.github.o365watch.render.Generator;
import io.github.o365watch.render.Limits;
import io.github.o365watch.render.Plan;
import io.github.o365watch.render.Planner;
import io.github.o365watch.render.Relabel;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.Selector;
import io.github.o365watch.render.TargetSpec;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.testing.Fixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One rendering that also yields a file under an older label gives, for every bundled target and
 * file, the bytes a second rendering of the data relabelled that version gives (what sync did
 * before), over Microsoft's real lists: exact and summarised, with and without a publication date
 * in the label.
 */
class RelabelTest {
    private static final TemplateEngine BUNDLED = Generate.engine(Optional.empty());
    private static final Map<String, String> PAC = Map.of("proxy", "PROXY proxy.contoso.com:8080");
    // two prefixes per object and family, any widening: most lists summarised, each file's header says so
    private static final Limits SUMMARISED = new Limits(2, new BigDecimal("1e50"), 0, 0);

    @Test
    void exactListsUnderAnOlderLabelAreTheBytesOfASecondRendering() {
        sameAsTwoRenderings(Limits.EXACT, List.of(Version.parse("2019102800")));
    }

    @Test
    void summarisedListsUnderAnOlderLabelAreTheBytesOfASecondRendering() {
        sameAsTwoRenderings(SUMMARISED, List.of(Version.parse("2019102800")));
    }

    @Test
    void severalOlderLabelsOneWithoutADateEachGiveItsOwnBytes() {
        // 2019000000 is no date: the header's line loses "(published ...)", so the bytes differ in length too
        sameAsTwoRenderings(SUMMARISED, List.of(Version.parse("2019000000"), Version.parse("2019082800")));
    }

    private static void sameAsTwoRenderings(Limits limits, List<Version> older) {
        Snapshot data = Fixtures.snapshot("Worldwide", "2019112700");
        Plan plan = Planner.plan(Selector.select(data, Selection.defaults(), false), limits);
        int compared = 0;
        int summarised = 0;
        int labelled = 0;
        for (TargetRegistry.Builtin b : TargetRegistry.BUILTIN) {
            TargetSpec spec = TargetSpec.parse(b.id(), BUNDLED.properties(b.id()));
            Map<String, String> options = b.id().equals("pac") ? PAC : Map.of();
            Map<String, byte[]> relabelled = new LinkedHashMap<>();
            List<String> asked = new ArrayList<>();
            Generated once = Generator.generate(spec, TargetRegistry.view(spec), plan, options, BUNDLED, new Relabel() {
                @Override
                public List<Version> labels(String target, String file) {
                    asked.add(target + "/" + file);
                    return older;
                }

                @Override
                public void rendered(String target, String file, Version label, byte[] content, List<Widening> w) {
                    relabelled.put(file + " " + label, content);
                }
            });
            // the file under its own label is what a rendering without relabelling gives
            Generated plain = Generator.generate(spec, TargetRegistry.view(spec), plan, options, BUNDLED);
            assertThat(once.files()).hasSameSizeAs(plain.files());
            for (int i = 0; i < plain.files().size(); i++) {
                assertThat(text(once.files().get(i).content()))
                        .as(b.id() + "/" + plain.files().get(i).name())
                        .isEqualTo(text(plain.files().get(i).content()));
            }
            assertThat(asked).hasSize(plain.files().size());
            for (Version v : older) {
                Snapshot as = new Snapshot(data.instance(), v, data.sets());
                Generated fresh = Generator.generate(
                        spec,
                        TargetRegistry.view(spec),
                        Planner.plan(Selector.select(as, Selection.defaults(), false), limits),
                        options,
                        BUNDLED);
                for (GeneratedFile f : fresh.files()) {
                    String file = b.id() + "/" + f.name() + " under " + v;
                    assertThat(relabelled).as(file).containsKey(f.name() + " " + v);
                    assertThat(text(relabelled.get(f.name() + " " + v)))
                            .as(file)
                            .isEqualTo(text(f.content()));
                    byte[] own = plain.files().stream()
                            .filter(p -> p.name().equals(f.name()))
                            .findFirst()
                            .orElseThrow()
                            .content();
                    if (!text(own).equals(text(f.content()))) {
                        labelled++;
                    }
                    compared++;
                    if (!f.widenings().isEmpty()) {
                        summarised++;
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(30 * older.size());
        // most files name their version (a file with no header, like proxy-bypass's list, does not)
        assertThat(labelled).isGreaterThan(compared * 3 / 4);
        if (limits != Limits.EXACT) {
            assertThat(summarised).isGreaterThan(10);
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
