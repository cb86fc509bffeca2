package io.github.o365watch.bench;

import io.github.o365watch.diff.ChangeSet;
import io.github.o365watch.diff.Differ;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.domain.net.PrefixSet;
import io.github.o365watch.domain.net.Summary;
import io.github.o365watch.source.WireFormat;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.testing.ScaleFeed;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The synthetic feed at three sizes, ten prefixes per endpoint set (10,000 sets is the issue's
 * 100,000 prefixes), two neighbouring versions of a 50-version history: how each cost grows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ScaleBench {
    @Param({"1000", "3000", "10000"})
    public int sets;

    byte[] older;
    byte[] newer;
    Snapshot a;
    Snapshot b;
    List<IpPrefix> prefixes;
    PrefixSet addresses;

    @Setup(Level.Trial)
    public void setUp() {
        ScaleFeed.Shape shape = Data.shape(sets);
        older = ScaleFeed.endpoints(shape, ScaleFeed.HISTORY - 2);
        newer = ScaleFeed.endpoints(shape, ScaleFeed.HISTORY - 1);
        a = parse(older, ScaleFeed.HISTORY - 2);
        b = parse(newer, ScaleFeed.HISTORY - 1);
        prefixes = Data.prefixes(b);
        addresses = PrefixSet.of(prefixes);
    }

    private static Snapshot parse(byte[] body, int version) {
        return WireFormat.endpoints(body, Instance.WORLDWIDE, Version.parse(ScaleFeed.version(version)), "synthetic");
    }

    /** The "parse + diff of two such versions": both responses parsed and validated, then compared. */
    @Benchmark
    public ChangeSet parseAndDiff() {
        return Differ.diff(parse(older, ScaleFeed.HISTORY - 2), parse(newer, ScaleFeed.HISTORY - 1));
    }

    @Benchmark
    public Snapshot parse() {
        return parse(newer, ScaleFeed.HISTORY - 1);
    }

    @Benchmark
    public ChangeSet diff() {
        return Differ.diff(a, b);
    }

    /** Minimal aggregation of every prefix (about {@code 10 * sets}, IPv4 and IPv6). */
    @Benchmark
    public PrefixSet aggregate() {
        return PrefixSet.of(prefixes);
    }

    /**
     * Budgeted summarisation of the aggregated set into 100 prefixes per family (a device object's
     * limit), with no bound on the extra addresses. Exact, by dynamic programming: the cost grows
     * with prefixes times budget.
     */
    @Benchmark
    public List<Summary> summarizeTo100() {
        return List.of(addresses.summarize(Family.IPV4, 100), addresses.summarize(Family.IPV6, 100));
    }

    @Benchmark
    public byte[] storeCanonicalForm() {
        return SnapshotStore.canonical(b);
    }
}
