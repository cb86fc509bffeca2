package io.github.o365watch.app;

import io.github.o365watch.domain.Instance;
import io.github.o365watch.domain.Version;
import io.github.o365watch.source.FeedEntry;
import io.github.o365watch.source.VersionHistory;
import io.github.o365watch.store.StoredVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Stored versions beside the upstream history ({@code AllVersions}, with the RSS summaries). */
public final class Versions {
    private final Workspace ws;

    public Versions(Workspace ws) {
        this.ws = ws;
    }

    public List<VersionsReport> run(InstanceSelection selection) {
        List<VersionsReport> out = new ArrayList<>();
        for (Instance instance : selection.stored(ws.store().instances())) {
            out.add(one(instance));
        }
        return out;
    }

    private VersionsReport one(Instance instance) {
        List<StoredVersion> revisions = ws.store().revisions(instance);
        Map<Version, Long> revisionCount =
                revisions.stream().collect(Collectors.groupingBy(StoredVersion::version, Collectors.counting()));
        Map<Version, StoredVersion> stored = ws.store().versions(instance).stream()
                .collect(Collectors.toMap(StoredVersion::version, Function.identity()));
        List<Version> published = List.of();
        Map<Version, FeedEntry> feed = Map.of();
        Optional<RuntimeException> failure = Optional.empty();
        Optional<RuntimeException> feedFailure = Optional.empty();
        if (!ws.offline()) {
            try {
                VersionHistory history = ws.upstream().history(instance);
                published = history.versions();
                try {
                    feed = ws.upstream().feed(instance).stream()
                            .collect(Collectors.toMap(FeedEntry::version, Function.identity(), (a, b) -> a));
                } catch (RuntimeException e) {
                    feedFailure = Optional.of(e);
                }
            } catch (UsageException | io.github.o365watch.source.SourceConfigException e) {
                // the command line or its environment is wrong (a ClientRequestId that is no GUID): no table first
                throw e;
            } catch (RuntimeException e) {
                failure = Optional.of(e);
            }
        }
        TreeSet<Version> all = new TreeSet<>(Comparator.reverseOrder());
        all.addAll(stored.keySet());
        all.addAll(published);
        List<VersionsReport.Row> rows = new ArrayList<>();
        for (Version v : all) {
            rows.add(new VersionsReport.Row(
                    v,
                    revisionCount.getOrDefault(v, 0L).intValue(),
                    Optional.ofNullable(stored.get(v)),
                    published.contains(v),
                    Optional.ofNullable(feed.get(v))));
        }
        return new VersionsReport(instance, rows, !ws.offline(), failure, feedFailure);
    }
}
