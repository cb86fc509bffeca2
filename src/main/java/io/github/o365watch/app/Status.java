package io.github.o365watch.app;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.source.PublishedVersion;
import io.github.o365watch.store.StoredVersion;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Per instance: newest stored version, upstream version (one request for all), age. */
public final class Status {
    private final Workspace ws;

    public Status(Workspace ws) {
        this.ws = ws;
    }

    /**
     * The result rows, and the upstream failure if there was one (the stored state is still
     * worth showing when the network is down).
     */
    public record Result(List<StatusRow> rows, Optional<RuntimeException> upstreamFailure) {}

    public Result run(InstanceSelection selection) {
        Map<Instance, Version> upstream = Map.of();
        Optional<RuntimeException> failure = Optional.empty();
        boolean defaults = selection.names().isEmpty() && !selection.all();
        List<Instance> instances =
                defaults ? defaultsFromStore() : selection.stored(ws.store().instances());
        if (!ws.offline()) {
            try {
                List<PublishedVersion> published = ws.upstream().latestVersions();
                upstream = published.stream()
                        .collect(Collectors.toMap(PublishedVersion::instance, PublishedVersion::latest, (a, b) -> a));
                if (!defaults) {
                    instances = selection.against(published, ws.upstream().describe());
                }
            } catch (UsageException | io.github.o365watch.source.SourceConfigException e) {
                // the command line or its environment is wrong (a ClientRequestId that is no GUID): no table first
                throw e;
            } catch (RuntimeException e) {
                failure = Optional.of(e); // the stored state is still worth showing
            }
        }
        List<StatusRow> rows = new ArrayList<>();
        for (Instance i : instances) {
            Optional<StoredVersion> stored = ws.store().newest(i);
            Optional<Long> age =
                    stored.flatMap(s -> s.version().date()).map(d -> ChronoUnit.DAYS.between(d, ws.today()));
            rows.add(new StatusRow(i, stored, Optional.ofNullable(upstream.get(i)), age));
        }
        return new Result(rows, failure);
    }

    /** The sentence a warning gives for a row whose store is ahead of the service. */
    public static String ahead(StatusRow r) {
        return AheadException.reason(
                r.instance(), r.stored().orElseThrow().version(), r.upstream().orElseThrow());
    }

    /** Without --instance: Worldwide and every instance the store holds. */
    private List<Instance> defaultsFromStore() {
        Set<Instance> out = new LinkedHashSet<>();
        out.add(Instance.WORLDWIDE);
        out.addAll(ws.store().instances());
        return out.stream().sorted().toList();
    }
}
