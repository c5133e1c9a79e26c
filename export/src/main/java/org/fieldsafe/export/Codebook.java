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
    private final String codes;

    /**
     * @param codes  the manifest's respondent codes ({@code per-export}, {@code stable} or withheld)
     * @param levels each quasi-identifier's chosen level, in words
     */
    Codebook(Study study, ExportLayout layout, String language, String codes, Map<String, String> levels) {
        this.study = study;
        this.language = language;
        this.codes = codes;
        Anonymisation a = layout.anonymisation();
        Map<String, String> derived = derivedColumns(codes);
        fixed("interview", "interview pseudonym (I- and 12 hex digits, new in every export)");
        fixed("respondent", derived.get("respondent"));
        fixed("site", "site id" + level(levels, Anonymisation.SITE));
        fixed("category", "respondent category" + level(levels, Anonymisation.CATEGORY));
        fixed("form", "form id");
        fixed("form_version", "form version");
        fixed("language", derived.get("language"));
        fixed("finalised", "when the interview was finalised, generalised to the " + a.dates()
                + level(levels, ExportLayout.FINALISED));
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
                how += levels.containsKey(item.id()) ? level(levels, item.id())
                        : "; quasi-identifier of the k-anonymity groups";
            }
            rows.add(new String[] {String.join(" ", item.columns()), item.id(), item.formId(), q.type().wire(),
                label.value, label.language, choices, q.sensitivity().wire(), how});
        }
        for (MissingCode m : MissingCode.values()) {
            rows.add(new String[] {"", "", "", "missing value", (m.code().isEmpty() ? "(empty cell)" : m.code())
                + ": " + m.meaning(), "", "", "", "in the wide files, in place of an answer"});
        }
    }

    /** ", quasi-identifier, released at LEVEL", or nothing when {@code name} is no quasi-identifier. */
    private static String level(Map<String, String> levels, String name) {
        return levels.containsKey(name) ? "; quasi-identifier of the k-anonymity groups, released at: "
                + levels.get(name) : "";
    }

    /**
     * The released columns that are not quasi-identifiers but could tell a group apart, and how each follows the
     * quasi-identifiers (the manifest's {@code derivedColumns}, the codebook's texts of these columns).
     */
    static Map<String, String> derivedColumns(String codes) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("respondent", "stable".equals(codes)
                ? "the respondent code (stable codes, granted by a principal investigator; site and category are"
                + " released as collected, so the code shows nothing the group does not)"
                : (Exporter.STABLE_WITHHELD.equals(codes) ? "stable codes were granted but withheld, because they"
                + " show the site and category this export generalises: " : "")
                + "respondent pseudonym (R- and 12 hex digits, new in every export; the same respondent has the"
                + " same pseudonym throughout this export); it carries nothing");
        out.put("language", "when the site is released as collected: the languages (sorted, space-separated) of"
                + " every released interview at the row's site, the same for every row of the site, so it never"
                + " splits a group; when the site is generalised: * (a language spoken at one site only would name"
                + " the site)");
        return out;
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
                + " fallback). Respondent codes: " + ("stable".equals(codes) ? "stable codes" : codes)
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
