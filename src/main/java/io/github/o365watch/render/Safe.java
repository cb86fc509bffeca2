package io.github.o365watch.render;

/**
 * Free text for a comment or a description in a generated file: one line of plain characters,
 * nothing that ends a comment, opens a string, a tag, a variable or a command.
 */
public final class Safe {
    private Safe() {}

    public static String comment(String s) {
        StringBuilder out = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ".,:;()_+=@%/'*#-".indexOf(c) >= 0;
            if (!ok) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString().replace("*/", "* /").replace("/*", "/ *").replace("--", "- -");
    }
}
