package io.github.o365watch.inspect;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.o365watch.text.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CSV exports of firewall logs: the first non-blank line is the header, the separator is the one
 * of comma, semicolon and tab it uses most. Each line is one record, read with Jackson's CSV
 * parser (quoted fields may hold separators and doubled quotes, not line breaks), so an unclosed
 * quote spoils one line, never the rest of the file.
 *
 * <ul>
 * <li>destination: an IP address, or a host name (proxy exports); required.
 * <li>port: a number; empty or 0 is no port. protocol: tcp, udp, icmp (icmpv6) or their numbers
 * 6, 17, 1 (58); other values OTHER, empty UNKNOWN.
 * <li>action, by its words: deny, denied, drop, dropped, reject, rejected, block, blocked, and
 * PAN-OS's reset-client, reset-server, reset-both (a policy deny sending resets) give DENIED;
 * fail, failed, failure, timeout, reset, rst (FortiGate's server-rst, client-rst), error give
 * FAILED; allow, allowed, accept, accepted, permit, permitted, pass, passed, close, closed
 * (FortiGate's normally ended session) give ALLOWED; empty or anything else UNKNOWN.
 * <li>time: the field as written, made printable.
 * </ul>
 * A line that repeats the header (exports glued together) is skipped.
 */
final class CsvLines implements LineParser {
    private static final CsvMapper MAPPER = new CsvMapper();
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");
    private static final Set<String> DENY =
            Set.of("deny", "denied", "drop", "dropped", "reject", "rejected", "block", "blocked");
    private static final Set<String> PAN_RESETS = Set.of("reset-client", "reset-server", "reset-both");
    private static final Set<String> FAIL = Set.of("fail", "failed", "failure", "timeout", "reset", "rst", "error");
    private static final Set<String> ALLOW = Set.of(
            "allow", "allowed", "accept", "accepted", "permit", "permitted", "pass", "passed", "close", "closed");

    private final Optional<Columns> columns;
    private ObjectReader rows;
    private String headerDestination;
    private int destination;
    private int port;
    private int protocol;
    private int action;
    private int time;

    CsvLines(Optional<Columns> columns) {
        this.columns = columns;
    }

    @Override
    public Flow parse(String line, long number) throws BadLine {
        if (rows == null) {
            header(line);
            return FORMAT_LINE;
        }
        String[] f = fields(rows, line);
        if (f.length <= destination) {
            throw new BadLine(f.length + " fields; the destination is in column " + (destination + 1));
        }
        String dst = f[destination].strip();
        if (dst.equals(headerDestination)) {
            return FORMAT_LINE;
        }
        if (dst.isEmpty()) {
            throw new BadLine("no destination");
        }
        Optional<String> address = Fields.address(dst);
        boolean hostname = address.isEmpty();
        String where = address.or(() -> Fields.hostname(dst))
                .orElseThrow(() ->
                        new BadLine("destination is not an IP address or host name: '" + Printable.of(dst) + "'"));
        return new Flow(
                where,
                hostname,
                Fields.protocol(field(f, protocol)),
                Fields.port(field(f, port)),
                action(field(f, action)),
                Printable.line(field(f, time), 64),
                number);
    }

    static Flow.Action action(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        if (PAN_RESETS.contains(v)) {
            return Flow.Action.DENIED;
        }
        boolean fail = false;
        boolean allow = false;
        for (String word : NON_WORD.split(v)) {
            if (DENY.contains(word)) {
                return Flow.Action.DENIED;
            }
            fail |= FAIL.contains(word);
            allow |= ALLOW.contains(word);
        }
        return fail ? Flow.Action.FAILED : allow ? Flow.Action.ALLOWED : Flow.Action.UNKNOWN;
    }

    private void header(String line) {
        ObjectReader reader =
                MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema().withColumnSeparator(separator(line)));
        List<String> names = new ArrayList<>();
        try {
            for (String name : fields(reader, line)) {
                names.add(name.strip());
            }
        } catch (BadLine e) {
            throw new LogFormatException("the first line is not a CSV header (" + e.getMessage() + ")");
        }
        Columns c = columns.or(() -> Columns.guess(names))
                .orElseThrow(() -> new LogFormatException(
                        "cannot tell which CSV column holds the destination address: name it with --columns dst=COLUMN (the header is: "
                                + Printable.line(String.join(", ", names), 300) + ")"));
        destination = index(names, c.destination(), "dst");
        port = c.port().map(n -> index(names, n, "port")).orElse(-1);
        protocol = c.protocol().map(n -> index(names, n, "proto")).orElse(-1);
        action = c.action().map(n -> index(names, n, "action")).orElse(-1);
        time = c.time().map(n -> index(names, n, "time")).orElse(-1);
        headerDestination = names.get(destination);
        rows = reader;
    }

    /** The header column {@code name} names: exactly, else as {@link Columns#normal}. */
    private static int index(List<String> names, String name, String key) {
        int exact = names.indexOf(name.strip());
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < names.size(); i++) {
            if (Columns.normal(names.get(i)).equals(Columns.normal(name))) {
                return i;
            }
        }
        throw new LogFormatException("the CSV header has no column '" + Printable.of(name) + "' (" + key
                + "); its columns are: " + Printable.line(String.join(", ", names), 300));
    }

    private static char separator(String header) {
        long commas = header.chars().filter(c -> c == ',').count();
        long semicolons = header.chars().filter(c -> c == ';').count();
        long tabs = header.chars().filter(c -> c == '\t').count();
        return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    private static String[] fields(ObjectReader reader, String line) throws BadLine {
        try {
            String[] f = reader.readValue(line);
            return f == null ? new String[0] : f;
        } catch (JacksonException e) {
            throw new BadLine("not a CSV record: " + Printable.line(e.getOriginalMessage(), 120));
        }
    }

    private static String field(String[] f, int index) {
        return index >= 0 && index < f.length && f[index] != null ? f[index].strip() : "";
    }
}
