package io.github.o365watch.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files a person names, read as text: never more than a cap (a device such as {@code /dev/zero}
 * or a pipe has no size to check first, so the cap is on what is read), and decoded as the tools
 * that write them save text: UTF-8, or UTF-16 with a byte-order mark (Windows "Unicode"), a mark
 * dropped.
 */
final class LocalFiles {
    private LocalFiles() {}

    /** More bytes than the cap allowed. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long max;

        TooLargeException(Path file, long max) {
            super(file + " is over the limit of " + max + " bytes");
            this.max = max;
        }

        /** "1 MiB": the cap in the words of a message. */
        String limit() {
            return max % (1 << 20) == 0
                    ? (max >> 20) + " MiB"
                    : max % 1024 == 0 ? (max >> 10) + " KiB" : max + " bytes";
        }
    }

    /** The file's bytes; more than {@code max} is a {@link TooLargeException}, found after reading at most one byte more. */
    static byte[] readAtMost(Path file, long max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
            if (bytes.length > max) {
                throw new TooLargeException(file, max);
            }
            return bytes;
        }
    }

    /** Text in UTF-8, or in UTF-16 when it starts with a byte-order mark; the mark is not part of the text. */
    static String decode(byte[] bytes) {
        Charset cs = charset(bytes, bytes.length);
        int skip = bom(bytes, bytes.length);
        return new String(bytes, skip, bytes.length - skip, cs);
    }

    /** A reader of a stream's text, decoded as {@link #decode} does: the mark is looked for in the first bytes, then dropped. */
    static Reader reader(InputStream in) throws IOException {
        BufferedInputStream b = in instanceof BufferedInputStream bis ? bis : new BufferedInputStream(in, 1 << 16);
        b.mark(3);
        byte[] start = b.readNBytes(3);
        b.reset();
        b.skipNBytes(bom(start, start.length));
        return new InputStreamReader(b, charset(start, start.length));
    }

    private static Charset charset(byte[] b, int n) {
        if (n >= 2 && b[0] == (byte) 0xff && b[1] == (byte) 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        if (n >= 2 && b[0] == (byte) 0xfe && b[1] == (byte) 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        return StandardCharsets.UTF_8;
    }

    private static int bom(byte[] b, int n) {
        if (n >= 3 && b[0] == (byte) 0xef && b[1] == (byte) 0xbb && b[2] == (byte) 0xbf) {
            return 3;
        }
        return charset(b, n) == StandardCharsets.UTF_8 ? 0 : 2;
    }
}
