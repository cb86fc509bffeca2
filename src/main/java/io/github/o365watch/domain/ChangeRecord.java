package io.github.o365watch.domain;

import io.github.o365watch.domain.net.IpPrefix;
import io.github.o365watch.text.Printable;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One entry of Microsoft's change feed: which endpoint set changed in which version, how
 * (disposition, impact), the attributes before and after, and the IPs and URLs added (with the
 * date they take effect) and removed.
 */
public record ChangeRecord(
        int id,
        int endpointSetId,
        Disposition disposition,
        Optional<Impact> impact,
        Version version,
        Map<String, String> previous,
        Map<String, String> current,
        Optional<Addition> add,
        Optional<Removal> remove) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /** What a change adds; {@code effectiveDate} is when the additions carry traffic. */
    public record Addition(Optional<LocalDate> effectiveDate, List<IpPrefix> ips, List<HostPattern> urls) {
        public Addition {
            ips = List.copyOf(new TreeSet<>(ips));
            urls = List.copyOf(new TreeSet<>(urls));
        }
    }

    /** What a change removes. */
    public record Removal(List<IpPrefix> ips, List<HostPattern> urls) {
        public Removal {
            ips = List.copyOf(new TreeSet<>(ips));
            urls = List.copyOf(new TreeSet<>(urls));
        }
    }

    public ChangeRecord {
        previous = Collections.unmodifiableMap(new TreeMap<>(previous));
        current = Collections.unmodifiableMap(new TreeMap<>(current));
    }

    /** Validates a raw record; problems name the record's id, the field and the value. */
    public static ChangeRecord parse(RawChangeRecord raw) {
        if (raw == null) {
            throw new InvalidDataException("change record: null entry");
        }
        if (raw.id() == null) {
            throw new InvalidDataException("change record without an id");
        }
        String where = "change record " + raw.id() + ": ";
        try {
            if (raw.endpointSetId() == null) {
                throw new InvalidDataException("endpointSetId is missing");
            }
            Optional<Addition> add = Optional.ofNullable(raw.add())
                    .map(a -> new Addition(
                            date(a.effectiveDate()), EndpointSet.prefixes(a.ips()), EndpointSet.hosts(a.urls())));
            Optional<Removal> remove = Optional.ofNullable(raw.remove())
                    .map(r -> new Removal(EndpointSet.prefixes(r.ips()), EndpointSet.hosts(r.urls())));
            return new ChangeRecord(
                    raw.id(),
                    raw.endpointSetId(),
                    Disposition.parse(raw.disposition()),
                    raw.impact() == null || raw.impact().isBlank()
                            ? Optional.empty()
                            : Optional.of(Impact.parse(raw.impact())),
                    Version.parse(raw.version()),
                    attributes("previous", raw.previous()),
                    attributes("current", raw.current()),
                    add,
                    remove);
        } catch (InvalidDataException e) {
            throw new InvalidDataException(where + e.getMessage(), e);
        }
    }

    private static Optional<LocalDate> date(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(raw.strip(), DateTimeFormatter.BASIC_ISO_DATE));
        } catch (DateTimeParseException e) {
            throw new InvalidDataException("effectiveDate is not a date (YYYYMMDD): '" + Printable.of(raw) + "'");
        }
    }

    private static Map<String, String> attributes(String field, Map<String, Object> raw) {
        Map<String, String> out = new TreeMap<>();
        if (raw == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!KEY.matcher(e.getKey()).matches()) {
                throw new InvalidDataException(field + ": not an attribute name: '" + Printable.of(e.getKey()) + "'");
            }
            out.put(e.getKey(), scalar(field + "." + e.getKey(), e.getValue()));
        }
        return out;
    }

    private static String scalar(String where, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                parts.add(scalar(where, o));
            }
            return String.join(",", parts);
        }
        throw new InvalidDataException(where + ": unexpected nested value");
    }

    /** Unknown enum values, each as a sentence for a warning. */
    public List<String> unknownValues() {
        List<String> out = new ArrayList<>();
        if (!disposition.known()) {
            out.add("change record " + id + ": unknown disposition '" + disposition + "'");
        }
        impact.filter(i -> !i.known()).ifPresent(i -> out.add("change record " + id + ": unknown impact '" + i + "'"));
        return out;
    }

    /** Back to the raw shape with canonical strings, for the store. */
    public RawChangeRecord toRaw() {
        return new RawChangeRecord(
                id,
                endpointSetId,
                disposition.name(),
                impact.map(Impact::name).orElse(null),
                version.value(),
                previous.isEmpty() ? null : Collections.unmodifiableMap(new TreeMap<String, Object>(previous)),
                current.isEmpty() ? null : Collections.unmodifiableMap(new TreeMap<String, Object>(current)),
                add.map(a -> new RawChangeRecord.Add(
                                a.effectiveDate()
                                        .map(d -> d.format(DateTimeFormatter.BASIC_ISO_DATE))
                                        .orElse(null),
                                a.ips().isEmpty()
                                        ? null
                                        : a.ips().stream()
                                                .map(IpPrefix::toString)
                                                .toList(),
                                a.urls().isEmpty()
                                        ? null
                                        : a.urls().stream()
                                                .map(HostPattern::pattern)
                                                .toList()))
                        .orElse(null),
                remove.map(r -> new RawChangeRecord.Remove(
                                r.ips().isEmpty()
                                        ? null
                                        : r.ips().stream()
                                                .map(IpPrefix::toString)
                                                .toList(),
                                r.urls().isEmpty()
                                        ? null
                                        : r.urls().stream()
                                                .map(HostPattern::pattern)
                                                .toList()))
                        .orElse(null));
    }
}
