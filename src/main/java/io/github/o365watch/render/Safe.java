package io.github.o365watch.render;

import java.text.Normalizer;

/**
 * Free text for a comment or a description in a generated file: one line of plain characters,
 * nothing that ends a comment, opens a string, a tag, a variable or a command. Beyond ASCII, a
 * letter, digit, mark, punctuation or symbol (Zürich, café, a dash) is kept where the target's
 * syntax takes UTF-8 in comments ({@code comments=utf-8} in its target.properties), and written as
 * {@code (U+00FC)} where it does not; control, format and bidi characters, line and paragraph
 * separators, private-use and unassigned code points never reach a file.
 */
public final class Safe {
    private Safe() {}

    public static String comment(String s, boolean utf8) {
        String text = Normalizer.normalize(s, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            // ASCII, nearly every character, is appended as a char: no string made per character
            String kept = c < 0x80 ? null : printable(c) ? (utf8 ? new String(Character.toChars(c)) : escape(c)) : null;
            if (c < 0x80 ? !ascii(c) : kept == null) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            if (kept == null) {
                out.append((char) c);
            } else {
                out.append(kept);
            }
        }
        return out.toString().replace("*/", "* /").replace("/*", "/ *").replace("--", "- -");
    }

    private static boolean ascii(int c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || ".,:;()_+=@%/'*#-".indexOf(c) >= 0;
    }

    /** A visible character that ends nothing in any syntax: letters, marks, digits, punctuation, symbols. */
    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK,
                    Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    private static String escape(int c) {
        return String.format(java.util.Locale.ROOT, "(U+%04X)", c);
    }

    /**
     * At most {@code max} characters of a text {@link #comment} made, with {@code ...} when cut, never
     * inside a character (a surrogate pair) or an escape.
     */
    public static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 3;
        if (Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        int open = s.lastIndexOf("(U+", end);
        if (open >= 0 && s.indexOf(')', open) >= end) {
            end = open;
        }
        return s.substring(0, end) + "...";
    }
}
