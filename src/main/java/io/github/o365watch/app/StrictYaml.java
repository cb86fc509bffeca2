package io.github.o365watch.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.o365watch.text.Printable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The YAML files a person writes ({@code o365watch.yaml}, the overrides file), read with one
 * strictness: a duplicated key, a second document ({@code ---}), an unknown key, a null list item
 * or value, or a value of the wrong type is a usage error (exit 2) naming the file, the key and
 * its line, and never the line's text (it may hold a secret). A file over its size cap is refused
 * after reading at most one byte more.
 */
final class StrictYaml {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    static {
        // a null item in a list or value in a mapping ("to: [null]", "table: ~") is a mistake to name, not a
        // NullPointerException later
        YAML.configOverride(List.class)
                .setSetterInfo(com.fasterxml.jackson.annotation.JsonSetter.Value.forContentNulls(
                        com.fasterxml.jackson.annotation.Nulls.FAIL));
        YAML.configOverride(Map.class)
                .setSetterInfo(com.fasterxml.jackson.annotation.JsonSetter.Value.forContentNulls(
                        com.fasterxml.jackson.annotation.Nulls.FAIL));
    }

    private StrictYaml() {}

    /**
     * What kind of file: its name in messages ("config file"), the most it may hold, what to say
     * when it is missing, and a hint for an unknown key (given the key and its path).
     */
    record Kind(String label, long maxBytes, String whenMissing, BiFunction<String, String, String> unknownKeyHint) {}

    /** The file's content ({@code null} for an empty file) and where its keys are. */
    record Read<T>(T value, At at) {}

    static <T> Read<T> read(Path file, Kind kind, Class<T> type) {
        byte[] bytes;
        try {
            bytes = LocalFiles.readAtMost(file, kind.maxBytes());
        } catch (NoSuchFileException e) {
            throw new UsageException(kind.label() + " " + file + " does not exist" + kind.whenMissing());
        } catch (LocalFiles.TooLargeException e) {
            throw new UsageException(kind.label() + " " + file + " is larger than " + e.limit() + ", far more than any "
                    + kind.label() + " needs; is it the right file?");
        } catch (IOException e) {
            throw new UsageException("cannot read " + kind.label() + " " + file + ": " + Printable.reason(e));
        }
        return read(file, bytes, kind, type);
    }

    /** Reads content that is not (or not yet) in a file, as if it were {@code file}'s. */
    static <T> Read<T> read(Path file, byte[] bytes, Kind kind, Class<T> type) {
        At at = new At(kind.label(), file, lines(bytes));
        T value;
        try {
            value = YAML.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw error(kind, at, e);
        } catch (IOException e) {
            throw new UsageException("cannot read " + kind.label() + " " + file + ": " + Printable.reason(e));
        }
        int second = secondDocument(bytes);
        if (second > 0) {
            // the reader takes the first document and ignores the rest, keys and mistakes alike
            throw new UsageException(kind.label() + " " + file + ", line " + second
                    + ": a second YAML document ('---');" + " o365watch reads one: put every key in it");
        }
        return new Read<>(value, at);
    }

    /** One line naming key and line. Never the parser's excerpt of the file: the line at fault may hold a secret. */
    private static UsageException error(Kind kind, At at, JsonProcessingException x) {
        for (Throwable c = x; c != null; c = c.getCause()) {
            if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException y) {
                var mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
                return new UsageException(
                        kind.label() + " " + at.file() + (mark == null ? "" : ", line " + (mark.getLine() + 1))
                                + ": not YAML: " + Printable.line(y.getProblem(), 200));
            }
        }
        for (Throwable c = x.getCause(); c != null; c = c.getCause()) {
            // a key twice in a nested mapping comes wrapped in the binding's exception: the parser's words (they name
            // the key), at its line
            if (c instanceof com.fasterxml.jackson.core.exc.StreamReadException r
                    && String.valueOf(r.getOriginalMessage()).startsWith("Duplicate field")) {
                x = r;
                break;
            }
        }
        try {
            throw x;
        } catch (UnrecognizedPropertyException e) {
            String key = e.getPropertyName();
            String path = path(e);
            String in = path.contains(".") ? " in " + path.substring(0, path.lastIndexOf('.')) : "";
            return at.error(
                    path,
                    "unknown key '" + Printable.of(key) + "'" + in
                            + kind.unknownKeyHint().apply(key, path));
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String path = path(e);
            return at.error(path.isEmpty() ? "the top level" : path, "expected " + expected(e.getTargetType()));
        } catch (JsonMappingException e) {
            String path = path(e);
            return at.error(path.isEmpty() ? "the top level" : path, "not a valid value here");
        } catch (JsonProcessingException e) {
            // the parser's own words name fields (duplicates), never values
            return new UsageException(kind.label() + " " + at.file()
                    + (e.getLocation() == null
                            ? ""
                            : ", line " + e.getLocation().getLineNr()) + ": "
                    + Printable.line(e.getOriginalMessage(), 200));
        }
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "a mapping (indented key: value lines)";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a text value";
    }

    /** Names a key and the line that sets it (or its nearest enclosing key) in a usage error. */
    record At(String label, Path file, Map<String, Integer> lines) {
        /** {@code text} starts with the key it is about, e.g. {@code selection.families: ...}. */
        UsageException error(String text) {
            int end = 0;
            while (end < text.length() && text.charAt(end) != ':' && text.charAt(end) != ' ') {
                end++;
            }
            return error(text.substring(0, end), text.substring(end).replaceFirst("^: ", ""));
        }

        /** A path the file names, relative to {@code dir}; a value no file system takes (a NUL) is this key's error. */
        Path path(Path dir, String key, String value) {
            try {
                return dir.resolve(value);
            } catch (java.nio.file.InvalidPathException e) {
                throw error(key, io.github.o365watch.store.PathNames.describe(e));
            }
        }

        /** "output, line 5", or "output, by default" for a key the file does not set. */
        String where(String key) {
            Integer line = lines.get(key);
            return key + (line == null ? ", by default" : ", line " + line);
        }

        /** The line that sets the key (or its nearest enclosing key), or {@link Integer#MAX_VALUE} when none is known. */
        int line(String key) {
            Integer line = lineOf(key);
            return line == null ? Integer.MAX_VALUE : line;
        }

        private Integer lineOf(String key) {
            String k = key;
            Integer line = null;
            while (line == null && !k.isEmpty()) {
                line = lines.get(k);
                int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
                k = cut < 0 ? "" : k.substring(0, cut);
            }
            return line;
        }

        UsageException error(String key, String message) {
            Integer line = lineOf(key);
            // one line whatever the values quoted in it hold (a path with a newline, a message from a file it names)
            return new UsageException(Printable.line(
                    label + " " + file + (line == null ? "" : ", line " + line) + ": " + key
                            + (message.isEmpty() ? "" : message.startsWith(" ") ? message : ": " + message),
                    2000));
        }
    }

    /** The line where a second document with content starts (after {@code ---}), or 0. */
    static int secondDocument(byte[] bytes) {
        int documents = 0;
        int depth = 0;
        try (com.fasterxml.jackson.core.JsonParser p = YAML.getFactory().createParser(bytes)) {
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                boolean empty = t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL
                        || t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING
                                && p.getText().isEmpty(); // "---" with nothing after it
                if (depth == 0 && !empty && ++documents == 2) {
                    return p.currentTokenLocation().getLineNr();
                }
                depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
            }
        } catch (IOException e) {
            // what does not parse is the reader's to report
        }
        return 0;
    }

    /** The line of every key and list item, by path ({@code targets[2].options.proxy}); empty for what does not parse. */
    static Map<String, Integer> lines(byte[] bytes) {
        Map<String, Integer> out = new java.util.HashMap<>();
        try (com.fasterxml.jackson.core.JsonParser p = YAML.getFactory().createParser(bytes)) {
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String path = path(
                        t == com.fasterxml.jackson.core.JsonToken.START_OBJECT
                                        || t == com.fasterxml.jackson.core.JsonToken.START_ARRAY
                                ? p.getParsingContext().getParent()
                                : p.getParsingContext());
                if (!path.isEmpty()) {
                    out.putIfAbsent(path, p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // the reader reports what does not parse
        }
        return out;
    }

    private static String path(com.fasterxml.jackson.core.JsonStreamContext c) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                parts.push("[" + (c.getCurrentIndex() + 1) + "]");
            }
        }
        String s = String.join("", parts);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    private static String path(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                s.append(s.length() == 0 ? "" : ".").append(Printable.of(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex() + 1).append(']');
            }
        }
        return s.toString();
    }
}
