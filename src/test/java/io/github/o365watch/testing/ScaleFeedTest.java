package io.github.o365watch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.diff.ChangeSet;
import io.github.o365watch.diff.Differ;
import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSet;
import io.github.o365watch.source.SourceOptions;
import io.github.o365watch.source.Upstream;
import io.github.o365watch.source.WireFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks' synthetic feed is data the real parser accepts, shaped as the benchmarks claim:
 * the asked-for numbers of sets and prefixes, both families, canonical text, prefixes that
 * aggregate, and a history that changes a little from one version to the next. Small shapes only;
 * the benchmarks run the issue's scale.
 */
class ScaleFeedTest {
    static final ScaleFeed.Shape SMALL = ScaleFeed.ISSUE.withSets(300);

    static Snapshot parse(ScaleFeed.Shape shape, int version) {
        return WireFormat.endpoints(
                ScaleFeed.endpoints(shape, version),
                Instance.WORLDWIDE,
                Version.parse(ScaleFeed.version(version)),
                "synthetic");
    }

    @Test
    void theFirstVersionHasTheShapeAskedFor() {
        Snapshot s = parse(SMALL, 0);

        assertThat(SMALL.prefixes()).isEqualTo(3000);
        assertThat(s.sets()).hasSize(300);
        assertThat(s.sets().stream().mapToInt(e -> e.ips().size()).sum()).isEqualTo(3000);
        assertThat(s.unknownValues()).isEmpty();
        List<IpPrefix> all = s.sets().stream().flatMap(e -> e.ips().stream()).toList();
        long v4 = all.stream().filter(p -> p.family() == Family.IPV4).count();
        assertThat(v4).isBetween(1500L, 2100L);
        PrefixSet merged = PrefixSet.of(all);
        // duplicates across sets and neighbouring /22s and /36s merge, but most prefixes stay apart
        assertThat(merged.size()).isLessThan(all.size()).isGreaterThan(all.size() / 2);
        assertThat(s.sets().stream().map(EndpointSet::category).distinct().count())
                .isEqualTo(3);
    }

    @Test
    void prefixesAreWrittenInCanonicalForm() {
        for (int id = 1; id < 200; id++) {
            for (int k = 0; k < 20; k++) {
                String text = ScaleFeed.prefix(id, k);
                assertThat(IpPrefix.parse(text).toString()).isEqualTo(text);
            }
        }
    }

    @Test
    void deterministic() {
        assertThat(ScaleFeed.endpoints(SMALL, 7)).isEqualTo(ScaleFeed.endpoints(SMALL, 7));
    }

    @Test
    void eachVersionChangesAFewSets() {
        ScaleFeed.Shape shape = ScaleFeed.ISSUE.withSets(500);
        Snapshot a = parse(shape, 20);
        Snapshot b = parse(shape, 21);
        ChangeSet c = Differ.diff(a, b);

        assertThat(c.sets().size()).isBetween(1, 25);
        assertThat(ScaleFeed.version(49)).isEqualTo("2025021900");
        assertThat(Differ.diff(parse(shape, 0), parse(shape, ScaleFeed.HISTORY - 1))
                        .sets()
                        .size())
                .isGreaterThan(c.sets().size());
    }

    @Test
    void aMirrorDirectoryIsReadByTheRealMirrorSource(@TempDir Path dir) {
        ScaleFeed.mirror(SMALL, 3, dir);
        Upstream up = Upstream.open(SourceOptions.defaults(dir.toString(), dir.resolve("config"), Map.of()));

        assertThat(up.latestVersions())
                .singleElement()
                .satisfies(p -> assertThat(p.latest().value()).isEqualTo(ScaleFeed.version(3)));
        assertThat(up.endpoints(
                                Instance.WORLDWIDE,
                                Version.parse(ScaleFeed.version(3)),
                                io.github.o365watch.source.EndpointQuery.ALL)
                        .snapshot()
                        .sets())
                .hasSize(300);
    }
}
