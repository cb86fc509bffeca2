package io.github.o365watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.testing.FakeService;
import io.github.o365watch.testing.SyncDir;
import io.github.o365watch.testing.WireMocks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two syncs on one store, as two processes of the packaged jar. The first is stopped while it
 * writes the store ({@code -Do365watch.crashpoint}), holding the store lock; the second waits
 * {@code --lock-timeout} and gives up with exit 5, naming the holder, having touched nothing. Then
 * the holder is killed with SIGKILL: its OS lock dies with it, though {@code .lock} still names it
 * and its temporary file is still there, and the next sync takes the store over at once (with the
 * default timeout of 60 s, a lock that outlived its holder would end in exit 5), removes the
 * leftover and finishes.
 */
class StoreLockIT {
    static final String A = "2019082800";

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path tmp;

    @Test
    void aSecondSyncWaitsThenGivesUpAndAKilledHoldersLockIsTakenOver() throws Exception {
        FakeService service = new FakeService(wm).publish("Worldwide", A);
        SyncDir d = SyncDir.create(tmp.resolve("team"), tmp.resolve("machine"), service.url());
        String point = "atomic.temp-written:1"; // the first file of the new snapshot, not yet renamed into place
        Process holder = d.process(d.javaCommand(
                        List.of("-Do365watch.crashpoint=" + point),
                        "sync",
                        "--config",
                        d.config().toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(holder.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = err.readLine();
            } while (line != null && !line.equals("o365watch-crashpoint " + point));
            assertThat(line).as("the holder reached " + point).isNotNull();

            SyncDir.State before = d.state();
            List<String> leftBefore = d.leftovers();
            SyncDir.Run second = d.sync(List.of(), "--lock-timeout", "1");

            assertThat(second.code()).as(second.toString()).isEqualTo(5);
            assertThat(second.err())
                    .contains("the store " + d.dir.resolve("snapshots")
                            + " is busy: another o365watch is writing to it (pid " + holder.pid()
                            + " (o365watch sync)); gave up after 1 s");
            assertThat(d.state()).isEqualTo(before);
            assertThat(d.leftovers()).isEqualTo(leftBefore);

            holder.destroyForcibly();
            assertThat(holder.waitFor()).isEqualTo(128 + 9);
        }
        assertThat(Files.readString(d.dir.resolve("snapshots/.lock"))).contains("pid " + holder.pid() + " ");
        assertThat(d.leftovers()).singleElement().asString().startsWith("snapshots/worldwide/.o365watch-tmp-");
        assertThat(d.state().lock()).isNull();

        SyncDir.Run third = d.sync(List.of());

        assertThat(third.code()).as(third.toString()).isZero();
        assertThat(third.out()).contains("Worldwide: applied " + A + " (first sync)");
        assertThat(Files.readString(d.dir.resolve("snapshots/.lock"))).doesNotContain("pid " + holder.pid() + " ");
        assertThat(d.leftovers()).isEmpty();
        assertThat(d.inProcess("check", "--offline").code()).isZero();
    }
}
