package io.github.o365watch.inspect;

import java.util.Objects;

/**
 * Reads what a deployed configuration lists: its address entries (prefixes, addresses, ranges,
 * address and netmask) and host patterns, each with its text and 1-based line, and what could
 * not be read. Comments, descriptions, object names and o365watch's "not expressed" lists are
 * never read as entries. Never throws on bad input: what it cannot read is a
 * {@link Listed.Problem}. A line holding a control character (a terminal's colour or cursor
 * sequence, binary data) is not read at all and is a problem, whatever the format: no device
 * loads such a line as the entry it may display, and a reader that skipped it would do so in
 * silence. Linear in the size of the content.
 */
public final class ConfigReader {
    private ConfigReader() {}

    public static Listed read(String content, ConfigFormat format) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(format, "format");
        String text = content.startsWith("\ufeff") ? content.substring(1) : content;
        EntryCollector sink = new EntryCollector(format);
        text = withoutControlLines(text, sink);
        format.reader().read(text, sink);
        return sink.listed();
    }

    /**
     * The content with every line that holds a control character (tab aside) emptied, each such
     * line a problem; line ends are kept, so the readers count lines as before. A line of
     * nothing but blanks and control characters (a form feed) is emptied without a word.
     */
    static String withoutControlLines(String content, EntryCollector sink) {
        StringBuilder out = null;
        int n = 0;
        int start = 0;
        int len = content.length();
        while (start < len) {
            int end = start;
            int control = -1;
            boolean visible = false;
            for (; end < len && content.charAt(end) != '\n' && content.charAt(end) != '\r'; end++) {
                char c = content.charAt(end);
                if (c != '\t' && Character.getType(c) == Character.CONTROL) {
                    control = control < 0 ? c : control;
                } else if (!Character.isWhitespace(c)) {
                    visible = true;
                }
            }
            n++;
            if (control >= 0) {
                if (out == null) {
                    out = new StringBuilder(len).append(content, 0, start);
                }
                if (visible) {
                    sink.problem(
                            n,
                            content.substring(start, Math.min(end, start + 1000)),
                            control == 0x1b
                                    ? "holds a terminal escape sequence (ESC, as in colours copied from a terminal): line not read; export it without colours"
                                    : String.format("holds the control character U+%04X: line not read", control));
                }
            } else if (out != null) {
                out.append(content, start, end);
            }
            int next = end < len && content.charAt(end) == '\r' && end + 1 < len && content.charAt(end + 1) == '\n'
                    ? end + 2
                    : end + 1;
            if (out != null) {
                out.append(content, end, Math.min(next, len));
            }
            start = next;
        }
        return out == null ? content : out.toString();
    }
}
