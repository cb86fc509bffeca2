package io.github.o365watch.inspect;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines from a reader, ended by LF, CR LF or CR, each capped at {@code max} characters: a file
 * without line breaks (or with one enormous line) costs {@code max} characters of memory, not
 * its size. What passes the cap is read and dropped, and {@link #tooLong()} says so.
 */
final class LineSource {
    private final Reader in;
    private final int max;
    private final char[] buf = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int end;
    private boolean eof;
    private boolean skipLf;
    private boolean tooLong;

    LineSource(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line without its terminator, or {@code null} at the end. */
    String next() throws IOException {
        line.setLength(0);
        tooLong = false;
        boolean started = false;
        while (true) {
            if (pos == end) {
                if (!eof) {
                    int n = in.read(buf, 0, buf.length);
                    if (n > 0) {
                        pos = 0;
                        end = n;
                        continue;
                    }
                    eof = true;
                }
                return started ? line.toString() : null;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            started = true;
            int i = pos;
            while (i < end && buf[i] != '\n' && buf[i] != '\r') {
                i++;
            }
            append(pos, i - pos);
            if (i < end) {
                skipLf = buf[i] == '\r';
                pos = i + 1;
                return line.toString();
            }
            pos = i;
        }
    }

    /** True when the line last returned was cut at the cap. */
    boolean tooLong() {
        return tooLong;
    }

    private void append(int from, int count) {
        int room = max - line.length();
        if (count > room) {
            tooLong = true;
        }
        line.append(buf, from, Math.min(count, room));
    }
}
