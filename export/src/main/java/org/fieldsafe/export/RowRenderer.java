package org.fieldsafe.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.json.JsonMappers;

/**
 * Renders exported rows in one {@link ExportFormat} with Jackson ({@link CsvLines} for CSV): a file's header
 * and each row's bytes. Thread-safe, so pass 1's worker threads render and pass 2 only copies bytes.
 */
abstract sealed class RowRenderer permits RowRenderer.WideCsv, RowRenderer.LongCsv, RowRenderer.Jsonl,
        RowRenderer.WideCsvBom, RowRenderer.Xlsx, RowRenderer.Qdpx {
    /** The UTF-8 byte order mark: Excel then reads the CSV as UTF-8 (Khmer, Thai, Bengali... intact). */
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final ObjectMapper JSON = JsonMappers.plain();

    /** The bytes a file of this format starts with (the CSV header line; nothing for JSON Lines). */
    abstract byte[] header();

    /** One respondent row: one CSV line (wide), one line per answer (long) or one JSON line. */
    abstract byte[] render(ExportRow row);

    static RowRenderer of(ExportFormat format, ExportLayout layout, TextSources texts) {
        return switch (format) {
            case WIDE_CSV -> new WideCsv(layout);
            case LONG_CSV -> new LongCsv();
            case JSONL -> new Jsonl();
            case WIDE_CSV_BOM -> new WideCsvBom(layout);
            case XLSX -> new Xlsx(layout);
            case QDPX -> new Qdpx(texts);
        };
    }

    static byte[] bytes(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a row: " + e.getOriginalMessage(), e);
        }
    }

    /** A list answer as one text: choice ids separated by a space. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }

    /** One row per respondent of an interview, one column per question, select_multiple as 0/1 columns. */
    static final class WideCsv extends RowRenderer {
        private final ExportLayout layout;
        private final CsvLines lines;
        private final int width;

        WideCsv(ExportLayout layout) {
            this.layout = layout;
            this.width = layout.wideColumns().size();
            this.lines = new CsvLines(layout.wideColumns());
        }

        @Override
        byte[] header() {
            return lines.line(layout.wideColumns().toArray(String[]::new));
        }

        @Override
        byte[] render(ExportRow row) {
            return lines.line(cells(row));
        }

        /** The row's cells, in the order of the layout's wide columns. */
        String[] cells(ExportRow row) {
            String[] cells = new String[width];
            int i = 0;
            cells[i++] = row.interview();
            cells[i++] = row.respondent();
            cells[i++] = row.site();
            cells[i++] = row.category();
            cells[i++] = row.form();
            cells[i++] = Integer.toString(row.formVersion());
            cells[i++] = row.language();
            cells[i++] = row.finalised();
            for (ExportLayout.Item item : layout.items()) {
                if (item.columns().isEmpty()) {
                    continue;
                }
                Object value = row.answers().get(item.id());
                String code = value == null ? row.missing().getOrDefault(item.id(), "") : null;
                if (item.treatment() == Treatment.SPLIT) {
                    for (String choice : item.choiceIds()) {
                        cells[i++] = value instanceof List<?> l ? (l.contains(choice) ? "1" : "0") : code;
                    }
                } else {
                    cells[i++] = value == null ? code : text(value);
                }
            }
            return cells;
        }
    }

    /** The wide CSV with a UTF-8 byte order mark before its header. */
    static final class WideCsvBom extends RowRenderer {
        private final WideCsv wide;

        WideCsvBom(ExportLayout layout) {
            this.wide = new WideCsv(layout);
        }

        @Override
        byte[] header() {
            byte[] header = wide.header();
            byte[] out = new byte[BOM.length + header.length];
            System.arraycopy(BOM, 0, out, 0, BOM.length);
            System.arraycopy(header, 0, out, BOM.length, header.length);
            return out;
        }

        @Override
        byte[] render(ExportRow row) {
            return wide.render(row);
        }
    }

    /** The wide table's cells, encoded for {@link XlsxSink} (every cell a text cell). */
    static final class Xlsx extends RowRenderer {
        private final ExportLayout layout;
        private final WideCsv wide;

        Xlsx(ExportLayout layout) {
            this.layout = layout;
            this.wide = new WideCsv(layout);
        }

        @Override
        byte[] header() {
            return XlsxSink.encode(layout.wideColumns().toArray(String[]::new));
        }

        @Override
        byte[] render(ExportRow row) {
            return XlsxSink.encode(wide.cells(row));
        }
    }

    /** A respondent's case variables and text sources, encoded for {@link QdpxSink}. */
    static final class Qdpx extends RowRenderer {
        private final TextSources texts;

        Qdpx(TextSources texts) {
            this.texts = texts;
        }

        @Override
        byte[] header() {
            return new byte[0];
        }

        @Override
        byte[] render(ExportRow row) {
            return QdpxSink.encode(row, texts);
        }
    }

    /** One row per answer: the shape qualitative coding tools read. */
    static final class LongCsv extends RowRenderer {
        static final List<String> COLUMNS = List.of("interview", "respondent", "site", "category", "question_id",
                "language", "answer");
        private final CsvLines lines = new CsvLines(COLUMNS);

        @Override
        byte[] header() {
            return lines.line(COLUMNS.toArray(String[]::new));
        }

        @Override
        byte[] render(ExportRow row) {
            List<String[]> rows = new ArrayList<>(row.answers().size());
            for (Map.Entry<String, Object> e : row.answers().entrySet()) {
                rows.add(new String[] {row.interview(), row.respondent(), row.site(), row.category(), e.getKey(),
                    row.language(), text(e.getValue())});
            }
            return lines.lines(rows);
        }
    }

    /** One JSON object per respondent of an interview, one per line. */
    static final class Jsonl extends RowRenderer {
        private final ObjectWriter json = JSON.writer();

        @Override
        byte[] header() {
            return new byte[0];
        }

        @Override
        byte[] render(ExportRow row) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("interview", row.interview());
            o.put("respondent", row.respondent());
            o.put("site", row.site());
            o.put("category", row.category());
            o.put("form", row.form());
            o.put("form_version", row.formVersion());
            o.put("language", row.language());
            o.put("finalised", row.finalised());
            o.put("answers", row.answers());
            byte[] line = bytes(json, o);
            byte[] out = new byte[line.length + 1];
            System.arraycopy(line, 0, out, 0, line.length);
            out[line.length] = '\n';
            return out;
        }
    }
}
