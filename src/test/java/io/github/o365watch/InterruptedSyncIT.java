package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.SyncDir;
import io.github.o365watch.testing.TestCli;
import io.github.o365watch.testing.WireMocks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * sync stopped by SIGTERM (systemctl stop, a cancelled CI job) or SIGINT (Ctrl-C): the packaged jar
 * runs sync in a child JVM from A to B, held at a named point ({@code store.CrashPoint}) and sent
 * the real signal there. It says on stderr what the interruption left; {@code check} calls outputs
 * published without their lock file an interrupted sync, not an edit; the next sync finishes.
 */
class InterruptedSyncIT {
    static final String A = "2019082800";
    static final String B = "2019093000";
    static final String MARK = "o365watch-crashpoint ";

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    record Stopped(int code, List<String> err) {}

    /** A site synced to A, with B published. */
    SyncDir siteAtA() {
        FakeService service = new FakeService(wm).publish("Worldwide", A);
        SyncDir site = SyncDir.create(tmp.resolve("site"), tmp.resolve("machine"), service.url());
        SyncDir.Run first = site.sync(List.of());
        assertThat(first.code()).as(first.toString()).isZero();
        service.publish("Worldwide", B);
        return site;
    }

    /** sync held at {@code point}, then sent {@code signal} (INT or TERM); what it printed after the mark. */
    Stopped stopAt(SyncDir site, String point, String signal) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("env", "--default-signal=INT")); // a background job may inherit SIGINT ignored
        command.addAll(site.javaCommand(
                List.of("-Do365watch.crashpoint=" + point),
                "sync",
                "--config",
                site.config().toString()));
        Process p = site.process(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> err = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            while (line != null && !line.equals(MARK + point)) {
                err.add(line);
                line = r.readLine();
            }
            assertThat(line).as("the child reached " + point + ": " + err).isNotNull();
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(p.pid()))
                    .inheritIO()
                    .start();
            assertThat(kill.waitFor()).isZero();
            for (line = r.readLine(); line != null; line = r.readLine()) {
                err.add(line);
            }
        }
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Stopped(p.exitValue(), err);
    }

    @Test
    void sigtermAfterPublishingSaysSoAndCheckCallsItAnInterruptedSync() throws Exception {
        SyncDir site = siteAtA();
        String lockAtA = Files.readString(site.dir.resolve("o365watch.lock"));

        Stopped s = stopAt(site, "sync.published:1", "TERM");

        assertThat(s.code()).as("stopped by SIGTERM: " + s.err()).isEqualTo(128 + 15);
        assertThat(s.err())
                .containsExactly(
                        "o365watch: sync was interrupted while publishing the outputs and writing the reports, before it"
                                + " wrote o365watch.lock: the outputs are the old set or the new one, never a mix, and check reports an interrupted sync"
                                + " until the next sync finishes the job");
        assertThat(Files.readString(site.dir.resolve("o365watch.lock")))
                .as("the lock file as it was")
                .isEqualTo(lockAtA);

        TestCli.Result check = site.inProcess("check", "--offline");
        assertThat(check.code()).as(check.toString()).isEqualTo(1);
        assertThat(check.out())
                .contains("differs from what the lock file records: an interrupted sync (run sync)")
                .doesNotContain("edited by hand");

        TestCli.Result again = site.inProcess("sync");
        assertThat(again.code()).as(again.toString()).isZero();
        TestCli.Result after = site.inProcess("check");
        assertThat(after.code()).as(after.toString()).isZero();
    }

    @Test
    void sigintBeforeAnyOutputChangedSaysNothingChanged() throws Exception {
        SyncDir site = siteAtA();
        SyncDir.State before = site.state();

        Stopped s = stopAt(site, "sync.rendered:1", "INT");

        assertThat(s.code()).as("stopped by SIGINT: " + s.err()).isEqualTo(128 + 2);
        assertThat(s.err())
                .containsExactly(
                        "o365watch: sync was interrupted before it changed any output: the outputs and o365watch.lock"
                                + " are as they were, and the next sync does the work");
        SyncDir.State after = site.state();
        assertThat(after.outputs()).isEqualTo(before.outputs());
        assertThat(after.lock()).isEqualTo(before.lock());

        TestCli.Result check = site.inProcess("check", "--offline");
        assertThat(check.code()).as("B is stored and not applied: " + check).isEqualTo(1);
        assertThat(check.out()).doesNotContain("interrupted", "edited by hand");
        assertThat(site.inProcess("sync").code()).isZero();
        assertThat(site.inProcess("check").code()).isZero();
    }

    @Test
    void sigtermWhileNotifyingSaysWhatIsLost() throws Exception {
        SyncDir site = siteAtA();

        Stopped s = stopAt(site, "sync.locked:1", "TERM");

        assertThat(s.code()).isEqualTo(128 + 15);
        assertThat(s.err())
                .containsExactly(
                        "o365watch: sync was interrupted while notifying: the outputs, the reports and o365watch.lock"
                                + " are written; a notification not yet sent is lost (the next sync does not send it again)");
        TestCli.Result check = site.inProcess("check");
        assertThat(check.code()).as(check.toString()).isZero();
    }

    @Test
    void aSyncThatFinishesPrintsNothingAboutInterruptions() throws Exception {
        SyncDir site = siteAtA();
        SyncDir.Run r = site.sync(List.of());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
    }
}
