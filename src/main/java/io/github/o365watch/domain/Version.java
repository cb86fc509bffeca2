package io.github.o365watch.domain;

import io.github.o365watch.text.Printable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A data version, {@code YYYYMMDDNN}: the publication date and a counter for that day. Ten
 * digits, so textual order is time order.
 */
public record Version(String value) implements Comparable<Version> {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{10}");
    /** "Nothing yet", as Microsoft's samples spell it. */
    public static final Version NONE = new Version("0000000000");

    public Version {
        if (value == null || !DIGITS.matcher(value).matches()) {
            throw new InvalidDataException("not a data version (10 digits, YYYYMMDDNN): '" + Printable.of(value) + "'");
        }
    }

    public static Version parse(String raw) {
        return new Version(raw == null ? null : raw.strip());
    }

    /** The publication date the version carries, if its first eight digits are a date. */
    public Optional<LocalDate> date() {
        try {
            return Optional.of(LocalDate.of(
                    Integer.parseInt(value.substring(0, 4)),
                    Integer.parseInt(value.substring(4, 6)),
                    Integer.parseInt(value.substring(6, 8))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * This version as a service may publish it: its first eight digits a real date, and that date
     * not after {@code notAfter}. The caller brings the day (the clock stays out of the domain); one
     * bad {@code 9999999999} would otherwise rank above every real version to come.
     *
     * @throws InvalidDataException naming the version and what is wrong with it
     */
    public Version asPublished(LocalDate notAfter) {
        LocalDate d = date().orElseThrow(() -> new InvalidDataException(
                "version " + value + " is not a data version: " + value.substring(0, 8) + " is no date (YYYYMMDD)"));
        if (d.isAfter(notAfter)) {
            throw new InvalidDataException("version " + value + " is dated " + d + ", after " + notAfter
                    + " (tomorrow, UTC): no service publishes data from the future");
        }
        return this;
    }

    public boolean isNewerThan(Version other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Version o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
