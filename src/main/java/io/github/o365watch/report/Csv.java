package io.github.o365watch.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.o365watch.text.Printable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one CSV writer (Jackson CSV): RFC 4180 quoting only where a cell needs it, LF line ends.
 * Every cell is one line of printable text, and a cell that starts with {@code = + - @} gets an
 * apostrophe first, so a spreadsheet cannot take feed or log text for a formula.
 */
public final class Csv {
    /** Longer cells are cut: a spreadsheet cell is for reading, not for carrying a whole log line. */
    static final int MAX_CELL = 4000;

    private static final ObjectWriter ROW = new CsvMapper()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .writerFor(String[].class)
            .with(CsvSchema.emptySchema().withLineSeparator("\n"));

    private Csv() {}

    /** One row, its cells made safe as {@link #cell} says, ending in LF. */
    public static String row(List<String> cells) {
        String[] safe = cells.stream().map(Csv::cell).toArray(String[]::new);
        try {
            return ROW.writeValueAsString(safe);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // writing strings to memory: no I/O to fail
        }
    }

    /** A cell's text: one line, at most {@link #MAX_CELL} characters, a leading formula character neutralised. */
    public static String cell(String s) {
        String t = Printable.line(s, MAX_CELL);
        return !t.isEmpty() && "=+-@".indexOf(t.charAt(0)) >= 0 ? "'" + t : t;
    }
}
