package io.github.o365watch.bench;

import io.github.o365watch.app.Generate;
import io.github.o365watch.app.Workspace;
import io.github.o365watch.diff.ChangeSet;
import io.github.o365watch.diff.Differ;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.PrefixSet;
import io.github.o365watch.domain.net.Summary;
import io.github.o365watch.render.Generated;
import io.github.o365watch.render.Limits;
import io.github.o365watch.render.Selection;
import io.github.o365watch.render.TemplateEngine;
import io.github.o365watch.source.WireFormat;
import io.github.o365watch.store.PutResult;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.store.StoredVersion;
import io.github.o365watch.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The core on Microsoft's real Worldwide lists (112 endpoint sets, about 550 prefixes): what
 * every nightly run does once the JVM is warm.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class CoreBench {
    byte[] response;
    Snapshot from;
    Snapshot to;
    PrefixSet toAddresses;
    Path store;
    SnapshotStore readStore;
    StoredVersion stored;
    Workspace ws;
    TemplateEngine engine;
    List<Generate.Job> allTargets;

    @Setup(Level.Trial)
    public void setUp() {
        response = Fixtures.endpoints("Worldwide", Data.TO);
        from = Data.real(Data.FROM);
        to = Data.real(Data.TO);
        toAddresses = PrefixSet.of(Data.prefixes(to));
        store = Data.tempDir();
        readStore = new SnapshotStore(store.resolve("read"));
        readStore.put(to, Optional.empty(), "0".repeat(64));
        stored = readStore.newest(Instance.WORLDWIDE).orElseThrow();
        ws = Data.workspace(store.resolve("read"));
        engine = Generate.engine(Optional.empty());
        allTargets = engine.targets().stream()
                .map(t -> new Generate.Job(
                        t, t.equals("pac") ? Map.of("proxy", "PROXY proxy.example.com:8080") : Map.of(), Limits.EXACT))
                .toList();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Data.delete(store);
    }

    /** GET /endpoints body to validated domain values. */
    @Benchmark
    public Snapshot parseEndpointsResponse() {
        return WireFormat.endpoints(response, Instance.WORLDWIDE, Version.parse(Data.TO), "bench");
    }

    /** The canonical JSON of a snapshot, as the store writes it. */
    @Benchmark
    public byte[] storeCanonicalForm() {
        return SnapshotStore.canonical(to);
    }

    /** A whole store write: canonical JSON, checksums, meta file, each synced and renamed. */
    @Benchmark
    public PutResult storeWrite(Fresh fresh) {
        return new SnapshotStore(fresh.dir).put(to, Optional.empty(), "0".repeat(64));
    }

    /** A store read: the files, their checksums, and validation back into domain values. */
    @Benchmark
    public Snapshot storeRead() {
        return readStore.load(stored);
    }

    @Benchmark
    public ChangeSet diffTwoVersions() {
        return Differ.diff(from, to);
    }

    /** Minimal aggregation of every prefix the version lists (duplicates across sets included). */
    @Benchmark
    public PrefixSet aggregate() {
        return PrefixSet.of(Data.prefixes(to));
    }

    /** Budgeted summarisation: all the version's addresses in at most 32 prefixes per family. */
    @Benchmark
    public List<Summary> summarizeTo32() {
        return List.of(toAddresses.summarize(Family.IPV4, 32), toAddresses.summarize(Family.IPV6, 32));
    }

    /** Every target (fourteen), default selection, as generate and sync render them. */
    @Benchmark
    public List<Generated> renderAllTargets() {
        return new Generate(ws).render(stored, to, Selection.defaults(), allTargets, engine, false);
    }

    /** A fresh, empty store directory for each write. */
    @State(Scope.Thread)
    public static class Fresh {
        Path dir;

        @Setup(Level.Invocation)
        public void setUp() {
            dir = Data.tempDir();
        }

        @TearDown(Level.Invocation)
        public void tearDown() {
            Data.delete(dir);
        }
    }
}
