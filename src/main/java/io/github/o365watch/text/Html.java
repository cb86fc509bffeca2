package io.github.o365watch.text;

/** The one HTML escaper: the report, the e-mail body and the served index page all use it. */
public final class Html {
    private Html() {}

    /**
     * Escaped for element content and attribute values: {@code & < > " '} as references, control,
     * format and line-separator characters as spaces, a lone surrogate as U+FFFD.
     */
    public static String escape(String s) {
        return escape(s, false);
    }

    /** As {@link #escape}, but line feeds are kept: for the body of a {@code pre}. */
    public static String escapeLines(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean keepLines) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c == '\n' && keepLines) {
                        out.append(c);
                    } else if (c < 0x20
                            || c == 0x7f
                            || c == 0xfffe
                            || c == 0xffff
                            || Character.getType(c) == Character.FORMAT
                            || c == 0x2028
                            || c == 0x2029) {
                        out.append(' ');
                    } else if (Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c)
                                    && i + 1 < s.length()
                                    && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                        out.append('\ufffd'); // a lone surrogate is not well-formed XML
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
