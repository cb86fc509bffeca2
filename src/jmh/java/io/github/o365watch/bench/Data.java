package io.github.o365watch.bench;

import io.github.o365watch.app.Workspace;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.source.SourceOptions;
import io.github.o365watch.source.WireFormat;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.Fixtures;
import io.github.o365watch.testing.ScaleFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the benchmarks work on: Microsoft's real lists and the synthetic ones. */
final class Data {
    /** The two newest Worldwide versions in the fixtures: the diff a nightly job meets. */
    static final String FROM = "2019102800";

    static final String TO = "2019112700";

    private Data() {}

    static Snapshot real(String version) {
        return Fixtures.snapshot("Worldwide", version);
    }

    static Snapshot synthetic(ScaleFeed.Shape shape, int version) {
        return WireFormat.endpoints(
                ScaleFeed.endpoints(shape, version),
                Instance.WORLDWIDE,
                Version.parse(ScaleFeed.version(version)),
                "synthetic");
    }

    /** The issue's density (10 prefixes per set) at {@code sets} sets. */
    static ScaleFeed.Shape shape(int sets) {
        return ScaleFeed.ISSUE.withSets(sets);
    }

    static List<IpPrefix> prefixes(Snapshot s) {
        return s.sets().stream().flatMap(e -> e.ips().stream()).toList();
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("o365watch-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Workspace workspace(Path store) {
        return new Workspace(
                new SnapshotStore(store),
                SourceOptions.defaults(store.toString(), store.resolve(".config"), Map.of()),
                Workspace.Network.OFFLINE,
                Clock.systemUTC(),
                Duration.ZERO,
                "bench");
    }
}
