package org.fieldsafe.export;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.Study;

/**
 * The codebook of an export, as CSV and as a Markdown page: every column (fixed and per question), the question's
 * text in the chosen language (the master language's, marked as a fallback, when there is no translation), its
 * type, choices, sensitivity and how the export treats it. Questions left out are listed too, without a column.
 */
final class Codebook {
    static final String CSV = ExportFormat.CODEBOOK_CSV;
    static final String MARKDOWN = ExportFormat.CODEBOOK_MARKDOWN;
    static final List<String> COLUMNS = List.of("column", "question_id", "form", "type", "label", "label_language",
            "choices", "sensitivity", "export");

    private final List<String[]> rows = new ArrayList<>();
    private final Study study;
    private final String language;
    private final boolean stableCodes;

    Codebook(Study study, ExportLayout layout, String language, boolean stableCodes) {
        this.study = study;
        this.language = language;
        this.stableCodes = stableCodes;
        Anonymisation a = layout.anonymisation();
        fixed("interview", "interview pseudonym (I- and 12 hex digits, new in every export)");
        fixed("respondent", stableCodes ? "the respondent code (stable codes, asked for by a principal investigator)"
                : "respondent pseudonym (R- and 12 hex digits, new in every export; the same respondent has the same"
                + " pseudonym throughout this export)");
        fixed("site", "site id");
        fixed("category", "respondent category");
        fixed("form", "form id");
        fixed("form_version", "form version");
        fixed("language", "language the interview was run in");
        fixed("finalised", "when the interview was finalised, generalised to the " + a.dates());
        for (ExportLayout.Item item : layout.items()) {
            if (item.treatment() == Treatment.NOTE) {
                continue;
            }
            Question q = item.question();
            Text label = text(q.label());
            String choices = q.choices().stream().map(c -> c.id() + "=" + text(c.label()).value)
                    .collect(Collectors.joining("; "));
            String how = item.treatment() == Treatment.BAND ? "as its age band (" + String.join(", ", a.bandLabels())
                    + ")" : item.treatment() == Treatment.DATE ? "generalised to the " + a.dates()
                    : item.treatment().description();
            if (a.quasiIdentifiers().contains(item.id())) {
                how += "; quasi-identifier of the k-anonymity groups";
            }
            rows.add(new String[] {String.join(" ", item.columns()), item.id(), item.formId(), q.type().wire(),
                label.value, label.language, choices, q.sensitivity().wire(), how});
        }
        for (MissingCode m : MissingCode.values()) {
            rows.add(new String[] {"", "", "", "missing value", (m.code().isEmpty() ? "(empty cell)" : m.code())
                + ": " + m.meaning(), "", "", "", "in the wide files, in place of an answer"});
        }
    }

    /** The column's text as the codebook gives it (fixed columns: what they hold), by column name. */
    Map<String, String> labels() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String[] row : rows) {
            for (String column : row[0].split(" ")) {
                out.put(column, row[4]);
            }
        }
        return out;
    }

    private void fixed(String column, String what) {
        rows.add(new String[] {column, "", "", "", what, "", "", "", "as shown"});
    }

    record Text(String value, String language) {
    }

    Text text(Map<String, String> texts) {
        if (texts == null) {
            return new Text("", "");
        }
        String own = texts.get(language);
        if (own != null) {
            return new Text(own, language);
        }
        String master = texts.getOrDefault(study.masterLanguage(), "");
        return new Text(master, study.masterLanguage() + " (fallback)");
    }

    ExportManifest.FileEntry writeCsv(ExportSink sink) throws IOException {
        HashedFile file = HashedFile.create(sink, CSV);
        CsvLines lines = new CsvLines(COLUMNS);
        file.stream().write(lines.line(COLUMNS.toArray(String[]::new)));
        for (String[] row : rows) {
            file.stream().write(lines.line(row));
        }
        return file.finish();
    }

    ExportManifest.FileEntry writeMarkdown(ExportSink sink, int k) throws IOException {
        HashedFile file = HashedFile.create(sink, MARKDOWN);
        Writer out = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
        out.write("# Codebook: " + cell(study.title().getOrDefault(language,
                study.title().getOrDefault(study.masterLanguage(), study.id()))) + "\n\n");
        out.write("Study `" + study.id() + "`, texts in `" + language + "` (the master language where marked"
                + " fallback). Respondent codes: " + (stableCodes ? "stable codes" : "per-export pseudonyms")
                + "; respondents in quasi-identifier groups smaller than k = " + k
                + " are suppressed (see manifest.json).\n\n");
        out.write("| " + String.join(" | ", COLUMNS) + " |\n");
        out.write("|" + " --- |".repeat(COLUMNS.size()) + "\n");
        for (String[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : row) {
                cells.add(cell(c));
            }
            out.write("| " + String.join(" | ", cells) + " |\n");
        }
        out.flush();
        return file.finish();
    }

    /** A Markdown table cell: pipes escaped, line breaks as spaces. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }
}
