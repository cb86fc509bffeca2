package io.github.o365watch.render;

import io.github.o365watch.domain.HostPattern;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target's own part of the view: the keys its templates need beyond the neutral view that
 * {@link ViewBuilder} builds for every target (squid's {@code dstdomain} forms, the PAC's two
 * lists). A target without one renders from the neutral view alone. Which target has which is
 * the registry's business ({@code app.BuiltinTargets}): this package knows no target by name.
 */
public interface TargetView {
    /** The neutral view and nothing more. */
    TargetView NONE = new TargetView() {};

    /** The names this view adds, to point a template that names one to the target that has it. */
    default Set<String> keys() {
        return Set.of();
    }

    /**
     * Adds this target's keys to one group's view.
     *
     * @param hosts the group's hostnames this target takes, in the group's order
     */
    default void group(Map<String, Object> group, List<HostPattern> hosts) {}

    /**
     * Adds this target's keys to the top of the view.
     *
     * @param options the target's options, resolved (defaults filled in)
     */
    default void view(Map<String, Object> view, Plan plan, TargetSpec spec, Map<String, String> options) {}
}
