package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.SyncDir;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.Tools;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up during sync, and an output directory nobody may write: exit 5, and
 * nothing half-written. The full disk is a small tmpfs mounted in a private mount namespace
 * ({@code unshare -m}), filled with a file but for K pages; the packaged jar syncs the next
 * version there (one child JVM for every K in turn, each on a tmpfs of its own). K is worked out from an uninterrupted run (the order in which it writes files
 * and their sizes) so that the space runs out at the first file of each phase in turn: the
 * snapshot, the outputs, the reports, the lock file. The unwritable directory is made immutable
 * with {@code chattr +i}, which stops root too.
 */
class FullDiskIT {
    static final String Z = "2019072900";
    static final String A = "2019082800";
    static final String B = "2019093000";
    static final int PAGE = 4096;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    SyncDir atA;

    /** A directory synced through {@code versions} in turn, with B published next. */
    private SyncDir base(String name, String... versions) {
        FakeService service = new FakeService(wm);
        SyncDir d = SyncDir.create(tmp.resolve(name), tmp.resolve("machine"), service.url());
        for (String v : versions) {
            service.publish("Worldwide", v);
            // the set-up needs no child JVM: the run under test does
            TestCli.Result r = d.inProcess("sync");
            assertThat(r.code()).as(r.toString()).isZero();
        }
        service.publish("Worldwide", B);
        return d;
    }

    /**
     * From A applied first (no report yet, one release), the space runs out in each phase in turn.
     * From A applied after Z (a report, a feed item, two releases), the prune of Z's release
     * frees more than the lock file needs, so the lock cannot run out; the failure in the reports
     * must put the feed back as it was.
     */
    @Test
    void aFullDiskEndsWithExit5AndNothingHalfWritten() throws IOException {
        Path unshare = Tools.require("unshare");
        Path mount = Tools.require("mount");
        Tools.requireMountNamespace(Files.createDirectories(tmp.resolve("probe")));

        fillUpDuringSync(
                unshare, mount, base("at-a", A), List.of("snapshots", "outputs", "reports", "lock file", "nothing"));
        fillUpDuringSync(
                unshare, mount, base("at-a-after-z", Z, A), List.of("snapshots", "outputs", "reports", "nothing"));
    }

    private void fillUpDuringSync(Path unshare, Path mount, SyncDir start, List<String> phases) throws IOException {
        atA = start;
        // an uninterrupted run: the order of the writes (the trace) and what they leave
        SyncDir ref = atA.copyTo(tmp.resolve(atA.dir.getFileName() + "-reference"));
        SyncDir.Run traced = ref.sync(List.of("-Do365watch.crashpoint=trace"));
        assertThat(traced.code()).as(traced.toString()).isZero();
        SyncDir.State before = atA.state();
        SyncDir.State after = ref.state();
        List<String> releasesBefore = list(atA.dir.resolve(".generated.releases"));

        Map<String, Integer> room = roomPerPhase(traced.err(), ref.dir);
        assertThat(room.keySet()).as("phases the space can run out in: " + room).containsExactlyElementsOf(phases);
        Map<Integer, SyncDir.Run> runs = syncsOnTmpfs(unshare, mount, List.copyOf(room.values()));
        for (Map.Entry<String, Integer> phase : room.entrySet()) {
            Path out = outAfter(phase.getValue());
            SyncDir.Run r = runs.get(phase.getValue());
            SyncDir.State s = stateOf(out);
            String what =
                    atA.dir.getFileName() + ", " + phase.getKey() + " (" + phase.getValue() + " pages free): " + r;
            if (phase.getKey().equals("nothing")) {
                assertThat(r.code()).as(what).isZero();
                assertThat(s).as(what).isEqualTo(after);
                continue;
            }
            assertThat(r.code()).as(what).isEqualTo(5);
            assertThat(r.err()).as(what).contains("No space left on device").contains(expectedPath(phase.getKey()));
            // nothing half-written: outputs, lock and reports as before; the snapshot stored whole or not at all
            assertThat(s.outputs()).as(what).isEqualTo(before.outputs());
            assertThat(s.lock()).as(what).isEqualTo(before.lock());
            assertThat(s.reports()).as(what).isEqualTo(before.reports());
            assertThat(s.store()).as(what).isIn(before.store(), after.store());
            assertThat(leftovers(out)).as(what).isEmpty();
            // no release but those there before (the oldest may be gone: publishing prunes it, and a failure later
            // keeps A's)
            assertThat(releasesBefore)
                    .as(what)
                    .containsAll(list(out.resolve(".generated.releases")))
                    .contains(
                            out.resolve("generated").toRealPath().getFileName().toString());

            // with room again, the next sync finishes
            TestCli.Result again = new TestCli(tmp.resolve("machine"))
                    .run("sync", "--config", out.resolve("o365watch.yaml").toString());
            assertThat(again.code()).as(again.toString()).isZero();
            assertThat(stateOf(out)).as(what).isEqualTo(after);
        }
    }

    @Test
    void anUnwritableOutputDirectoryEndsWithExit5AndChangesNothing() {
        atA = base("at-a", A);
        Path releases = atA.dir.resolve(".generated.releases");
        SyncDir.State before = atA.state();
        Map<String, String> files = io.github.o365watch.testing.Stat.tree(atA.dir);
        // immutable: no entry can be added, even by root (permission bits do not stop root)
        TestCli.Result r = Tools.whileImmutable(releases, () -> atA.inProcess("sync"));

        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("cannot publish the outputs in " + atA.dir.resolve("generated"));
        SyncDir.State s = atA.state();
        assertThat(s.outputs()).isEqualTo(before.outputs());
        assertThat(s.lock()).isEqualTo(before.lock());
        assertThat(s.reports()).isEqualTo(before.reports());
        assertThat(atA.leftovers()).isEmpty();
        // the new version is stored (fetching is done), nothing else changed
        Map<String, String> now = io.github.o365watch.testing.Stat.tree(atA.dir);
        now.keySet().removeIf(p -> p.startsWith("snapshots/"));
        files.keySet().removeIf(p -> p.startsWith("snapshots/"));
        assertThat(now).isEqualTo(files);

        TestCli.Result again = atA.inProcess("sync");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("applied " + B + " (was " + A + ")");
    }

    /** The lock file is written last: when it cannot be, the outputs, the reports and the feed go back to what it records. */
    @Test
    void aLockFileThatCannotBeReplacedPutsOutputsReportsAndFeedBack() {
        atA = base("at-a-after-z", Z, A);
        Path lock = atA.dir.resolve("o365watch.lock");
        SyncDir.State before = atA.state();
        assertThat(before.reports()).containsKey("o365watch.rss");
        TestCli.Result r = Tools.whileImmutable(lock, () -> atA.inProcess("sync"));

        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("cannot write " + lock);
        SyncDir.State s = atA.state();
        assertThat(s.outputs()).isEqualTo(before.outputs());
        assertThat(s.lock()).isEqualTo(before.lock());
        assertThat(s.reports()).isEqualTo(before.reports());
        assertThat(atA.leftovers()).isEmpty();

        TestCli.Result again = atA.inProcess("sync");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(atA.state().reports())
                .containsKeys("worldwide-" + A + "-" + B + ".md")
                .doesNotContainEntry("o365watch.rss", before.reports().get("o365watch.rss"));
    }

    /** A write in the traced run (pages of the new file, pages of the file it replaces), or the prune (pages it frees). */
    record Step(String phase, int pages, int replaces) {}

    /**
     * For each phase, the fewest free pages at which the space runs out in that phase, found by
     * replaying the traced run's writes in order: a file needs room for all its pages while the
     * one it replaces is still there; a hard link needs none; the prune frees the pages of the
     * release it removes. "nothing": the fewest at which everything fits.
     */
    private Map<String, Integer> roomPerPhase(String trace, Path ref) throws IOException {
        List<Step> steps = new ArrayList<>();
        Path releases = ref.resolve(".generated.releases");
        for (String line : trace.lines().toList()) {
            if (line.startsWith("o365watch-crashpoint publish.pruned:")) {
                steps.add(new Step("prune", 0, prunedPages(ref)));
            }
            if (!line.startsWith("o365watch-crashpoint atomic.temp-created:")) {
                continue;
            }
            Path file = Path.of(line.split(" ", 3)[2]);
            String phase = phase(ref.relativize(file).toString());
            // the file as the run left it: a staged output is in the release the link now names
            Path done = phase.equals("outputs")
                    ? ref.resolve("generated")
                            .resolve(releases.relativize(file)
                                    .subpath(1, releases.relativize(file).getNameCount()))
                    : file;
            Path old = atA.dir.resolve(ref.relativize(file));
            steps.add(new Step(phase, pages(Files.size(done)), Files.exists(old) ? pages(Files.size(old)) : 0));
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int free = 0; !out.containsKey("nothing"); free++) {
            out.putIfAbsent(runsOutIn(steps, free), free);
        }
        return out;
    }

    private static String runsOutIn(List<Step> steps, int free) {
        for (Step s : steps) {
            if (s.pages() > free) {
                return s.phase();
            }
            free += s.replaces() - s.pages();
        }
        return "nothing";
    }

    /** Pages the prune frees: the releases gone in the run, less the files still linked from the ones kept. */
    private int prunedPages(Path ref) throws IOException {
        int freed = 0;
        List<String> kept = list(ref.resolve(".generated.releases"));
        for (String r : list(atA.dir.resolve(".generated.releases"))) {
            if (kept.contains(r)) {
                continue;
            }
            try (Stream<Path> files =
                    Files.walk(atA.dir.resolve(".generated.releases").resolve(r))) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    if ((Integer) Files.getAttribute(f, "unix:nlink") == 1) {
                        freed += pages(Files.size(f));
                    }
                }
            }
        }
        return freed;
    }

    private static String phase(String relative) {
        if (relative.startsWith("snapshots/")) {
            return "snapshots";
        }
        if (relative.startsWith(".generated.releases/")) {
            return "outputs";
        }
        if (relative.startsWith("reports/")) {
            return "reports";
        }
        if (relative.equals("o365watch.lock")) {
            return "lock file";
        }
        throw new AssertionError("sync wrote a file of no known phase: " + relative);
    }

    private static String expectedPath(String phase) {
        return switch (phase) {
            case "snapshots" -> "/snapshots/worldwide/";
            case "outputs" -> "/.generated.releases/.staging-";
            case "reports" -> "/reports/";
            default -> "/o365watch.lock";
        };
    }

    private static int pages(long bytes) {
        return (int) ((bytes + PAGE - 1) / PAGE);
    }

    /** Where the tmpfs's content is copied after the sync that had {@code free} pages. */
    private Path outAfter(int free) {
        return tmp.resolve(atA.dir.getFileName() + "-after-" + free);
    }

    /**
     * In one private mount namespace: per entry of {@code frees}, a tmpfs with a copy of the
     * directory at A, filled but for that many pages; one child JVM syncs on each in turn
     * ({@code ChildRunsInTurn}: one JVM start, not one per phase); then each tmpfs's content is
     * copied to {@link #outAfter} for the checks. The runs by number of free pages.
     */
    private Map<Integer, SyncDir.Run> syncsOnTmpfs(Path unshare, Path mount, List<Integer> frees) throws IOException {
        Path results = Files.createDirectories(tmp.resolve(atA.dir.getFileName() + "-results"));
        Path mnts = Files.createDirectories(tmp.resolve(atA.dir.getFileName() + "-mnt"));
        List<String> configs = new ArrayList<>();
        List<String> lines = new ArrayList<>(List.of("set -e", "src=$1 mnts=$2", "shift 2"));
        for (int free : frees) {
            Files.createDirectories(mnts.resolve(Integer.toString(free)));
            Files.createDirectories(outAfter(free));
            configs.add(mnts.resolve(Integer.toString(free))
                    .resolve("o365watch.yaml")
                    .toString());
            String mnt = "\"$mnts/" + free + "\"";
            lines.addAll(List.of(
                    mount + " -t tmpfs -o size=8m tmpfs " + mnt,
                    "cp -a \"$src\"/. " + mnt + "/",
                    "dd if=/dev/zero of=" + mnt + "/.filler bs=" + PAGE
                            + " 2>/dev/null || true", // until the disk is full
                    "truncate -s -" + (long) free * PAGE + " " + mnt + "/.filler"));
        }
        lines.addAll(List.of("set +e", "\"$@\"", "code=$?"));
        for (int free : frees) {
            String mnt = "\"$mnts/" + free + "\"";
            lines.add("rm -f " + mnt + "/.filler");
            lines.add("cp -a " + mnt + "/. \"" + outAfter(free) + "\"/");
        }
        lines.add("exit $code");
        List<String> cmd = new ArrayList<>(List.of(
                unshare.toString(),
                "-m",
                "sh",
                "-c",
                String.join("\n", lines),
                "sh",
                atA.dir.toString(),
                mnts.toString()));
        List<String> args = new ArrayList<>(List.of(results.toString()));
        args.addAll(configs);
        cmd.addAll(SyncDir.javaCommand(
                List.of(), io.github.o365watch.testing.ChildRunsInTurn.class, args.toArray(String[]::new)));
        SyncDir.Run all = atA.run(cmd);
        assertThat(all.code()).as("the child JVM and the mounts: " + all).isZero();
        Map<Integer, SyncDir.Run> runs = new LinkedHashMap<>();
        for (int k = 1; k <= frees.size(); k++) {
            runs.put(
                    frees.get(k - 1),
                    new SyncDir.Run(
                            Integer.parseInt(Files.readString(results.resolve(k + ".code"))),
                            Files.readString(results.resolve(k + ".out")),
                            Files.readString(results.resolve(k + ".err"))));
        }
        return runs;
    }

    private SyncDir.State stateOf(Path dir) {
        return SyncDir.at(dir, tmp.resolve("machine")).state();
    }

    private List<String> leftovers(Path dir) {
        return SyncDir.at(dir, tmp.resolve("machine")).leftovers();
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
