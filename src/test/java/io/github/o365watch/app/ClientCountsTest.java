package io.github.o365watch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.net.Family;
import io.github.o365watch.domain.net.IpAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The client table counts as a map of addresses to two counts would, through growth and merging. */
class ClientCountsTest {

    private static Map<IpAddress, Counts> contents(ClientCounts t) {
        Map<IpAddress, Counts> out = new HashMap<>();
        t.forEach(e -> assertThat(out.put(e.client(), new Counts(e.first(), e.second())))
                .as("each client once")
                .isNull());
        return out;
    }

    private record Counts(long first, long second) {}

    private static void count(Map<IpAddress, long[]> model, IpAddress a, int which) {
        model.computeIfAbsent(a, x -> new long[2])[which]++;
    }

    private static Map<IpAddress, Counts> of(Map<IpAddress, long[]> model) {
        Map<IpAddress, Counts> out = new HashMap<>();
        model.forEach((a, n) -> out.put(a, new Counts(n[0], n[1])));
        return out;
    }

    @Test
    void anIpv4AndAnIpv6AddressOfTheSameValueAreTwoClients() {
        ClientCounts t = new ClientCounts();
        IpAddress v4 = IpAddress.parse("10.0.0.1").orElseThrow();
        IpAddress v6 = IpAddress.parse("::a00:1").orElseThrow();
        assertThat(v6.low()).isEqualTo(v4.low());
        assertThat(v6.high()).isEqualTo(v4.high());
        t.increment(v4, 0);
        t.increment(v6, 1);
        t.increment(v6, 1);

        assertThat(contents(t)).isEqualTo(Map.of(v4, new Counts(1, 0), v6, new Counts(0, 2)));
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void countsAsAMapThroughGrowthAndMerging() {
        Random random = new Random(18);
        Map<IpAddress, long[]> model = new HashMap<>();
        ClientCounts a = new ClientCounts();
        ClientCounts b = new ClientCounts();
        for (int i = 0; i < 200_000; i++) {
            IpAddress client = random.nextInt(4) == 0
                    ? new IpAddress(Family.IPV6, 0x20010db8_00000000L | random.nextInt(64), random.nextInt(3000))
                    : new IpAddress(Family.IPV4, 0, 0x0a000000L + random.nextInt(40_000));
            int which = random.nextInt(2);
            (i % 3 == 0 ? a : b).increment(client, which);
            count(model, client, which);
        }
        assertThat(contents(a)).hasSizeGreaterThan(1000);

        a.addAll(b);

        assertThat(contents(a)).isEqualTo(of(model));
        assertThat(a.size()).isEqualTo(model.size());
    }

    @Test
    void anEmptyTableHasNoClients() {
        ClientCounts t = new ClientCounts();
        t.addAll(new ClientCounts());
        assertThat(contents(t)).isEmpty();
        assertThat(t.size()).isZero();
    }
}
