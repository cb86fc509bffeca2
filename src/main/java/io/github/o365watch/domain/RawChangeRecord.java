package io.github.o365watch.domain;

import java.util.List;
import java.util.Map;

/**
 * A change record exactly as {@code /changes} carries it, before validation. Component names are
 * the web service's field names; absent fields are null.
 */
public record RawChangeRecord(
        Integer id,
        Integer endpointSetId,
        String disposition,
        String impact,
        String version,
        Map<String, Object> previous,
        Map<String, Object> current,
        Add add,
        Remove remove) {

    /** The {@code add} block. */
    public record Add(String effectiveDate, List<String> ips, List<String> urls) {}

    /** The {@code remove} block. */
    public record Remove(List<String> ips, List<String> urls) {}
}
