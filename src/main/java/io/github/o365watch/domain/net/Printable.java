package io.github.o365watch.domain.net;

/**
 * Untrusted text made safe to print: {@link #of} for a value quoted in a message (escaped,
 * capped), {@link #line} for free text shown as one line (control, format and bidi characters,
 * line and paragraph separators become spaces). Every message and report goes through one of
 * the two.
 */
public final class Printable {
    private static final int MAX = 80;

    private Printable() {}

    /** Control and non-ASCII characters as {@code \\uXXXX}, at most 80 characters. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (i == MAX) {
                out.append("...");
                break;
            }
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /** One line of at most {@code max} characters; characters that could move the cursor or reorder text are spaces. */
    public static String line(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), 1 << 16));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean blank = Character.isWhitespace(c) || Character.isISOControl(c) || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))
                            || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (blank) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        String s = out.toString();
        return s.length() >= max && text.length() > max ? s.substring(0, Math.max(0, max - 3)) + "..." : s;
    }
}
