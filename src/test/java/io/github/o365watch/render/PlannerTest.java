package io.github.o365watch.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.PortSet;
import io.github.o365watch.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The plan's groups over Microsoft's real lists, against the straightforward way of making each part. */
class PlannerTest {
    @Test
    void aGroupsPortsAndSetsAreThoseOfItsItems() {
        // the planner joins each distinct port set once; joining every item's in turn gives the same
        int groups = 0;
        for (String version : Fixtures.versions("Worldwide")) {
            Selected selected = Selector.select(Fixtures.snapshot("Worldwide", version), Selection.defaults(), false);
            Plan plan = Planner.plan(selected, Limits.EXACT);
            for (Group g : plan.categories()) {
                PortSet tcp = PortSet.EMPTY;
                PortSet udp = PortSet.EMPTY;
                for (Item i : selected.items()) {
                    if (i.category().equals(g.category())) {
                        tcp = tcp.union(i.tcp());
                        udp = udp.union(i.udp());
                    }
                }
                assertThat(g.tcp()).as(version + " " + g.key()).isEqualTo(tcp);
                assertThat(g.udp()).as(version + " " + g.key()).isEqualTo(udp);
                groups++;
            }
            for (Group g : plan.rules()) {
                // a rule group is one category's items with one port signature: the sets of every such item
                assertThat(g.sets())
                        .as(version + " " + g.key())
                        .isNotEmpty()
                        .isEqualTo(selected.items().stream()
                                .filter(i -> !i.fromOverride()
                                        && i.category().equals(g.category())
                                        && i.tcp().equals(g.tcp())
                                        && i.udp().equals(g.udp()))
                                .map(Item::setId)
                                .distinct()
                                .sorted()
                                .toList());
            }
        }
        assertThat(groups).isGreaterThanOrEqualTo(Fixtures.versions("Worldwide").size());
    }
}
