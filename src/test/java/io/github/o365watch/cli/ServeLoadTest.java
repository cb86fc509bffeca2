package io.github.o365watch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.o365watch.domain.Checksums;
import io.github.o365watch.testing.WireMocks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many pollers at once, each asking with the tag it last got, while sync switches the release back
 * and forth: every answer is a 200 with a whole file of one release (its SHA-256 is that of the file
 * at that path in a release sync published, and its tag says the same) or a 304, never an error.
 * Bounded: two switches (a few seconds on two cores). Prints latency percentiles (docs/performance.md keeps the figures).
 */
class ServeLoadTest {
    static final String A = SyncTest.A;
    static final String B = SyncTest.B;
    static final int POLLERS = 4;

    @RegisterExtension
    static WireMockExtension wm =
            WireMockExtension.newInstance().options(WireMocks.options()).build();

    @TempDir
    Path dir;

    ServeSite site;

    @AfterEach
    void tearDown() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void everyAnswerIsAWholeFileOfOneReleaseWhileSyncSwitches() throws Exception {
        site = new ServeSite(wm, dir);
        site.n.service.publish("Worldwide", A);
        assertThat(site.n.sync().code()).isZero();
        Map<String, Set<String>> published = new HashMap<>();
        record(published);
        site.start();
        List<String> paths = new ArrayList<>(site.n.outputs().keySet());
        paths.add("proxy.pac");

        AtomicBoolean done = new AtomicBoolean();
        Map<String, Set<String>> seen = new ConcurrentHashMap<>();
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(POLLERS);
        List<Future<?>> pollers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLongArray answered = new java.util.concurrent.atomic.AtomicLongArray(POLLERS);
        for (int t = 0; t < POLLERS; t++) {
            int offset = t;
            pollers.add(pool.submit(() -> poll(paths, offset, done, seen, nanos, errors, answered)));
        }
        // B, then back to A: each a new release the server must pick up
        site.n.service.publish("Worldwide", B);
        String[][] runs = {{}, {"--version", A}};
        for (String[] args : runs) {
            assertThat(site.n.sync(args).code()).isZero();
            Map<String, String> now = site.n.outputs();
            record(published);
            String list = "worldwide/edl/o365-optimize-ipv4.txt";
            assertThat(new String(site.get("/" + list).body(), StandardCharsets.UTF_8))
                    .isEqualTo(now.get(list));
            // each poller asks for every path of this release before the next switch: waits on their work, not on a
            // clock
            long[] before = new long[POLLERS];
            for (int t = 0; t < POLLERS; t++) {
                before[t] = answered.get(t);
            }
            for (int t = 0; t < POLLERS; t++) {
                while (answered.get(t) <= before[t] + paths.size()
                        && errors.isEmpty()
                        && !pollers.get(t).isDone()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // leave the two cores to the pollers
                }
            }
        }
        done.set(true);
        for (Future<?> f : pollers) {
            f.get();
        }
        pool.shutdown();

        assertThat(errors).isEmpty();
        assertThat(nanos.size()).isGreaterThan(POLLERS * runs.length);
        seen.forEach(
                (path, shas) -> assertThat(published.get(path.equals("proxy.pac") ? "worldwide/pac/o365.pac" : path))
                        .as(path)
                        .containsAll(shas));
        List<String> changed = published.keySet().stream()
                .filter(p -> published.get(p).size() == 2)
                .toList();
        assertThat(changed).isNotEmpty();
        changed.forEach(p -> assertThat(seen.get(p))
                .as(p + ": the pollers saw both releases")
                .hasSize(2));
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf(
                "serve load: %d requests by %d pollers over %d release switches; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
                        + " max %.2f ms%n",
                sorted.size(),
                POLLERS,
                runs.length,
                ms(sorted, 0.50),
                ms(sorted, 0.90),
                ms(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private void record(Map<String, Set<String>> published) throws IOException {
        site.n
                .outputs()
                .forEach((p, text) -> published
                        .computeIfAbsent(p, k -> new HashSet<>())
                        .add(Checksums.sha256(text.getBytes(StandardCharsets.UTF_8))));
    }

    private void poll(
            List<String> paths,
            int offset,
            AtomicBoolean done,
            Map<String, Set<String>> seen,
            List<Long> nanos,
            List<String> errors,
            java.util.concurrent.atomic.AtomicLongArray answered) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, String> tags = new HashMap<>();
        for (int i = offset; !done.get() && errors.isEmpty(); i++) {
            String path = paths.get(i % paths.size());
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(site.url("/" + path))).timeout(Duration.ofSeconds(20));
            if (tags.containsKey(path)) {
                b.header("If-None-Match", tags.get(path));
            }
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                nanos.add(System.nanoTime() - start);
                if (r.statusCode() == 200) {
                    String sha = Checksums.sha256(r.body());
                    String tag = r.headers().firstValue("ETag").orElse("");
                    if (!tag.equals("\"" + sha.substring(0, 32) + "\"")) {
                        errors.add(path + ": tag " + tag + " for a body of SHA-256 " + sha);
                    }
                    tags.put(path, tag);
                    seen.computeIfAbsent(path, k -> ConcurrentHashMap.newKeySet())
                            .add(sha);
                } else if (r.statusCode() != 304) {
                    errors.add(path + ": " + r.statusCode());
                }
                answered.incrementAndGet(offset);
            } catch (IOException | RuntimeException e) {
                errors.add(path + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
