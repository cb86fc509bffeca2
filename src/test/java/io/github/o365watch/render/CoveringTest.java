package io.github.o365watch.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.testing.Fuzz;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The indexed cover test says what trying every pattern with {@link HostPattern#covers} says. */
class CoveringTest {
    /** Patterns from few labels, so that heads and tails meet often: exact names, {@code *.d}, {@code x*.d}, {@code a.*.d}, {@code *x.d}. */
    static Gen<HostPattern> pattern() {
        Gen<String> label = Generate.pick(List.of("a", "b", "ab", "x", "cdn", "a-b"));
        Gen<String> name = lists().of(label).ofSizeBetween(1, 3).map(l -> String.join(".", l) + ".com");
        return name.zip(integers().between(0, 5), label, (n, form, l) -> {
            String text = switch (form) {
                case 0, 1 -> n;
                case 2 -> "*." + n;
                case 3 -> l + "*." + n;
                case 4 -> l + ".*." + n;
                default -> "*" + n;
            };
            try {
                return HostPattern.parse(text);
            } catch (InvalidDataException e) {
                return HostPattern.parse(n);
            }
        });
    }

    @Test
    void sameAsTryingEveryPattern() {
        Fuzz.qt(2_000)
                .forAll(
                        lists().of(pattern()).ofSizeBetween(0, 12),
                        lists().of(pattern()).ofSizeBetween(1, 12))
                .checkAssert((patterns, names) -> {
                    Covering c = new Covering(patterns);
                    List<String> got = new ArrayList<>();
                    List<String> want = new ArrayList<>();
                    for (HostPattern n : names) {
                        got.add(n + "=" + c.coversOther(n));
                        want.add(n + "="
                                + patterns.stream().anyMatch(p -> p.isWildcard() && !p.equals(n) && p.covers(n)));
                    }
                    assertThat(got).as("patterns " + patterns).isEqualTo(want);
                });
    }

    @Test
    void examples() {
        Covering c = new Covering(List.of(
                HostPattern.parse("*.office.com"),
                HostPattern.parse("autodiscover.*.onmicrosoft.com"),
                HostPattern.parse("*cdn.onenote.net")));
        assertThat(c.coversOther(HostPattern.parse("outlook.office.com"))).isTrue();
        assertThat(c.coversOther(HostPattern.parse("office.com"))).isFalse();
        assertThat(c.coversOther(HostPattern.parse("*.office.com"))).isFalse();
        assertThat(c.coversOther(HostPattern.parse("*.a.office.com"))).isTrue();
        assertThat(c.coversOther(HostPattern.parse("autodiscover.contoso.onmicrosoft.com")))
                .isTrue();
        assertThat(c.coversOther(HostPattern.parse("autodiscover.onmicrosoft.com")))
                .isFalse();
        assertThat(c.coversOther(HostPattern.parse("cdn.onenote.net"))).isTrue();
        assertThat(c.coversOther(HostPattern.parse("xcdn.onenote.net"))).isTrue();
        assertThat(c.coversOther(HostPattern.parse("xcdn.onenote.com"))).isFalse();
    }
}
