package org.fieldsafe.server.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes exported rows in one {@link ExportFormat}, one row at a time. */
abstract sealed class RowWriter permits RowWriter.WideCsv, RowWriter.LongCsv, RowWriter.Jsonl {
    private static final CsvMapper CSV = CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    final HashedFile file;

    RowWriter(HashedFile file) {
        this.file = file;
    }

    abstract void write(ExportRow row) throws IOException;

    /** Ends the file; its hash and size. */
    ExportManifest.FileEntry finish() throws IOException {
        return file.finish();
    }

    static RowWriter open(ExportFormat format, ExportLayout layout, ExportSink sink) throws IOException {
        HashedFile file = HashedFile.create(sink, format.fileName());
        return switch (format) {
            case WIDE_CSV -> new WideCsv(file, layout);
            case LONG_CSV -> new LongCsv(file);
            case JSONL -> new Jsonl(file);
        };
    }

    static SequenceWriter csv(HashedFile file, List<String> columns) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        for (String c : columns) {
            schema.addColumn(c, CsvSchema.ColumnType.STRING);
        }
        return CSV.writer(schema.build()).writeValues(file.stream());
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
    static final class WideCsv extends RowWriter {
        private final ExportLayout layout;
        private final SequenceWriter out;
        private final int width;

        WideCsv(HashedFile file, ExportLayout layout) throws IOException {
            super(file);
            this.layout = layout;
            this.width = layout.wideColumns().size();
            this.out = csv(file, layout.wideColumns());
        }

        @Override
        void write(ExportRow row) throws IOException {
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
                if (item.treatment() == Treatment.SPLIT) {
                    for (String choice : item.choiceIds()) {
                        cells[i++] = value instanceof List<?> l ? (l.contains(choice) ? "1" : "0") : "";
                    }
                } else {
                    cells[i++] = text(value);
                }
            }
            out.write(cells);
        }

        @Override
        ExportManifest.FileEntry finish() throws IOException {
            out.close();
            return super.finish();
        }
    }

    /** One row per answer: the shape qualitative coding tools read. */
    static final class LongCsv extends RowWriter {
        static final List<String> COLUMNS = List.of("interview", "respondent", "site", "category", "question_id",
                "language", "answer");
        private final SequenceWriter out;

        LongCsv(HashedFile file) throws IOException {
            super(file);
            this.out = csv(file, COLUMNS);
        }

        @Override
        void write(ExportRow row) throws IOException {
            for (Map.Entry<String, Object> e : row.answers().entrySet()) {
                out.write(new String[] {row.interview(), row.respondent(), row.site(), row.category(), e.getKey(),
                    row.language(), text(e.getValue())});
            }
        }

        @Override
        ExportManifest.FileEntry finish() throws IOException {
            out.close();
            return super.finish();
        }
    }

    /** One JSON object per respondent of an interview, one per line. */
    static final class Jsonl extends RowWriter {
        Jsonl(HashedFile file) {
            super(file);
        }

        @Override
        void write(ExportRow row) throws IOException {
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
            JSON.writeValue(file.stream(), o);
            file.stream().write('\n');
        }
    }
}
