package io.github.o365watch.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Lines from a byte stream (UTF-8) or a reader, ended by LF, CR LF or CR, each capped at
 * {@code max} characters: a file without line breaks (or with one enormous line) costs a few
 * times {@code max} bytes of memory, not its size. What passes the cap is read and dropped, and
 * {@link #tooLong()} says so.
 *
 * <p>From a byte stream, a line is handed out as its bytes in the read buffer ({@link Line}), not
 * decoded: the bytes LF and CR never occur inside a UTF-8 sequence, so splitting bytes splits
 * the text where a decoding reader would. A line of more than {@code max} bytes is decoded to
 * count its characters, as a reader counts them.
 */
final class LineSource {
    private final Reader reader;
    private final InputStream in;
    private final int max;
    private final Line line = new Line();
    private boolean eof;
    private boolean skipLf;
    private boolean tooLong;

    // a reader's lines
    private final char[] chars;
    private final StringBuilder text = new StringBuilder();

    // a stream's lines: bytes held in buf from pos to end
    private byte[] buf;
    private int pos;
    private int end;
    // at most this many bytes of a line are held: more than max characters, however they are encoded
    private final int keep;

    LineSource(Reader reader, int max) {
        this.reader = reader;
        this.in = null;
        this.max = max;
        this.keep = 0;
        this.chars = new char[8192];
    }

    LineSource(InputStream in, int max) {
        this.reader = null;
        this.in = in;
        this.max = max;
        this.keep = 3 * max + 4;
        this.chars = null;
        this.buf = new byte[Math.min(1 << 16, keep)];
    }

    /** True when the line last returned was cut at the cap. */
    boolean tooLong() {
        return tooLong;
    }

    /** The next line without its terminator, or {@code null} at the end; valid until the next call. */
    Line next() throws IOException {
        tooLong = false;
        if (reader != null) {
            String s = nextText();
            if (s == null) {
                return null;
            }
            line.set(s);
            return line;
        }
        while (true) {
            if (pos == end && !fill()) {
                return null;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            break;
        }
        int start = pos;
        int i = pos;
        boolean ascii = true;
        boolean control = false;
        while (true) {
            while (i < end) {
                byte b = buf[i];
                // printable ASCII, the common byte, passes one comparison (bytes from 0x80 are negative)
                if (b < 0x20 || b == 0x7f) {
                    if (b == '\n' || b == '\r') {
                        skipLf = b == '\r';
                        pos = i + 1;
                        return line(start, i, ascii, control);
                    }
                    if (b < 0) {
                        ascii = false;
                    } else if (b != '\t') {
                        control = true;
                    }
                }
                i++;
            }
            if (eof) {
                pos = end;
                return line(start, end, ascii, control);
            }
            // the line goes on past the buffer: move it to the front, grow up to the cap, read more
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                i -= start;
                start = 0;
                pos = 0;
            }
            if (end == buf.length) {
                if (buf.length >= keep) {
                    tooLong = true;
                    int held = end;
                    skipRest();
                    return line(0, held, ascii, control);
                }
                buf = java.util.Arrays.copyOf(buf, Math.min(keep, buf.length * 2));
            }
            int n = in.read(buf, end, buf.length - end);
            if (n <= 0) {
                eof = true;
            } else {
                end += n;
            }
        }
    }

    private Line line(int from, int to, boolean ascii, boolean control) {
        if (to - from <= max && !tooLong) {
            line.set(buf, from, to, ascii, control);
            return line;
        }
        // longer than max bytes: as many characters?
        String s = new String(buf, from, to - from, StandardCharsets.UTF_8);
        if (s.length() > max || tooLong) {
            tooLong = true;
            s = s.substring(0, Math.min(max, s.length()));
        }
        line.set(s);
        return line;
    }

    /** Drops what is left of an overlong line, up to its end; the held part stays at the front of the buffer. */
    private void skipRest() throws IOException {
        byte[] scratch = new byte[8192];
        while (true) {
            int n = in.read(scratch, 0, scratch.length);
            if (n <= 0) {
                eof = true;
                pos = end;
                return;
            }
            for (int j = 0; j < n; j++) {
                if (scratch[j] == '\n' || scratch[j] == '\r') {
                    skipLf = scratch[j] == '\r';
                    // what follows the line goes after the held part, read next
                    int rest = n - j - 1;
                    if (end + rest > buf.length) {
                        buf = java.util.Arrays.copyOf(buf, end + rest);
                    }
                    System.arraycopy(scratch, j + 1, buf, end, rest);
                    pos = end;
                    end += rest;
                    return;
                }
            }
        }
    }

    /** Reads more after {@code end}; false at the end of the input with nothing left. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos == end) {
            pos = 0;
            end = 0;
        }
        while (true) {
            int n = in.read(buf, end, buf.length - end);
            if (n > 0) {
                end += n;
                return true;
            }
            if (n < 0) {
                eof = true;
                return pos < end;
            }
        }
    }

    /** A reader's next line, or {@code null} at the end. */
    private String nextText() throws IOException {
        text.setLength(0);
        boolean started = false;
        while (true) {
            if (pos == end) {
                if (!eof) {
                    int n = reader.read(chars, 0, chars.length);
                    if (n > 0) {
                        pos = 0;
                        end = n;
                        continue;
                    }
                    eof = true;
                }
                return started ? text.toString() : null;
            }
            if (skipLf) {
                skipLf = false;
                if (chars[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            started = true;
            int i = pos;
            while (i < end && chars[i] != '\n' && chars[i] != '\r') {
                i++;
            }
            append(pos, i - pos);
            if (i < end) {
                skipLf = chars[i] == '\r';
                pos = i + 1;
                return text.toString();
            }
            pos = i;
        }
    }

    private void append(int from, int count) {
        int room = max - text.length();
        if (count > room) {
            tooLong = true;
        }
        text.append(chars, from, Math.min(count, room));
    }
}
