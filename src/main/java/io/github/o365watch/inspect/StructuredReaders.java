package io.github.o365watch.inspect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** JSON (any shape, and Check Point's Generic Data Center file) and CSV, read with Jackson's streaming parsers. */
final class StructuredReaders {
    /** Fields whose strings are prose or names, never entries (o365watch's "notExpressed" included). */
    private static final Set<String> PROSE = Set.of(
            "description",
            "notes",
            "note",
            "notexpressed",
            "comment",
            "comments",
            "name",
            "displayname",
            "title",
            "generator",
            "instance",
            "version",
            "remark",
            "remarks");
    /** CSV columns that hold entries. */
    static final Set<String> VALUE_COLUMNS = Set.of(
            "value",
            "address",
            "addresses",
            "ip",
            "ips",
            "prefix",
            "prefixes",
            "ipaddress",
            "ip address",
            "network",
            "subnet",
            "cidr",
            "range",
            "host",
            "hostname",
            "hostnames",
            "fqdn",
            "url",
            "urls",
            "domain",
            "destination",
            "dst",
            "entry");

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(200)
            .maxStringLength(1 << 20)
            .build();

    private StructuredReaders() {}

    private record Frame(boolean array, String key, boolean prose) {}

    /**
     * Every string in the JSON that is wholly an address, prefix, range or hostname, except under
     * prose fields; for Check Point only the strings of {@code ranges} arrays.
     */
    static void json(String content, EntryCollector sink, boolean checkpoint) {
        JsonFactory f = JsonFactory.builder().streamReadConstraints(LIMITS).build();
        int line = 1;
        try (JsonParser p = f.createParser(content)) {
            Deque<Frame> stack = new ArrayDeque<>();
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                line = p.currentTokenLocation().getLineNr();
                Frame top = stack.peek();
                switch (t) {
                    case FIELD_NAME -> field = p.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        String key = top == null ? null : top.array() ? top.key() : field;
                        stack.push(
                                new Frame(t == JsonToken.START_ARRAY, key, top != null && top.prose() || prose(key)));
                    }
                    case END_OBJECT, END_ARRAY -> stack.poll();
                    case VALUE_STRING -> {
                        String key = top == null ? null : top.array() ? top.key() : field;
                        boolean skip = top != null && top.prose() || prose(key);
                        if (checkpoint && "ranges".equals(key)) {
                            PlainReader.entry(p.getText(), line, sink);
                        } else if (!checkpoint && !skip) {
                            jsonValue(p.getText(), line, sink);
                        }
                    }
                    default -> {
                        // numbers, booleans, nulls: not entries
                    }
                }
            }
        } catch (IOException e) {
            sink.problem(line, "", "not valid JSON, read up to here: " + firstLine(e.getMessage()));
        }
    }

    private static boolean prose(String key) {
        return key != null && PROSE.contains(key.toLowerCase(Locale.ROOT));
    }

    /** A string is read only when all of it is one entry; prose and names in other fields are left alone. */
    private static void jsonValue(String v, int line, EntryCollector sink) {
        String s = v.strip();
        if (TokenScanner.rangeDash(s) > 0 || TokenScanner.looksV4(s) || TokenScanner.looksV6(s, true)) {
            sink.prefixOrRange(s, line);
        } else if (TokenScanner.looksHost(s)) {
            sink.hostname(s, s, line);
        }
    }

    /**
     * A CSV with a header row: the cells of the columns that hold entries ({@code value},
     * {@code ip}, {@code host}, {@code url}...; several entries in one cell are split), or, without
     * such a column, every cell that is wholly an entry.
     */
    static void csv(String content, EntryCollector sink) {
        CsvFactory f = new CsvFactory();
        int line = 1;
        try (CsvParser p = f.createParser(content)) {
            p.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            p.enable(CsvParser.Feature.ALLOW_COMMENTS);
            p.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            List<Boolean> columns = null;
            boolean anyColumn = false;
            List<String> header = new ArrayList<>();
            int column = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                line = p.currentTokenLocation().getLineNr();
                if (t == JsonToken.START_ARRAY) {
                    column = 0;
                } else if (t == JsonToken.END_ARRAY) {
                    if (columns == null) {
                        columns = new ArrayList<>();
                        for (String h : header) {
                            boolean v = VALUE_COLUMNS.contains(h.strip().toLowerCase(Locale.ROOT));
                            columns.add(v);
                            anyColumn |= v;
                        }
                    }
                } else if (t == JsonToken.VALUE_STRING) {
                    String v = p.getText();
                    if (columns == null) {
                        header.add(v.length() > 100 ? v.substring(0, 100) : v);
                    } else if (anyColumn) {
                        if (column < columns.size() && columns.get(column)) {
                            cell(v, line, sink);
                        }
                    } else {
                        jsonValue(v, line, sink);
                    }
                    column++;
                }
            }
        } catch (IOException e) {
            sink.problem(line, "", "not valid CSV, read up to here: " + firstLine(e.getMessage()));
        }
    }

    private static void cell(String v, int line, EntryCollector sink) {
        int start = 0;
        for (int i = 0; i <= v.length(); i++) {
            char c = i < v.length() ? v.charAt(i) : ' ';
            if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (i > start) {
                    PlainReader.entry(v.substring(start, i), line, sink);
                }
                start = i + 1;
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** JSON: an object or an array. */
    static boolean json(Detection.Head h) {
        return h.start().startsWith("{") || h.start().startsWith("[");
    }

    /** Check Point's Generic Data Center JSON: objects with ranges. */
    static boolean checkpoint(Detection.Head h) {
        return json(h) && h.text().contains("\"objects\"") && h.text().contains("\"ranges\"");
    }

    /** A header row with a column that holds entries, o365watch's among them. */
    static boolean csvHeader(String[] lines) {
        for (String l : lines) {
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (s.indexOf(',') < 0) {
                return false;
            }
            for (String cell : s.split(",")) {
                String c = cell.strip().toLowerCase(Locale.ROOT);
                if (c.startsWith("\"") && c.endsWith("\"") && c.length() >= 2) {
                    c = c.substring(1, c.length() - 1);
                }
                if (VALUE_COLUMNS.contains(c)) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }
}
