package io.github.o365watch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.Category;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.PortSet;
import io.github.o365watch.domain.ServiceArea;
import io.github.o365watch.domain.Version;
import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.render.Entry;
import io.github.o365watch.render.Item;
import io.github.o365watch.render.Selected;
import io.github.o365watch.render.Selection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The safety guard's rules one by one, on selections built by hand (the sync tests cover the wiring). */
class GuardTest {
    private static final Config.GuardConfig LIMITS = Config.GuardConfig.DEFAULTS;

    private static Item ip(String prefix, String area) {
        return item(new Entry.Ip(IpPrefix.parse(prefix)), area, "443", "", 11);
    }

    private static Item host(String name, String area) {
        return item(new Entry.Host(HostPattern.parse(name)), area, "443", "", 11);
    }

    private static Item item(Entry e, String area, String tcp, String udp, int set) {
        return new Item(e, Category.OPTIMIZE, PortSet.parse(tcp), PortSet.parse(udp), set, ServiceArea.parse(area), "");
    }

    private static Selected selected(String version, List<Item> items) {
        return new Selected(Instance.WORLDWIDE, Version.parse(version), Selection.defaults(), items, List.of());
    }

    private static List<Item> hosts(int n, String area) {
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(host("h" + i + ".outlook.com", area));
        }
        return out;
    }

    @Test
    void anEmptySelectionIsRefusedEvenWithoutABase() {
        assertThat(Guard.check(null, selected("2019112700", List.of()), LIMITS))
                .containsExactly("Worldwide 2019112700 selects nothing (an empty or truncated list is never applied)");
    }

    @Test
    void aFirstSelectionHasNothingToCompareWith() {
        assertThat(Guard.check(null, selected("2019112700", List.of(ip("13.107.6.152/31", "Exchange"))), LIMITS))
                .isEmpty();
    }

    @Test
    void losingAWholeServiceAreaIsRefusedAndNamed() {
        Selected base = selected(
                "2019102800", List.of(ip("13.107.6.152/31", "Exchange"), host("teams.microsoft.com", "Skype")));
        Selected next = selected("2019112700", List.of(ip("13.107.6.152/31", "Exchange")));
        assertThat(Guard.check(base, next, LIMITS))
                .anySatisfy(m -> assertThat(m).isEqualTo("Worldwide 2019112700 loses the service area Skype"));
    }

    @Test
    void removingMoreThanTheShareOfAFamilysAddressesIsRefusedWithTheFigures() {
        Selected base =
                selected("2019102800", List.of(ip("13.107.6.0/24", "Exchange"), ip("13.107.7.0/24", "Exchange")));
        Selected half = selected("2019112700", List.of(ip("13.107.6.0/24", "Exchange")));
        assertThat(Guard.check(base, half, LIMITS))
                .containsExactly("Worldwide 2019112700 removes 50.0% of the selected IPv4 addresses"
                        + " (256 addresses of 512 addresses; the limit is 10%)");
    }

    @Test
    void removingLessThanTheShareIsAllowedAndTheOtherFamilyIsCountedApart() {
        List<Item> before = new ArrayList<>(List.of(ip("13.107.0.0/20", "Exchange"), ip("2603:1006::/40", "Exchange")));
        // a /24 of a /20 is 6.25% of the IPv4 addresses; IPv6 is unchanged
        Selected base = selected("2019102800", before);
        Selected next = selected(
                "2019112700",
                List.of(
                        ip("13.107.0.0/21", "Exchange"),
                        ip("13.107.8.0/22", "Exchange"),
                        ip("13.107.12.0/23", "Exchange"),
                        ip("13.107.14.0/24", "Exchange"),
                        ip("2603:1006::/40", "Exchange")));
        assertThat(Guard.check(base, next, LIMITS)).isEmpty();
    }

    @Test
    void removingMoreThanTheShareOfHostnamesIsRefused() {
        Selected base = selected("2019102800", hosts(10, "Exchange"));
        Selected eight = selected("2019112700", hosts(8, "Exchange"));
        Selected nine = selected("2019112700", hosts(9, "Exchange"));
        assertThat(Guard.check(base, eight, LIMITS))
                .containsExactly(
                        "Worldwide 2019112700 removes 20.0% of the selected hostnames (2 of 10; the limit is 10%)");
        assertThat(Guard.check(base, nine, LIMITS))
                .as("10% is the limit, not over it")
                .isEmpty();
    }

    @Test
    void mostOfAPortRangeAndSpecialPurposeSpaceAreUnsafeFromTheFeedButNotFromOverrides() {
        Item wide = item(new Entry.Ip(IpPrefix.parse("13.107.6.152/31")), "Skype", "443", "1-40000", 12);
        Item special = ip("192.0.2.0/24", "Exchange");
        Item override = item(new Entry.Ip(IpPrefix.parse("10.0.0.0/8")), "Exchange", "1-65535", "", -1);
        List<String> unsafe = Guard.unsafe(selected("2019112700", List.of(wide, special, override)));
        assertThat(unsafe).hasSize(2);
        assertThat(unsafe.get(0))
                .isEqualTo("Worldwide 2019112700 opens UDP 1-40000 in set 12 (40000 ports, more than half the range)");
        assertThat(unsafe.get(1))
                .startsWith("Worldwide 2019112700 lists 192.0.2.0/24 in set 11, special-purpose address space");
        assertThat(Guard.unsafe(selected("2019112700", List.of(ip("13.107.6.152/31", "Exchange")))))
                .isEmpty();
    }
}
