package io.github.o365watch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.o365watch.inspect.ConfigFormat;
import io.github.o365watch.render.Generator;
import io.github.o365watch.render.Limits;
import io.github.o365watch.render.Plan;
import io.github.o365watch.render.Planner;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.Selector;
import io.github.o365watch.render.TargetSpec;
import io.github.o365watch.render.TargetView;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.render.TemplateException;
import io.github.o365watch.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every bundled target has its registry line and each part of it; the keys that borrow code are checked. */
class TargetRegistryTest {
    private static final TemplateEngine BUNDLED = Generate.engine(Optional.empty());

    private static List<String> targetsTxt() {
        return Fixtures.text("rules-templates/targets.txt")
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
    }

    @Test
    void everyBundledTargetHasOneLineInTheOrderOfTargetsTxt() {
        assertThat(TargetRegistry.BUILTIN.stream().map(TargetRegistry.Builtin::id))
                .containsExactlyElementsOf(targetsTxt());
        assertThat(BUNDLED.targets()).containsExactlyInAnyOrderElementsOf(targetsTxt());
    }

    @Test
    void everyBundledTargetIsReadAsTheFormatOfItsName() {
        // verify tells a file by the target its header names: the format must carry the same id
        for (TargetRegistry.Builtin b : TargetRegistry.BUILTIN) {
            assertThat(b.format().id()).as(b.id()).isEqualTo(b.id());
            assertThat(TargetRegistry.format(spec(b.id()))).contains(b.format());
        }
        // every format but plain text is a bundled target's
        assertThat(TargetRegistry.BUILTIN.stream().map(TargetRegistry.Builtin::format))
                .containsExactlyInAnyOrder(java.util.Arrays.stream(ConfigFormat.values())
                        .filter(f -> f != ConfigFormat.TEXT)
                        .toArray(ConfigFormat[]::new));
    }

    @Test
    void aRegisteredViewIsOneItsTargetsTemplatesCannotRenderWithout() {
        Plan plan = Planner.plan(
                Selector.select(Fixtures.snapshot("Worldwide", "2019112700"), Selection.defaults(), false),
                Limits.EXACT);
        Map<String, String> options = Map.of("proxy", "PROXY proxy.contoso.com:8080");
        for (TargetRegistry.Builtin b : TargetRegistry.BUILTIN) {
            TargetSpec spec = spec(b.id());
            Map<String, String> o = b.id().equals("pac") ? options : Map.of();
            assertThat(Generator.generate(spec, TargetRegistry.view(spec), plan, o, BUNDLED)
                            .files())
                    .as(b.id())
                    .isNotEmpty();
            if (b.view() != TargetView.NONE) {
                assertThatThrownBy(() -> Generator.generate(spec, TargetView.NONE, plan, o, BUNDLED))
                        .as(b.id() + " without its view")
                        .isInstanceOf(TemplateException.class)
                        .hasMessageContaining("which the view model does not have");
            }
        }
    }

    private static TargetSpec spec(String id) {
        return TargetSpec.parse(id, BUNDLED.properties(id));
    }

    private static TargetSpec own(String more) {
        return TargetSpec.parse("mine", "id=mine\noutput.1=m.txt m.mustache all\n" + more);
    }

    @Test
    void aTargetWithoutCodeBorrowsByName() {
        assertThat(TargetRegistry.view(own("view=squid\n")))
                .isSameAs(TargetRegistry.builtin("squid").orElseThrow().view());
        assertThat(TargetRegistry.view(own(""))).isSameAs(TargetView.NONE);
        assertThat(TargetRegistry.format(own("verify=cisco-asa\n"))).contains(ConfigFormat.CISCO_ASA);
        // plain text is a format without a target
        assertThat(TargetRegistry.format(own("verify=text\n"))).contains(ConfigFormat.TEXT);
        assertThat(TargetRegistry.format(own(""))).isEmpty();
    }

    @Test
    void borrowingWhatDoesNotExistOrForABundledTargetIsATemplateProblem() {
        assertThatThrownBy(() -> TargetRegistry.view(own("view=sqiud\n")))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("target mine: view=sqiud names no bundled target; known: edl, pac, squid,");
        assertThatThrownBy(() -> TargetRegistry.format(own("verify=nope\n")))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("target mine: verify=nope names no format; known: text, edl,");
        TargetSpec squid = TargetSpec.parse("squid", "view=pac\n" + BUNDLED.properties("squid"));
        assertThatThrownBy(() -> TargetRegistry.view(squid))
                .isInstanceOf(TemplateException.class)
                .hasMessage("target squid: view=pac is for targets of templates alone; squid has code of its own");
        assertThatThrownBy(() -> own("verify=Not An Id\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("verify must name");
    }
}
