package io.github.o365watch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.o365watch.domain.EndpointSet;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.Snapshot;
import io.github.o365watch.testing.Fixtures;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The listing's index of hostname patterns finds exactly the sets a scan of every pattern finds. */
class ListingTest {

    @ParameterizedTest
    @ValueSource(strings = {"Worldwide", "USGovDoD"})
    void theSetsCoveringANameAreThoseAScanOfEveryPatternFinds(String instance) {
        List<String> versions = Fixtures.versions(instance);
        Snapshot first = Fixtures.snapshot(instance, versions.get(0));
        Snapshot last = Fixtures.snapshot(instance, versions.get(versions.size() - 1));
        for (Snapshot listed : List.of(first, last)) {
            Listing l = Listing.of(listed);
            // names and patterns of both versions, and each with a wildcard for its first label
            Set<HostPattern> names = new TreeSet<>();
            for (Snapshot s : List.of(first, last)) {
                for (EndpointSet e : s.sets()) {
                    for (HostPattern h : e.urls()) {
                        names.add(h);
                        int dot = h.pattern().indexOf('.');
                        // one wildcard per pattern, as the grammar allows
                        if (dot > 0
                                && h.pattern().indexOf('.', dot + 1) > 0
                                && h.pattern().indexOf('*', dot) < 0) {
                            names.add(HostPattern.parse("*" + h.pattern().substring(dot)));
                        }
                    }
                }
            }
            for (HostPattern h : names) {
                Set<Integer> scanned = listed.sets().stream()
                        .filter(e -> e.urls().stream().anyMatch(u -> u.covers(h)))
                        .map(EndpointSet::id)
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<Integer> indexed =
                        l.covering(h).stream().map(EndpointSet::id).collect(Collectors.toCollection(TreeSet::new));
                assertThat(indexed).as("%s in %s", h, listed.version()).isEqualTo(scanned);
            }
        }
    }
}
