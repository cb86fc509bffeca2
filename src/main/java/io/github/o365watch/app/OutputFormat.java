package io.github.o365watch.app;

import io.github.o365watch.text.Alternatives;
import io.github.o365watch.text.Printable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every output format a command or the config file can ask for, declared once: its id is what
 * {@code --format} and {@code reports.formats} take. Each command offers a subset (declared with
 * the command); the config file's report formats are {@link Reports#FILE_FORMATS}.
 */
public enum OutputFormat {
    TEXT,
    TABLE,
    MARKDOWN,
    HTML,
    JSON,
    CSV,
    /** JUnit XML, one test case per output. */
    JUNIT,
    /** GitHub Actions annotations and a step summary. */
    GITHUB;

    /** What users type: {@code text}, {@code markdown}... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The id: what messages and picocli's parse results show. */
    @Override
    public String toString() {
        return id();
    }

    /** The ids of {@code formats}, in order. */
    public static List<String> ids(List<OutputFormat> formats) {
        return formats.stream().map(OutputFormat::id).toList();
    }

    /**
     * The one of {@code offered} with this id, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the value and the choices ({@code 'xml' is not text, json or csv})
     */
    public static OutputFormat parse(String id, List<OutputFormat> offered) {
        String s = id == null ? "" : id.strip();
        return offered.stream()
                .filter(f -> f.id().equalsIgnoreCase(s))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + Printable.of(id) + "' is not " + Alternatives.of(ids(offered))));
    }

    /** All of them, in declaration order. */
    public static List<OutputFormat> all() {
        return Arrays.asList(values());
    }
}
