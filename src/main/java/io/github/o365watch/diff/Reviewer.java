package io.github.o365watch.diff;

import io.github.o365watch.diff.ElementChange.Direction;
import io.github.o365watch.domain.ChangeRecord;
import io.github.o365watch.domain.HostPattern;
import io.github.o365watch.domain.net.IpPrefix;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a {@link Review}: joins each change to the record that announced it, then the
 * cross-check ({@link CrossChecker}) and the flags ({@link Flagger}). Pure; {@code today} is given.
 */
public final class Reviewer {
    private Reviewer() {}

    public static Review review(ChangeSet changes, ChangeRecords records, LocalDate today, Thresholds thresholds) {
        List<Notice> notices = notices(changes, records.records());
        CrossCheck check = records.available()
                ? CrossChecker.check(changes, records.records())
                : new CrossCheck(records.unavailable(), List.of());
        List<Flag> flags = Flagger.flags(changes, check, thresholds);
        return new Review(changes, today, records, notices, check, flags);
    }

    // ---- joining elements to the records that announced them

    private static List<Notice> notices(ChangeSet changes, List<ChangeRecord> records) {
        List<Notice> out = new ArrayList<>();
        for (ElementChange e : changes.elements()) {
            // the newest record wins when several mention the element
            for (int i = records.size() - 1; i >= 0; i--) {
                ChangeRecord r = records.get(i);
                if (r.endpointSetId() == e.setId() && announces(r, e)) {
                    out.add(new Notice(
                            e,
                            r.id(),
                            r.impact(),
                            e.direction() == Direction.ADDED
                                    ? r.add().flatMap(ChangeRecord.Addition::effectiveDate)
                                    : Optional.empty()));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean announces(ChangeRecord r, ElementChange e) {
        if (e.direction() == Direction.ADDED) {
            return r.add().map(a -> covers(a.ips(), a.urls(), e.element())).orElse(false);
        }
        return r.remove().map(x -> covers(x.ips(), x.urls(), e.element())).orElse(false);
    }

    private static boolean covers(List<IpPrefix> ips, List<HostPattern> urls, Element element) {
        if (element instanceof Element.Ip ip) {
            return ips.stream().anyMatch(p -> p.contains(ip.prefix()));
        }
        if (element instanceof Element.Url url) {
            return urls.contains(url.host());
        }
        return false;
    }
}
