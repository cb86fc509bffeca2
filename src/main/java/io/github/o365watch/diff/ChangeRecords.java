package io.github.o365watch.diff;

import io.github.o365watch.domain.ChangeRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Microsoft's change records for the versions compared, or why there are none (the store did
 * not fetch them for every version in the range).
 */
public record ChangeRecords(List<ChangeRecord> records, Optional<String> unavailable) {

    public ChangeRecords {
        records = records.stream()
                .sorted(Comparator.comparing(ChangeRecord::version).thenComparingInt(ChangeRecord::id))
                .toList();
    }

    public static ChangeRecords of(List<ChangeRecord> records) {
        return new ChangeRecords(records, Optional.empty());
    }

    public static ChangeRecords unavailable(String why) {
        return new ChangeRecords(List.of(), Optional.of(why));
    }

    public boolean available() {
        return unavailable.isEmpty();
    }
}
