package org.fieldsafe.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.fieldsafe.core.json.JsonMappers;

/**
 * Writes the lines of one CSV file of an export (jackson-dataformat-csv), with every cell made safe to open in a
 * spreadsheet: a cell that a spreadsheet would read as a formula (it starts with {@code = + - @}, a tab or a
 * carriage return) gets a leading apostrophe, whatever column it is in - answers, labels, translations, categories,
 * codes (OWASP's "CSV injection" advice). A plain number ({@code -5}, {@code +1.5}) is left as it is. JSON Lines
 * keeps every value as said. Thread-safe.
 */
final class CsvLines {
    private static final CsvMapper CSV = JsonMappers.csv();
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final ObjectWriter writer;

    CsvLines(List<String> columns) {
        CsvSchema.Builder schema = CsvSchema.builder();
        for (String c : columns) {
            schema.addColumn(c, CsvSchema.ColumnType.STRING);
        }
        this.writer = CSV.writerFor(String[].class).with(schema.build());
    }

    /** One CSV line of these cells (null as empty), each made safe. */
    byte[] line(String... cells) {
        try {
            return writer.writeValueAsBytes(safe(cells));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a row: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The same bytes as {@link #line} of each in turn, written by one CSV generator: a long CSV row's thirty-odd
     * lines cost one generator's set-up, not thirty.
     */
    byte[] lines(List<String[]> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (SequenceWriter sequence = writer.writeValues(out)) {
            for (String[] cells : rows) {
                sequence.write(safe(cells));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot render a row: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static String[] safe(String[] cells) {
        String[] safe = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = safe(cells[i]);
        }
        return safe;
    }

    /** The cell as a spreadsheet may safely open it: a would-be formula prefixed with an apostrophe. */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        if (FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(cell).matches()) {
            return "'" + cell;
        }
        return cell;
    }
}
