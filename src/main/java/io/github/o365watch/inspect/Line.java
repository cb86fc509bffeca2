package io.github.o365watch.inspect;

import java.nio.charset.StandardCharsets;

/**
 * One line of a log as {@link LineSource} hands it out, valid until the next: its bytes (UTF-8)
 * in a shared buffer, whether they are all ASCII (then each byte is one character, and parsers
 * may read the bytes instead of a decoded string), and its text, decoded only when asked. A line
 * read from a {@link java.io.Reader} is text only. Also an ASCII {@link CharSequence} over the bytes, for regular expressions and
 * parsers that take one, without a copy.
 */
final class Line implements CharSequence {
    byte[] buf;
    int from;
    int to;
    private boolean ascii;
    // 1: a control character other than tab, 0: none, -1: not known yet (a line of text)
    private int control;
    private String text;

    /**
     * A line of bytes; {@code ascii} must say whether every byte is below 0x80, {@code control}
     * whether one is a control character other than tab (below 0x20, or 0x7f).
     */
    void set(byte[] buf, int from, int to, boolean ascii, boolean control) {
        this.buf = buf;
        this.from = from;
        this.to = to;
        this.ascii = ascii;
        this.control = control ? 1 : 0;
        this.text = null;
    }

    /**
     * A line that was read as text (a {@link java.io.Reader}): parsers read the text, as they
     * always did; {@link #ascii()} is false, there being no bytes.
     */
    void set(String text) {
        this.ascii = false;
        this.control = -1;
        this.text = text;
        this.buf = null;
    }

    /**
     * True when the line holds a control character other than tab: binary data, not text. They
     * are single bytes in UTF-8, so a line's bytes tell as its text does (the line splitter saw
     * them already).
     */
    boolean control() {
        if (control < 0) {
            String t = text;
            control = 0;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    control = 1;
                    break;
                }
            }
        }
        return control == 1;
    }

    /** True when the line was read as bytes and every one is ASCII: {@link #buf} from {@link #from} to {@link #to} holds them, one byte a character. */
    boolean ascii() {
        return ascii;
    }

    /** The line as text (malformed UTF-8 replaced, as a decoding reader replaces it). */
    String text() {
        if (text == null) {
            text = new String(buf, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        return text;
    }

    /** The text from character {@code start}: the line without a byte order mark, say. */
    void dropStart(int chars) {
        String t = text();
        set(t.substring(chars));
    }

    @Override
    public int length() {
        return ascii ? to - from : text().length();
    }

    @Override
    public char charAt(int index) {
        return ascii ? (char) buf[from + index] : text().charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return ascii
                ? new String(buf, from + start, end - start, StandardCharsets.ISO_8859_1)
                : text().substring(start, end);
    }

    @Override
    public String toString() {
        return text();
    }
}
