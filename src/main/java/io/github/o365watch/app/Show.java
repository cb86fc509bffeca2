package io.github.o365watch.app;

import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.SetFilter;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.store.StoredVersion;
import java.util.List;

/** One stored version's endpoint sets, filtered. */
public final class Show {
    private final Workspace ws;

    public Show(Workspace ws) {
        this.ws = ws;
    }

    /** The version shown, the sets that pass the filter, how many there are in all, the filter. */
    public record Result(StoredVersion version, List<EndpointSet> sets, int total, SetFilter filter) {}

    /** Which endpoint sets, by their required flag. */
    public enum Sets {
        ALL,
        /** {@code --required}: only the sets Microsoft marks required. */
        REQUIRED_ONLY
    }

    public Result run(Instance instance, String version, List<String> services, List<String> categories, Sets sets) {
        StoredVersion v = Selections.version(ws, instance, version);
        Snapshot snapshot = ws.store().load(v);
        SetFilter filter = Selections.filter(services, categories, sets == Sets.REQUIRED_ONLY, snapshot);
        return new Result(v, filter.apply(snapshot), snapshot.sets().size(), filter);
    }
}
