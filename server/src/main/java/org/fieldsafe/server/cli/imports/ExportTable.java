package org.fieldsafe.server.cli.imports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.core.json.JsonMappers;

/**
 * One CSV file of an export: its name, header and rows (record numbers counted as a spreadsheet shows them: the
 * header is row 1). Read with Jackson's CSV parser, so quoted values may hold separators and line breaks.
 */
record ExportTable(String file, List<String> header, List<Row> rows) {

    /** A data row: its number (the header is row 1) and its cells, as many as the header has columns. */
    record Row(int number, List<String> cells) {
    }

    /** The column's index, or -1. */
    int column(String name) {
        return header.indexOf(name);
    }

    static ExportTable read(String file, byte[] bytes, char separator) throws IOException {
        CsvMapper csv = JsonMappers.csv();
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = csv.readerForListOf(String.class).with(schema)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(text)) {
            int number = 0;
            while (it.hasNext()) {
                List<String> cells = it.next();
                number++;
                if (header == null) {
                    header = cells.stream().map(String::strip).toList();
                    continue;
                }
                if (cells.size() == 1 && cells.get(0).isBlank()) {
                    continue;
                }
                List<String> padded = new ArrayList<>(cells);
                while (padded.size() < header.size()) {
                    padded.add("");
                }
                rows.add(new Row(number, List.copyOf(padded)));
            }
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a CSV file (" + e.getClass().getSimpleName() + ")", e);
        }
        return new ExportTable(file, header == null ? List.of() : header, List.copyOf(rows));
    }

    /** The separator of a Kobo export: {@code ;} (its default) when the header line has one, else {@code ,}. */
    static char sniffSeparator(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        return first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
    }
}
