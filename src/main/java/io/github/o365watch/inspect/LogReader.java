package io.github.o365watch.inspect;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Streams the flows of one log, a line at a time: memory stays flat however long the log. Every
 * line is exactly one of: a flow, skipped (blank, a comment, a header, a line of another kind,
 * such as another program's syslog message), or malformed. Malformed lines are counted, the
 * first {@value #MAX_PROBLEMS} kept with their line number and reason, and never stop the reading.
 * Lines of another kind are counted apart as well ({@link #other()}), and the first line that
 * was malformed or of another kind is kept ({@link #firstUnread()}): a log of a format this reader
 * does not know reads as nothing but such lines, and the caller must be able to say so.
 *
 * <p>A line longer than {@value #MAX_LINE} characters is malformed (and only that much of it is
 * held); so is a line with control characters other than tab (binary data). A UTF-8 byte order
 * mark before the first line is ignored. The format rules are in the package-private classes
 * {@code SyslogLines}, {@code SquidLines}, {@code CsvLines}, {@code IpListLines}, {@code AsaLines},
 * {@code PanosLines}, {@code FortiLines}, {@code WindowsFirewallLines} and {@code ZeekLines}; in short:
 * addresses come out canonical ({@code 2603:1063::1}), host names (Squid, CSV) in lower case.
 *
 * <p>The caller opens and closes the input; decode it with a decoder that replaces malformed
 * input ({@code new InputStreamReader(in, UTF_8)} does), or one stray byte ends the reading
 * with an exception.
 */
public final class LogReader implements Closeable {
    /** How many malformed lines {@link #problems()} keeps. */
    public static final int MAX_PROBLEMS = 20;
    /** The longest line read; longer ones are malformed. */
    public static final int MAX_LINE = 65_536;

    private final Closeable in;
    private final LineLoop loop;
    private final LogFormat format;
    private final LineParser parser;
    private long flows;

    /**
     * @param columns for CSV: which columns hold what; empty to recognise them from the header.
     *                Ignored for the other formats.
     */
    public LogReader(Reader in, LogFormat format, Optional<Columns> columns) {
        this(in, new LineSource(Objects.requireNonNull(in, "in"), MAX_LINE), format, columns, true);
    }

    /**
     * A log in UTF-8, read as bytes: lines are split and, for the formats that can, parsed from
     * the bytes; text is decoded only for what needs it (malformed input replaced, as the reader
     * form's decoder should). A UTF-16 log needs the reader form.
     */
    public LogReader(InputStream in, LogFormat format, Optional<Columns> columns) {
        this(in, new LineSource(Objects.requireNonNull(in, "in"), MAX_LINE), format, columns, true);
    }

    /**
     * A part of a UTF-8 log that starts at the beginning of a line other than the log's first (see
     * {@link LogFormat#partsReadApart()}): its first line is no place for a byte order mark, and its
     * line numbers count from the part's start (the caller adds the lines before it).
     */
    public static LogReader part(InputStream in, LogFormat format) {
        if (!format.partsReadApart()) {
            throw new IllegalArgumentException(format.id() + " logs are not read in parts");
        }
        return new LogReader(
                in, new LineSource(Objects.requireNonNull(in, "in"), MAX_LINE), format, Optional.empty(), false);
    }

    private LogReader(Closeable in, LineSource source, LogFormat format, Optional<Columns> columns, boolean start) {
        this.in = in;
        this.format = Objects.requireNonNull(format, "format");
        this.loop = new LineLoop(source, start);
        this.parser = switch (format) {
            case CSV -> new CsvLines(columns);
            case SYSLOG -> new SyslogLines();
            case SQUID -> new SquidLines();
            case IPLIST -> new IpListLines();
            case CISCO_ASA -> new AsaLines();
            case PALOALTO -> new PanosLines();
            case FORTIGATE -> new FortiLines();
            case WINDOWS_FIREWALL -> new WindowsFirewallLines();
            case ZEEK -> new ZeekLines();
            case CHECKPOINT -> new CheckpointLines();
            case CQD -> throw new IllegalArgumentException("a CQD export is read by CqdReader");
        };
    }

    public LogFormat format() {
        return format;
    }

    /**
     * The next flow, or empty at the end of the input.
     *
     * @throws LogFormatException   when a CSV header has no destination column, or lacks one {@link Columns} names, or
     *                              a Windows Firewall or Zeek header names no destination column
     * @throws UncheckedIOException when the input cannot be read
     */
    public Optional<Flow> next() {
        return Optional.ofNullable(nextFlow());
    }

    /**
     * As {@link #next()}, {@code null} at the end: a caller that reads millions of lines makes no
     * {@code Optional} per line.
     */
    public Flow nextFlow() {
        for (Line line = loop.next(); line != null; line = loop.next()) {
            if (binary(line)) {
                loop.bad(line.text(), "control characters: binary data, not text");
                continue;
            }
            try {
                Flow flow = parser.parse(line, loop.number());
                if (flow == null) {
                    loop.other(line, parser.otherReason());
                } else if (flow == LineParser.FORMAT_LINE) {
                    loop.skip();
                } else {
                    flows++;
                    return flow;
                }
            } catch (BadLine e) {
                loop.bad(line.text(), e.getMessage());
            }
        }
        return null;
    }

    /** Lines read so far: {@link #flows()} + {@link #skipped()} + {@link #malformed()}. */
    public long lines() {
        return loop.lines();
    }

    public long flows() {
        return flows;
    }

    /** Lines that are fine but hold no flow: blank lines, comments, headers, other messages. */
    public long skipped() {
        return loop.skipped();
    }

    public long malformed() {
        return loop.malformed();
    }

    /** Of the {@link #skipped()} lines, those of another kind: neither blank nor the format's own comments and headers. */
    public long other() {
        return loop.other();
    }

    /** The first line that was malformed or of another kind, with the reason; empty when every line was read. */
    public Optional<Listed.Problem> firstUnread() {
        return loop.firstUnread();
    }

    /** The first {@value #MAX_PROBLEMS} malformed lines: number (capped at {@link Integer#MAX_VALUE}), text made printable, reason. */
    public List<Listed.Problem> problems() {
        return loop.problems();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Control characters other than tab: binary data. */
    private static boolean binary(Line line) {
        return line.control();
    }
}
