package io.github.o365watch.domain.net;

/** Renders an untrusted string for a message: control and non-ASCII characters escaped, length capped. */
public final class Printable {
    private static final int MAX = 80;

    private Printable() {}

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
}
