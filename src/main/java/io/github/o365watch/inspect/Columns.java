package io.github.o365watch.inspect;

import io.github.o365watch.text.Printable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which header columns of a CSV log hold the destination (address or host name), port, protocol,
 * action and time. Names are matched to the header exactly, else ignoring case, spaces,
 * underscores and dashes.
 */
public record Columns(
        String destination,
        Optional<String> port,
        Optional<String> protocol,
        Optional<String> action,
        Optional<String> time) {

    private static final List<String> KEYS = List.of("dst", "port", "proto", "action", "time");

    // names as firewalls export them, normalised (see normal()), most telling first
    private static final List<String> DESTINATION = List.of(
            "dst",
            "dstip",
            "destinationip",
            "destinationaddress",
            "destination",
            "dstaddr",
            "dstaddress",
            "destip",
            "destaddr",
            "daddr",
            "serverip");
    private static final List<String> PORT = List.of("dstport", "destinationport", "dport", "destport", "dpt", "port");
    private static final List<String> PROTOCOL = List.of("proto", "protocol", "ipprotocol", "transport");
    private static final List<String> ACTION = List.of("action", "disposition", "verdict");
    private static final List<String> TIME =
            List.of("timestamp", "datetime", "time", "receivetime", "generatetime", "eventtime", "date");

    public Columns {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(time, "time");
        if (destination.isBlank()) {
            throw new IllegalArgumentException("the destination column name is empty");
        }
    }

    /**
     * Parses {@code dst=DestinationIP,port=DstPort,proto=Protocol,action=Action,time=Time}: keys
     * dst (required), port, proto, action, time, each at most once.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Columns parse(String spec) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String part : (spec == null ? "" : spec).split(",", -1)) {
            int eq = part.indexOf('=');
            String key = (eq < 0 ? part : part.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String name = eq < 0 ? "" : part.substring(eq + 1).strip();
            if (part.isBlank()) {
                continue;
            }
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + Printable.of(key) + "' in '"
                        + Printable.of(part.strip()) + "': the keys are " + String.join(", ", KEYS));
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("no column name after '" + key + "=': write " + key + "=COLUMN");
            }
            if (given.put(key, name) != null) {
                throw new IllegalArgumentException("'" + key + "' is given twice");
            }
        }
        if (!given.containsKey("dst")) {
            throw new IllegalArgumentException("dst=COLUMN is required (the column with the destination address)");
        }
        return new Columns(
                given.get("dst"),
                Optional.ofNullable(given.get("port")),
                Optional.ofNullable(given.get("proto")),
                Optional.ofNullable(given.get("action")),
                Optional.ofNullable(given.get("time")));
    }

    /**
     * The columns a header's names suggest ({@code dst_ip}, {@code Destination address},
     * {@code DstPort}, {@code IP Protocol}, {@code Action}, {@code Receive Time} ...), as the header
     * spells them; empty when no column looks like the destination.
     */
    public static Optional<Columns> guess(List<String> header) {
        Optional<String> destination = find(header, DESTINATION);
        return destination.map(d ->
                new Columns(d, find(header, PORT), find(header, PROTOCOL), find(header, ACTION), find(header, TIME)));
    }

    /** The first alias any column has, in the aliases' order: {@code dst_port} beats {@code port}. */
    private static Optional<String> find(List<String> header, List<String> aliases) {
        for (String alias : aliases) {
            for (String column : header) {
                if (normal(column).equals(alias)) {
                    return Optional.of(column);
                }
            }
        }
        return Optional.empty();
    }

    /** Lower case without spaces, underscores and dashes: {@code Destination_IP} and {@code destination-ip} are alike. */
    static String normal(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != ' ' && c != '_' && c != '-' && c != '\t') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
