package io.github.o365watch.inspect;

import io.github.o365watch.text.Printable;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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

    private static final int MAX_TEXT = 200;

    private final Reader in;
    private final LineSource source;
    private final LogFormat format;
    private final LineParser parser;
    private final List<Listed.Problem> problems = new ArrayList<>();
    private long lines;
    private long flows;
    private long skipped;
    private long malformed;
    private long other;
    private Listed.Problem firstUnread;

    /**
     * @param columns for CSV: which columns hold what; empty to recognise them from the header.
     *                Ignored for the other formats.
     */
    public LogReader(Reader in, LogFormat format, Optional<Columns> columns) {
        this.in = Objects.requireNonNull(in, "in");
        this.format = Objects.requireNonNull(format, "format");
        this.source = new LineSource(in, MAX_LINE);
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
        while (true) {
            String line;
            try {
                line = source.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null) {
                return Optional.empty();
            }
            long number = ++lines;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (source.tooLong()) {
                bad(number, line, "longer than " + MAX_LINE + " characters");
            } else if (line.isBlank()) {
                skipped++;
            } else if (binary(line)) {
                bad(number, line, "control characters: binary data, not text");
            } else {
                try {
                    Flow flow = parser.parse(line, number);
                    if (flow == null) {
                        skipped++;
                        other++;
                        unread(number, line, parser.otherReason());
                    } else if (flow == LineParser.FORMAT_LINE) {
                        skipped++;
                    } else {
                        flows++;
                        return Optional.of(flow);
                    }
                } catch (BadLine e) {
                    bad(number, line, e.getMessage());
                }
            }
        }
    }

    /** Lines read so far: {@link #flows()} + {@link #skipped()} + {@link #malformed()}. */
    public long lines() {
        return lines;
    }

    public long flows() {
        return flows;
    }

    /** Lines that are fine but hold no flow: blank lines, comments, headers, other messages. */
    public long skipped() {
        return skipped;
    }

    public long malformed() {
        return malformed;
    }

    /** Of the {@link #skipped()} lines, those of another kind: neither blank nor the format's own comments and headers. */
    public long other() {
        return other;
    }

    /** The first line that was malformed or of another kind, with the reason; empty when every line was read. */
    public Optional<Listed.Problem> firstUnread() {
        return Optional.ofNullable(firstUnread);
    }

    /** The first {@value #MAX_PROBLEMS} malformed lines: number (capped at {@link Integer#MAX_VALUE}), text made printable, reason. */
    public List<Listed.Problem> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void bad(long number, String line, String reason) {
        malformed++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem(number, line, reason));
        }
        unread(number, line, reason);
    }

    private void unread(long number, String line, String reason) {
        if (firstUnread == null) {
            firstUnread = problem(number, line, reason);
        }
    }

    private static Listed.Problem problem(long number, String line, String reason) {
        return new Listed.Problem((int) Math.min(number, Integer.MAX_VALUE), Printable.line(line, MAX_TEXT), reason);
    }

    private static boolean binary(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
