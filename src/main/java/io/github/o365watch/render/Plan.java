package io.github.o365watch.render;

import java.util.List;

/**
 * What every target renders from: one group per category (an address or name in several
 * categories is listed in the most trusted one, as Microsoft says) and one group per category
 * and port signature (so a rule opens exactly the ports each entry is listed with), written
 * within {@code limits}.
 */
public record Plan(Selected selected, List<Group> categories, List<Group> rules, Limits limits) {
    public Plan {
        categories = List.copyOf(categories);
        rules = List.copyOf(rules);
    }

    /** True when some object admits addresses beyond the selection. */
    public boolean summarised() {
        return categories.stream().anyMatch(g -> !g.v4().exact() || !g.v6().exact())
                || rules.stream().anyMatch(g -> !g.v4().exact() || !g.v6().exact());
    }
}
