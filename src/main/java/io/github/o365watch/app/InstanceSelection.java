package io.github.o365watch.app;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.InvalidDataException;
import io.github.o365watch.source.PublishedVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Which instances a command works on: named ones, all of them, or the default (Worldwide). */
public record InstanceSelection(List<String> names, boolean all) {

    public InstanceSelection {
        names = List.copyOf(names);
    }

    public static InstanceSelection defaults() {
        return new InstanceSelection(List.of(), false);
    }

    /** The named instances (or Worldwide), parsed; for commands that work on the store. */
    public List<Instance> parsed() {
        if (names.isEmpty()) {
            return List.of(Instance.WORLDWIDE);
        }
        Set<Instance> out = new LinkedHashSet<>();
        for (String n : names) {
            try {
                out.add(Instance.parse(n));
            } catch (InvalidDataException e) {
                throw UsageException.commandLine("--instance: " + e.getMessage());
            }
        }
        return new ArrayList<>(out);
    }

    /** The selection checked against what {@code /version} publishes; unknown names are usage errors. */
    public List<Instance> against(List<PublishedVersion> published, String source) {
        List<Instance> known =
                published.stream().map(PublishedVersion::instance).toList();
        if (all) {
            return known.stream().sorted().toList();
        }
        List<Instance> out = new ArrayList<>();
        for (Instance i : parsed()) {
            if (!known.contains(i)) {
                throw new UsageException("no instance '" + i + "' at " + source + "; published instances: "
                        + known.stream().map(Instance::name).collect(Collectors.joining(", ")));
            }
            out.add(i.spelledAsIn(known));
        }
        return out;
    }

    /** The selection for offline work: with {@code all}, every instance in the store. */
    public List<Instance> stored(List<Instance> inStore) {
        if (all) {
            return inStore.isEmpty() ? List.of(Instance.WORLDWIDE) : inStore;
        }
        return parsed().stream()
                .map(i -> known(i, inStore).spelledAsIn(inStore))
                .toList();
    }

    /**
     * An instance o365watch knows by name, or one the store holds (the service may publish one this
     * version does not know). Anything else is a typo, a usage error naming the instances there are,
     * as the config file does, rather than "nothing is stored" and advice to fetch it.
     */
    public static Instance known(Instance i, java.util.Collection<Instance> inStore) {
        if (i.isKnown() || inStore.contains(i)) {
            return i;
        }
        List<String> names = new ArrayList<>(Instance.current());
        inStore.stream().map(Instance::name).filter(n -> !names.contains(n)).forEach(names::add);
        throw UsageException.commandLine(
                "--instance: unknown instance '" + io.github.o365watch.text.Printable.of(i.name())
                        + "'; the instances are " + String.join(", ", names) + " (case-insensitive)");
    }
}
