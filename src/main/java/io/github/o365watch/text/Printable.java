package io.github.o365watch.text;

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

    /** A Java class name and its colon at the start of an exception's message ({@code java.io.IOException: }). */
    private static final java.util.regex.Pattern CLASS_NAME =
            java.util.regex.Pattern.compile("(?:\\b[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:? ?");

    /**
     * Why an operation on a file or a connection failed, in the JDK's words but as a sentence for
     * the person running o365watch: "no such file or directory", "is a directory", never
     * {@code java.nio.file.NoSuchFileException: x}, whose message is only the file's name.
     */
    public static String reason(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException) {
            return "directory not empty";
        }
        String m = e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                ? f.getReason()
                : e.getMessage();
        m = m == null ? "" : withoutClassNames(m).strip();
        if (m.isEmpty()) {
            return e.getCause() != null && e.getCause() != e ? reason(e.getCause()) : "an input or output error";
        }
        return line(m, 300);
    }

    /** {@code text} without the Java class names an exception's message may carry ({@code java.io.IOException: }). */
    public static String withoutClassNames(String text) {
        return text == null ? "" : CLASS_NAME.matcher(text).replaceAll("");
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
            boolean blank = Character.isWhitespace(c)
                    || Character.isISOControl(c)
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE
                            && !(Character.isHighSurrogate(c)
                                            && i + 1 < text.length()
                                            && Character.isLowSurrogate(text.charAt(i + 1))
                                    || Character.isLowSurrogate(c)
                                            && i > 0
                                            && Character.isHighSurrogate(text.charAt(i - 1)));
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
