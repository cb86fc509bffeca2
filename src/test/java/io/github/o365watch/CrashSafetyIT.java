package io.github.o365watch;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.store.SnapshotStore;
import io.github.o365watch.store.StoredVersion;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.SyncDir;
import io.github.o365watch.testing.TestCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * SIGKILL. After each kill: the store loads and verifies, the outputs are all old or all new, the
 * lock file records the outputs (old and old, or new and new; only between the link swap and the
 * lock write may the outputs be new while the lock is old, which check reports), no file anyone
 * reads is torn, and the next sync completes with exactly the state of an uninterrupted run,
 * unchanged files keeping their inodes.
 */
class CrashSafetyIT {
    static final String Z = "2019072900";
    static final String A = "2019082800";
    static final String B = "2019093000";
    static final String MARK = "o365watch-crashpoint ";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path tmp;

    /** One passage of a crash point in the traced run: {@code name:n} and the file it concerns. */
    record Passage(int index, String point, String detail) {
    }

    /** A sync from one state to the next, with the passages an uninterrupted run makes. */
    record Scenario(String name, SyncDir start, SyncDir.State before, SyncDir.State after, List<Passage> passages,
            String newMeta) {
        int indexOf(String point, String detailEnd) {
            return passages.stream().filter(p -> p.point().startsWith(point + ":") && p.detail().endsWith(detailEnd)).mapToInt(Passage::index)
                    .findFirst().orElseThrow(() -> new AssertionError(name + ": the trace never passes " + point + " " + detailEnd));
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
            service.publish("Worldwide", v);
            SyncDir.Run r = atA.sync(List.of());
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
                passages.add(new Passage(passages.size(), parts[0], parts.length > 1 ? parts[1].replace(ref.dir + "/", "") : ""));
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

    private Stream<DynamicTest> killAtEveryPassage(Scenario s) {
        int swap = s.indexOf("publish.link-swapped", "generated");
        int locked = s.indexOf("atomic.renamed", "o365watch.lock");
        assertThat(swap).isLessThan(locked);
        List<Passage> chosen = chosen(s.passages());
        assertThat(chosen.stream().map(CrashSafetyIT::name).distinct()).as("every point is killed at")
                .containsExactlyInAnyOrderElementsOf(s.passages().stream().map(CrashSafetyIT::name).distinct().toList());
        return chosen.stream().map(p -> DynamicTest.dynamicTest(s.name() + ": SIGKILL at " + p.point() + " " + p.detail(),
                () -> killAndRecover(s, p, p.index() >= swap, p.index() >= locked)));
    }

    static final List<String> ATOMIC = List.of("atomic.temp-created", "atomic.temp-written", "atomic.temp-synced", "atomic.renamed");

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

    private void killAndRecover(Scenario s, Passage at, boolean outputsNew, boolean lockNew) throws Exception {
        SyncDir work = s.start().copyTo(tmp.resolve("kill-" + at.index()));
        Map<String, Object> inodesBefore = s.before().outputs().isEmpty() ? Map.of() : work.inodes();

        Process p = work.process(work.javaCommand(List.of("-Do365watch.crashpoint=" + at.point()), "sync", "--config",
                work.config().toString())).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> err = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null && !line.equals(MARK + at.point()); line = r.readLine()) {
                err.add(line);
            }
            // the child now waits at the point: kill it there (destroyForcibly is SIGKILL on Linux)
            p.destroyForcibly();
            assertThat(p.waitFor()).as("killed by SIGKILL, not finished: " + err).isEqualTo(128 + 9);
        }

        // all old or all new, and no torn file
        SyncDir.State killed = work.state();
        assertThat(killed.outputs()).as("outputs").isEqualTo(outputsNew ? s.after().outputs() : s.before().outputs());
        assertThat(killed.lock()).as("lock file").isEqualTo(lockNew ? s.after().lock() : s.before().lock());
        killed.reports().forEach((f, sha) -> assertThat(sha).as("report " + f).isIn(s.after().reports().get(f), s.before().reports().get(f)));
        killed.store().forEach((f, sha) -> assertThat(sha).as("store file " + f).isEqualTo(s.after().store().get(f)));

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
                || !outputsNew && !lockNew && s.before().lock() != null && !killed.store().containsKey(s.newMeta());
        TestCli.Result check = work.inProcess("check", "--offline");
        assertThat(check.code()).as(check.toString()).isEqualTo(current ? 0 : 1);

        // the next sync finishes the work: the same state as an uninterrupted run
        TestCli.Result again = work.inProcess("sync");
        assertThat(again.code()).as(again.toString()).isZero();
        SyncDir.State done = work.state();
        assertThat(done.outputs()).as("outputs after the next sync").isEqualTo(s.after().outputs());
        assertThat(done.lock()).as("lock after the next sync").isEqualTo(s.after().lock());
        assertThat(done.reports()).as("reports after the next sync").isEqualTo(s.after().reports());
        assertThat(done.store()).as("store after the next sync").isEqualTo(s.after().store());
        Map<String, Object> inodesAfter = work.inodes();
        inodesBefore.forEach((f, ino) -> {
            if (s.before().outputs().get(f).equals(s.after().outputs().get(f))) {
                assertThat(inodesAfter.get(f)).as("unchanged " + f + " keeps its inode").isEqualTo(ino);
            }
        });
        assertThat(work.leftovers()).as("temporary files after the next sync").isEmpty();
        work.delete();
    }
}
