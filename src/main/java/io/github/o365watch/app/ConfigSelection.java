package io.github.o365watch.app;

import io.github.o365watch.domain.Checksums;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.render.Limits;
import io.github.o365watch.render.Selection;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The selection and the render jobs a config file asks for, and a hash of them for the lock file. */
public final class ConfigSelection {
    private ConfigSelection() {}

    /** The selection the config asks for, resolved against a version's service areas and categories. */
    public static Selection selection(Config c, Snapshot snapshot) {
        return selection(c.selection(), c.tenant(), snapshot);
    }

    /** A selection in the config file's terms (the command line's options merged into them), resolved against a version. */
    public static Selection selection(Config.SelectionConfig s, java.util.Optional<String> tenant, Snapshot snapshot) {
        return new Selection(
                Selections.filter(s.serviceAreas(), s.categories(), s.requiredOnly(), snapshot),
                s.families(),
                tenant,
                s.overrides(),
                s.excludeTenantShared());
    }

    static List<Generate.Job> jobs(Config c) {
        return c.targets().stream()
                .map(t -> new Generate.Job(t.name(), t.options(), limits(c, t)))
                .toList();
    }

    /** A target's budget within the guard's bounds on prefix lengths. */
    static Limits limits(Config c, Config.TargetConfig t) {
        return new Limits(
                t.maxEntries(),
                t.maxExtraPercent(),
                c.guard().minIpv4PrefixLength(),
                c.guard().minIpv6PrefixLength());
    }

    /** Changes when anything that shapes the outputs changes: selection, tenant, overrides, targets and their options. */
    static String hash(Config c) {
        StringBuilder s = new StringBuilder();
        s.append("selection ")
                .append(c.selection().serviceAreas())
                .append(' ')
                .append(c.selection().categories())
                .append(' ')
                .append(c.selection().requiredOnly())
                .append(' ')
                .append(c.selection().families().id())
                .append(c.selection().excludeTenantShared() ? " excludeTenantShared" : "")
                .append(
                        c.selection().holdRemovalsDays() > 0
                                ? " holdRemovalsDays " + c.selection().holdRemovalsDays()
                                : "")
                .append('\n');
        s.append("tenant ").append(c.tenant().orElse("")).append('\n');
        s.append("overrides ").append(c.selection().overrides()).append('\n');
        s.append("instances ")
                .append(c.instances().stream()
                        .map(i -> io.github.o365watch.domain.Instance.parse(i).name())
                        .sorted()
                        .toList())
                .append('\n');
        c.templates()
                .ifPresent(
                        t -> s.append("templates ").append(Templates.digest(t)).append('\n'));
        for (Config.TargetConfig t : c.targets()) {
            s.append("target ")
                    .append(t.name())
                    .append(' ')
                    .append(new java.util.TreeMap<>(t.options()))
                    .append(' ')
                    .append(t.maxEntries());
            // what shapes only summarised lists, only when they are: the hash of an exact config stays as it was
            if (t.maxEntries() > 0) {
                s.append(" extra ")
                        .append(t.maxExtraPercent().stripTrailingZeros().toPlainString());
            }
            s.append('\n');
        }
        if (c.guard().minIpv4PrefixLength() != Limits.DEFAULT_MIN_IPV4_PREFIX_LENGTH
                || c.guard().minIpv6PrefixLength() != Limits.DEFAULT_MIN_IPV6_PREFIX_LENGTH) {
            s.append("bounds /")
                    .append(c.guard().minIpv4PrefixLength())
                    .append(" /")
                    .append(c.guard().minIpv6PrefixLength())
                    .append('\n');
        }
        return Checksums.sha256(s.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }
}
