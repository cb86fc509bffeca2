package io.github.o365watch.inspect;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.o365watch.text.Printable;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Teams Call Quality Dashboard (CQD) query exported to CSV, streamed a row at a time. Columns
 * are found by the names Microsoft's "Dimensions and measurements available in Call Quality
 * Dashboard" gives them (case, spaces, dashes and underscores aside):
 *
 * <ul>
 * <li>{@code First Relay IP}, {@code Second Relay IP} (at least one is required): the media relay
 * each endpoint allocated; each gives one {@link CqdRow}, with that endpoint's
 * {@code First|Second Building Name}, {@code First|Second Subnet} and {@code First|Second Relay Port}.
 * <li>{@code Transport}: UDP, TCP or Unrecognized. {@code Call Setup Failure Reason}.
 * <li>measures {@code Total Call Setup Failed Stream Count} and {@code Total Stream Count}; an
 * export without them is read as one stream a row, failed when it has a failure reason other
 * than {@code Not Media Failure}.
 * </ul>
 * A row with an empty relay (the media path was not established, or not relayed) gives no row for
 * that endpoint; a relay that is not an IP address, or a count that is not a number, makes the
 * line malformed. Counts are as {@link LogReader} keeps them.
 */
public final class CqdReader implements Closeable {
    private static final CsvMapper MAPPER = new CsvMapper();
    private static final String NO_FAILURE = "notmediafailure";

    private final Closeable in;
    private final LineLoop loop;
    private ObjectReader rows;
    private String[] header;
    private final int[][] side = new int[2][];
    private int transport;
    private int reason;
    private int failedCount;
    private int streamCount;
    private long read;

    public CqdReader(Reader in) {
        this.in = Objects.requireNonNull(in, "in");
        this.loop = new LineLoop(new LineSource(in, LogReader.MAX_LINE));
    }

    /** An export in UTF-8, read as bytes (see {@link LogReader#LogReader(InputStream, LogFormat, Optional)}). */
    public CqdReader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
        this.loop = new LineLoop(new LineSource(in, LogReader.MAX_LINE));
    }

    /** True when a header line names a CQD relay column: the positive evidence detection needs. */
    static boolean isHeader(String line) {
        String n = Columns.normal(line);
        return n.contains("firstrelayip") || n.contains("secondrelayip");
    }

    /**
     * The rows of the next data line (one or two, one per relay), or empty at the end.
     *
     * @throws LogFormatException   when the header names no relay column
     * @throws UncheckedIOException when the input cannot be read
     */
    public Optional<List<CqdRow>> next() {
        for (Line l = loop.next(); l != null; l = loop.next()) {
            String line = l.text();
            if (rows == null) {
                header(line);
                loop.skip();
                continue;
            }
            try {
                List<CqdRow> out = parse(line, loop.number());
                if (out.isEmpty()) {
                    loop.skip();
                    continue;
                }
                read++;
                return Optional.of(out);
            } catch (BadLine e) {
                loop.bad(line, e.getMessage());
            }
        }
        return Optional.empty();
    }

    public long lines() {
        return loop.lines();
    }

    /** Data lines that gave at least one relay row. */
    public long rows() {
        return read;
    }

    /** The header, blank lines, a repeated header and lines naming no relay. */
    public long skipped() {
        return loop.skipped();
    }

    public long malformed() {
        return loop.malformed();
    }

    public List<Listed.Problem> problems() {
        return loop.problems();
    }

    public Optional<Listed.Problem> firstUnread() {
        return loop.firstUnread();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void header(String line) {
        char sep = line.indexOf('\t') >= 0 ? '\t' : line.indexOf(',') >= 0 || line.indexOf(';') < 0 ? ',' : ';';
        ObjectReader reader =
                MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema().withColumnSeparator(sep));
        String[] names;
        try {
            names = fields(reader, line);
        } catch (BadLine e) {
            throw new LogFormatException("the first line is not a CQD CSV header (" + e.getMessage() + ")");
        }
        for (int i = 0; i < names.length; i++) {
            names[i] = Columns.normal(names[i].strip());
        }
        header = names;
        String[] which = {"first", "second"};
        for (int s = 0; s < 2; s++) {
            int relay = index(which[s] + "relayip");
            side[s] = relay < 0
                    ? null
                    : new int[] {
                        relay,
                        index(which[s] + "relayport"),
                        index(which[s] + "buildingname"),
                        index(which[s] + "subnet")
                    };
        }
        if (side[0] == null && side[1] == null) {
            throw new LogFormatException(
                    "the CQD export has no 'First Relay IP' or 'Second Relay IP' column: add one of them to the query");
        }
        transport = index("transport");
        reason = index("callsetupfailurereason");
        failedCount = index("totalcallsetupfailedstreamcount");
        streamCount = index("totalstreamcount");
        rows = reader;
    }

    private int index(String normal) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(normal)) {
                return i;
            }
        }
        return -1;
    }

    private List<CqdRow> parse(String line, long number) throws BadLine {
        String[] f = fields(rows, line);
        for (int[] s : side) {
            if (s != null && Columns.normal(field(f, s[0])).equals(header[s[0]])) {
                return List.of(); // the header again: exports glued together
            }
        }
        String failureReason = field(f, reason);
        boolean failure =
                !failureReason.isEmpty() && !Columns.normal(failureReason).equals(NO_FAILURE);
        long streams = streamCount < 0 ? 1 : count(field(f, streamCount), "Total Stream Count");
        long failed = failedCount >= 0
                ? count(field(f, failedCount), "Total Call Setup Failed Stream Count")
                : failure ? streams : 0;
        Flow.Protocol protocol = switch (field(f, transport).toUpperCase(Locale.ROOT)) {
            case "UDP" -> Flow.Protocol.UDP;
            case "TCP" -> Flow.Protocol.TCP;
            default -> Flow.Protocol.UNKNOWN;
        };
        List<CqdRow> out = new ArrayList<>(2);
        for (int[] s : side) {
            if (s == null) {
                continue;
            }
            String relay = field(f, s[0]);
            if (relay.isEmpty()) {
                continue;
            }
            String address = Fields.address(relay)
                    .orElseThrow(() -> new BadLine("relay is not an IP address: '" + Printable.of(relay) + "'"));
            out.add(new CqdRow(
                    address,
                    protocol,
                    Fields.port(field(f, s[1])),
                    Printable.line(failure ? failureReason : "", 120),
                    Printable.line(field(f, s[2]), 120),
                    Printable.line(field(f, s[3]), 60),
                    failed,
                    streams,
                    number));
        }
        return out;
    }

    private static long count(String text, String what) throws BadLine {
        String t = text.replace(",", "");
        if (t.isEmpty()) {
            return 0;
        }
        if (t.length() > 18 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadLine(what + " is not a whole number: '" + Printable.of(text) + "'");
        }
        return Long.parseLong(t);
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
