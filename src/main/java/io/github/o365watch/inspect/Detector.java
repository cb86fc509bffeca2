package io.github.o365watch.inspect;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tells a configuration's format from its content: o365watch's own header ({@code # Target
 * squid: ...}) when there is one, else each format's {@link Detection}: a claim on the file's
 * opening, else the signatures of its first lines (most lines wins), else the shape of its lines
 * (one entry per line is an EDL), else plain text. The formats' own parts live with their readers;
 * this class only runs the stages.
 */
final class Detector {
    /** Only the start of a file is looked at: signatures come early, and a huge file stays cheap. */
    private static final int HEAD = 256 * 1024;

    private static final int HEADER_LINES = 40;

    private Detector() {}

    /** The formats with a part in a stage, in rank order. */
    private static <T> List<ConfigFormat> stage(Function<Detection, T> part) {
        return Arrays.stream(ConfigFormat.values())
                .filter(f -> part.apply(f.detection()) != null)
                .sorted(Comparator.comparingInt(f -> f.detection().rank()))
                .toList();
    }

    private static final List<ConfigFormat> OPENING = stage(Detection::opening);
    private static final List<ConfigFormat> COMMENT = stage(Detection::comment);
    private static final List<ConfigFormat> LINE = stage(Detection::line);
    private static final List<ConfigFormat> SHAPE = stage(Detection::shape);

    /** Whole lines from the start, at most {@link #HEAD} characters, without a byte-order mark. */
    static String head(String content) {
        String head = content;
        if (content.length() > HEAD) {
            // whole lines only: a cut one would look like no entry
            int nl = content.lastIndexOf('\n', HEAD);
            head = content.substring(0, nl > 0 ? nl : HEAD);
        }
        return head.startsWith("\ufeff") ? head.substring(1) : head;
    }

    static ConfigFormat detect(String content) {
        String head = head(content);
        ConfigFormat own = header(head);
        if (own != null) {
            return own;
        }
        Detection.Head h = new Detection.Head(head, head.stripLeading());
        for (ConfigFormat f : OPENING) {
            if (f.detection().opening().test(h)) {
                return f;
            }
        }
        String[] lines = head.split("\r\n|\r|\n");
        Map<ConfigFormat, Integer> score = new EnumMap<>(ConfigFormat.class);
        for (String raw : lines) {
            ConfigFormat f = signature(raw);
            if (f != null) {
                score.merge(f, 1, Integer::sum);
            }
        }
        // ties go to the first format declared (EnumMap iterates in that order)
        ConfigFormat best = null;
        for (Map.Entry<ConfigFormat, Integer> e : score.entrySet()) {
            if (best == null || e.getValue() > score.get(best)) {
                best = e.getKey();
            }
        }
        if (best != null) {
            return best;
        }
        for (ConfigFormat f : SHAPE) {
            if (f.detection().shape().test(lines)) {
                return f;
            }
        }
        return ConfigFormat.TEXT;
    }

    /** o365watch's header names the target: {@code # Target edl: ...}, {@code ! Target cisco-asa: ...}, {@code // Target pac: ...}. */
    private static ConfigFormat header(String head) {
        String id = headerId(head);
        for (ConfigFormat f : ConfigFormat.values()) {
            if (f != ConfigFormat.TEXT && f.id().equals(id)) {
                return f;
            }
        }
        return null;
    }

    /** The target id in o365watch's header among the first lines, whatever the target, or null. */
    static String headerId(String head) {
        int n = 0;
        int from = 0;
        while (n++ < HEADER_LINES && from < head.length()) {
            int end = head.indexOf('\n', from);
            String line = head.substring(from, end < 0 ? head.length() : end);
            from = end < 0 ? head.length() : end + 1;
            String s = line.strip();
            int i = 0;
            while (i < s.length() && (s.charAt(i) == '#' || s.charAt(i) == '!' || s.charAt(i) == '/')) {
                i++;
            }
            if (i == 0) {
                continue;
            }
            String rest = s.substring(i).strip();
            if (!rest.startsWith("Target ")) {
                continue;
            }
            int colon = rest.indexOf(':');
            if (colon < 0) {
                continue;
            }
            return rest.substring(7, colon);
        }
        return null;
    }

    /** The format one line is typical of, or null: comment lines have signatures of their own. */
    private static ConfigFormat signature(String raw) {
        String s = raw.strip();
        if (s.isEmpty()) {
            return null;
        }
        boolean comment = s.startsWith("#") || s.startsWith("!") && !s.startsWith("!=");
        for (ConfigFormat f : comment ? COMMENT : LINE) {
            if ((comment ? f.detection().comment() : f.detection().line()).test(s)) {
                return f;
            }
        }
        return null;
    }

    /** True when the line starts with one of the words. */
    static boolean startsAny(String s, String... starts) {
        for (String p : starts) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
