package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.store.StoredVersion;
import io.github.o365watch.testing.ChildSyncs;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.SyncDir;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.WireMocks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * sync survives SIGKILL wherever it writes. The packaged jar runs sync in a child JVM; a first
 * run with {@code -Do365watch.crashpoint=trace} lists every passage of every named point
 * ({@code store.CrashPoint}: temp file created, written, fsynced, renamed; store put and commit;
 * staging, hard links, release, link swap, prune; lock file; reports). Then, for each passage, a
 * fresh copy of the starting directory is synced again, stopped exactly there and killed with
 * SIGKILL. One child JVM serves a batch of passages ({@code testing.ChildSyncs}): it syncs the
 * batch's copies one after the other, each in its own thread, each stopped at its own passage,
 * and one SIGKILL kills them all where they stand. After each kill: the store loads and verifies,
 * the outputs are all old or all new, the lock file records the outputs (old and old, or new and
 * new; only between the link swap and the lock write may the outputs be new while the lock is
 * old, which check reports), no file anyone reads is torn, and the next sync completes with
 * exactly the state of an uninterrupted run, unchanged files keeping their inodes.
 */
class CrashSafetyIT {
    static final String Z = "2019072900";
    static final String A = "2019082800";
    static final String B = "2019093000";
    static final String MARK = "o365watch-crashpoint ";

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    /** One passage of a crash point in the traced run: {@code name:n} and the file it concerns. */
    record Passage(int index, String point, String detail) {}

    /** A sync from one state to the next, with the passages an uninterrupted run makes. */
    record Scenario(
            String name,
            SyncDir start,
            SyncDir.State before,
            SyncDir.State after,
            List<Passage> passages,
            String newMeta) {
        int indexOf(String point, String detailEnd) {
            return passages.stream()
                    .filter(p -> p.point().startsWith(point + ":") && p.detail().endsWith(detailEnd))
                    .mapToInt(Passage::index)
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError(name + ": the trace never passes " + point + " " + detailEnd));
        }
    }

    @TestFactory
    Stream<DynamicTest> firstSync() {
        FakeService service = new FakeService(wm).publish("Worldwide", A);
        SyncDir empty = SyncDir.create(tmp.resolve("empty"), tmp.resolve("machine"), service.url());
        return killAtEveryPassage(scenario("first sync of " + A, empty, A));
    }

    /** From A (applied after Z: a report and a feed item there, two releases) to B: the feed grows, Z's release goes. */
    @TestFactory
    Stream<DynamicTest> nextVersion() {
        FakeService service = new FakeService(wm).publish("Worldwide", Z);
        SyncDir atA = SyncDir.create(tmp.resolve("at-a"), tmp.resolve("machine"), service.url());
        for (String v : List.of(Z, A)) {
            // the starting state: in this JVM, the same code and clock as the child's (the traced run below is the
            // jar's)
            service.publish("Worldwide", v);
            TestCli.Result r = atA.inProcess("sync");
            assertThat(r.code()).as(r.toString()).isZero();
        }
        service.publish("Worldwide", B);
        return killAtEveryPassage(scenario(A + " to " + B, atA, B));
    }

    /** Runs the sync once uninterrupted (tracing the points) on a copy of {@code start}. */
    private Scenario scenario(String name, SyncDir start, String version) {
        SyncDir ref = start.copyTo(tmp.resolve("reference-" + version));
        SyncDir.Run r = ref.sync(List.of("-Do365watch.crashpoint=trace"));
        assertThat(r.code()).as(r.toString()).isZero();
        List<Passage> passages = new ArrayList<>();
        for (String line : r.err().lines().toList()) {
            if (line.startsWith(MARK)) {
                String[] parts = line.substring(MARK.length()).split(" ", 2);
                passages.add(new Passage(
                        passages.size(), parts[0], parts.length > 1 ? parts[1].replace(ref.dir + "/", "") : ""));
            } else {
                fail("the traced run printed something else on stderr: " + line);
            }
        }
        SyncDir.State before = start.state();
        SyncDir.State after = ref.state();
        assertThat(after.outputs()).isNotEqualTo(before.outputs());
        assertThat(ref.inProcess("check", "--offline").code()).isZero();
        assertThat(ref.leftovers()).isEmpty();
        ref.delete();
        return new Scenario(name, start, before, after, passages, "worldwide/" + version + ".meta.json");
    }

    /** Passages per child JVM: each stopped sync keeps its thread and its memory until the SIGKILL. */
    static final int BATCH = 40;

    private Stream<DynamicTest> killAtEveryPassage(Scenario s) {
        int swap = s.indexOf("publish.link-swapped", "generated");
        int locked = s.indexOf("atomic.renamed", "o365watch.lock");
        assertThat(swap).isLessThan(locked);
        List<Passage> chosen = chosen(s.passages());
        assertThat(chosen.stream().map(CrashSafetyIT::name).distinct())
                .as("every point is killed at")
                .containsExactlyInAnyOrderElementsOf(s.passages().stream()
                        .map(CrashSafetyIT::name)
                        .distinct()
                        .toList());
        Map<Passage, Batch> batches = new java.util.HashMap<>();
        for (int from = 0; from < chosen.size(); from += BATCH) {
            Batch b = new Batch(s, chosen.subList(from, Math.min(chosen.size(), from + BATCH)));
            b.passages().forEach(p -> batches.put(p, b));
        }
        return chosen.stream()
                .map(p -> DynamicTest.dynamicTest(
                        s.name() + ": SIGKILL at " + p.point() + " " + p.detail(),
                        () -> recover(s, p, batches.get(p).killed(p), p.index() >= swap, p.index() >= locked)));
    }

    /**
     * The passages one child JVM is stopped at, its copies of the starting directory and their
     * inodes before; run and killed once, by the first of its tests (the others find it done).
     */
    final class Batch {
        private final Scenario s;
        private final List<Passage> passages;
        private final Map<Passage, Killed> killed = new java.util.HashMap<>();
        private Throwable failure;
        private boolean ran;

        Batch(Scenario s, List<Passage> passages) {
            this.s = s;
            this.passages = List.copyOf(passages);
        }

        List<Passage> passages() {
            return passages;
        }

        Killed killed(Passage p) throws Throwable {
            if (!ran) {
                ran = true;
                try {
                    run();
                } catch (Throwable t) {
                    failure = t;
                }
            }
            if (failure != null) {
                throw new AssertionError(
                        "the batch of " + passages.size() + " kills this one belongs to failed", failure);
            }
            return killed.get(p);
        }

        private void run() throws Exception {
            List<String> configs = new ArrayList<>();
            for (Passage at : passages) {
                SyncDir work = s.start().copyTo(tmp.resolve("kill-" + at.index()));
                killed.put(at, new Killed(work, s.before().outputs().isEmpty() ? Map.of() : work.inodes()));
                configs.add(work.config().toString());
            }
            List<String> stops = stops(s.passages(), passages);
            Process p = s.start()
                    .process(SyncDir.javaCommand(
                            List.of("-Do365watch.crashpoint=" + String.join(",", stops)),
                            ChildSyncs.class,
                            configs.toArray(String[]::new)))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (BufferedReader err =
                            new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
                    Writer next = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                for (int k = 0; k < stops.size(); k++) {
                    String line = err.readLine();
                    // each sync stops where it is told, in turn; anything else (a sync that ended, an error) fails the
                    // batch
                    assertThat(line)
                            .as("sync " + (k + 1) + " of " + stops.size() + " stops at " + passages.get(k))
                            .isEqualTo(MARK + stops.get(k));
                    if (k + 1 < stops.size()) {
                        next.write("next\n");
                        next.flush();
                    }
                }
                // every sync of the batch now waits at its point: kill them there (destroyForcibly is SIGKILL on Linux)
                p.destroyForcibly();
                assertThat(p.waitFor()).as("killed by SIGKILL, not finished").isEqualTo(128 + 9);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    /** A copy of the starting directory killed at a passage, and the inodes of its outputs before. */
    record Killed(SyncDir work, Map<String, Object> inodesBefore) {}

    /**
     * What {@code -Do365watch.crashpoint} lists to stop the batch's syncs, run in turn in one JVM,
     * each at its passage: passages are counted over the process, so a point's count carries on
     * from those the syncs stopped before it passed.
     */
    static List<String> stops(List<Passage> trace, List<Passage> batch) {
        Map<String, Integer> before = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        for (Passage at : batch) {
            Map<String, Integer> run = new java.util.HashMap<>();
            trace.subList(0, at.index() + 1).forEach(p -> run.merge(name(p), 1, Integer::sum));
            assertThat(name(at) + ":" + run.get(name(at)))
                    .as("the trace counts each point from 1")
                    .isEqualTo(at.point());
            out.add(name(at) + ":" + (before.getOrDefault(name(at), 0) + run.get(name(at))));
            run.forEach((point, n) -> before.merge(point, n, Integer::sum));
        }
        return out;
    }

    static final List<String> ATOMIC =
            List.of("atomic.temp-created", "atomic.temp-written", "atomic.temp-synced", "atomic.renamed");

    /**
     * Every passage of the sync-level, store and publish points; of the four points of an atomic
     * write, one per file, in turn (file k: the k-th point mod 4), so every file written is hit and
     * every atomic point several times. {@code -Dcrash.all=true} kills at every passage (about 120).
     */
    static String name(Passage p) {
        return p.point().substring(0, p.point().lastIndexOf(':'));
    }

    static List<Passage> chosen(List<Passage> passages) {
        if (Boolean.getBoolean("crash.all")) {
            return passages;
        }
        List<String> files = new ArrayList<>();
        List<Passage> out = new ArrayList<>();
        for (Passage p : passages) {
            String name = name(p);
            if (!ATOMIC.contains(name)) {
                out.add(p);
                continue;
            }
            if (!files.contains(p.detail())) {
                files.add(p.detail());
            }
            if (ATOMIC.indexOf(name) == (files.indexOf(p.detail())) % ATOMIC.size()) {
                out.add(p);
            }
        }
        return out;
    }

    private void recover(Scenario s, Passage at, Killed k, boolean outputsNew, boolean lockNew) throws Exception {
        SyncDir work = k.work();
        Map<String, Object> inodesBefore = k.inodesBefore();

        // all old or all new, and no torn file
        SyncDir.State killed = work.state();
        assertThat(killed.outputs())
                .as("outputs")
                .isEqualTo(outputsNew ? s.after().outputs() : s.before().outputs());
        assertThat(killed.lock())
                .as("lock file")
                .isEqualTo(lockNew ? s.after().lock() : s.before().lock());
        killed.reports()
                .forEach((f, sha) -> assertThat(sha)
                        .as("report " + f)
                        .isIn(s.after().reports().get(f), s.before().reports().get(f)));
        killed.store()
                .forEach((f, sha) -> assertThat(sha)
                        .as("store file " + f)
                        .isEqualTo(s.after().store().get(f)));

        // the store loads and verifies
        SnapshotStore store = new SnapshotStore(work.dir.resolve("snapshots"));
        for (Instance i : store.instances()) {
            for (StoredVersion v : store.revisions(i)) {
                store.load(v);
                store.changes(v);
            }
        }
        String storeDir = work.dir.resolve("snapshots").toString();
        TestCli.Result versions = work.inProcessBare("versions", "--offline", "--store", storeDir);
        assertThat(versions.code()).as(versions.toString()).isZero();
        TestCli.Result status = work.inProcessBare("status", "--offline", "--store", storeDir);
        assertThat(status.code()).as(status.toString()).isZero();
        // check: current only when the outputs and the lock are of one generation and the store has nothing newer
        boolean current = outputsNew && lockNew
                || !outputsNew
                        && !lockNew
                        && s.before().lock() != null
                        && !killed.store().containsKey(s.newMeta());
        TestCli.Result check = work.inProcess("check", "--offline");
        assertThat(check.code()).as(check.toString()).isEqualTo(current ? 0 : 1);

        // the next sync finishes the work: the same state as an uninterrupted run
        TestCli.Result again = work.inProcess("sync");
        assertThat(again.code()).as(again.toString()).isZero();
        SyncDir.State done = work.state();
        assertThat(done.outputs())
                .as("outputs after the next sync")
                .isEqualTo(s.after().outputs());
        assertThat(done.lock())
                .as("lock after the next sync")
                .isEqualTo(s.after().lock());
        assertThat(done.reports())
                .as("reports after the next sync")
                .isEqualTo(s.after().reports());
        assertThat(done.store())
                .as("store after the next sync")
                .isEqualTo(s.after().store());
        Map<String, Object> inodesAfter = work.inodes();
        inodesBefore.forEach((f, ino) -> {
            if (s.before().outputs().get(f).equals(s.after().outputs().get(f))) {
                assertThat(inodesAfter.get(f))
                        .as("unchanged " + f + " keeps its inode")
                        .isEqualTo(ino);
            }
        });
        assertThat(work.leftovers()).as("temporary files after the next sync").isEmpty();
        work.delete();
    }
}
