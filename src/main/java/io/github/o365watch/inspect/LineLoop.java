package io.github.o365watch.inspect;

import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reading loop {@link LogReader} and {@link CqdReader} share: lines numbered and counted, a
 * byte order mark before the first dropped, lines past the cap malformed, blank lines skipped,
 * and the first problems kept. The readers see only the lines left to parse, and say what each
 * held.
 */
final class LineLoop {
    private static final int MAX_TEXT = 200;

    private final LineSource source;
    // false for a part of a log read apart from its start: its first line is not the log's first
    private final boolean start;
    private final List<Listed.Problem> problems = new ArrayList<>();
    private long lines;
    private long skipped;
    private long malformed;
    private long other;
    private Listed.Problem firstUnread;

    LineLoop(LineSource source) {
        this(source, true);
    }

    LineLoop(LineSource source, boolean start) {
        this.source = source;
        this.start = start;
    }

    /**
     * The next line that is neither past the cap nor blank (those are counted here), or
     * {@code null} at the end; valid until the next call.
     *
     * @throws UncheckedIOException when the input cannot be read
     */
    Line next() {
        while (true) {
            Line line;
            try {
                line = source.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null) {
                return null;
            }
            long number = ++lines;
            if (number == 1 && start && !line.ascii() && line.text().startsWith("\uFEFF")) {
                line.dropStart(1);
            }
            if (source.tooLong()) {
                bad(line.text(), "longer than " + LogReader.MAX_LINE + " characters");
            } else if (blank(line)) {
                skipped++;
            } else {
                return line;
            }
        }
    }

    /** The number of the line last read. */
    long number() {
        return lines;
    }

    /** The line last read holds nothing to read: a header, a comment. */
    void skip() {
        skipped++;
    }

    /** The line last read is of another kind (skipped, but it counts against the log being read). */
    void other(Line line, String reason) {
        skipped++;
        other++;
        unread(line.text(), reason);
    }

    /** The line last read is malformed. */
    void bad(String text, String reason) {
        malformed++;
        if (problems.size() < LogReader.MAX_PROBLEMS) {
            problems.add(problem(text, reason));
        }
        unread(text, reason);
    }

    private void unread(String text, String reason) {
        if (firstUnread == null) {
            firstUnread = problem(text, reason);
        }
    }

    private Listed.Problem problem(String text, String reason) {
        return new Listed.Problem((int) Math.min(lines, Integer.MAX_VALUE), Printable.line(text, MAX_TEXT), reason);
    }

    long lines() {
        return lines;
    }

    long skipped() {
        return skipped;
    }

    long malformed() {
        return malformed;
    }

    long other() {
        return other;
    }

    List<Listed.Problem> problems() {
        return List.copyOf(problems);
    }

    java.util.Optional<Listed.Problem> firstUnread() {
        return java.util.Optional.ofNullable(firstUnread);
    }

    /** Nothing but white space ({@link String#isBlank()}), read from the bytes when they are ASCII. */
    private static boolean blank(Line line) {
        if (!line.ascii()) {
            return line.text().isBlank();
        }
        for (int i = line.from; i < line.to; i++) {
            byte b = line.buf[i];
            if (!(b == ' ' || b == '\t' || b >= 0x0b && b <= 0x0d || b >= 0x1c && b <= 0x1f)) {
                return false;
            }
        }
        return true;
    }
}
