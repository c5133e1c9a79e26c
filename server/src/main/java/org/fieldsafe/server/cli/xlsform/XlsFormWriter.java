package org.fieldsafe.server.cli.xlsform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormTexts;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Sensitivity;
import org.fieldsafe.core.forms.Study;

/**
 * Writes a Fieldsafe form as an XLSForm: survey, choices (one list per select question, named after it) and
 * settings, plus Fieldsafe's own columns ({@code sensitivity}, {@code disclosure_*}) and sheet ({@code probes}),
 * and each language's translation state in settings, so that {@link XlsFormReader} gives the same form back.
 */
public final class XlsFormWriter {
    private final Study study;
    private final LanguageColumns columns;

    public XlsFormWriter(Study study) {
        this.study = study;
        this.columns = new LanguageColumns(study.masterLanguage(), study.languages());
    }

    /** The .xlsx bytes of {@code form}. */
    public byte[] write(FormDefinition form) {
        List<String> languages = languages(form);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            survey(workbook.createSheet("survey"), form, languages);
            items(workbook.createSheet("choices"), "list_name", form, languages, XlsFormWriter::choices);
            settings(workbook.createSheet("settings"), form, languages);
            items(workbook.createSheet("probes"), "question", form, languages, XlsFormWriter::probes);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The study's languages (master first, study order) in which the form has any text. */
    private List<String> languages(FormDefinition form) {
        Set<String> used = new HashSet<>();
        FormTexts.of(form).values().forEach(t -> used.addAll(t.keySet()));
        List<String> out = new ArrayList<>(List.of(study.masterLanguage()));
        study.languages().keySet().stream().filter(l -> !l.equals(study.masterLanguage()) && used.contains(l))
                .forEach(out::add);
        return out;
    }

    private void survey(Sheet sheet, FormDefinition form, List<String> languages) {
        List<String> headers = new ArrayList<>(List.of("type", "name"));
        SurveyReader.TEXT_COLUMNS.stream().filter(base -> !base.equals("constraint_message"))
                .forEach(base -> languages.forEach(l -> headers.add(columns.header(base, l))));
        headers.addAll(List.of("required", "relevant", "constraint"));
        languages.forEach(l -> headers.add(columns.header("constraint_message", l)));
        headers.addAll(List.of("appearance", "sensitivity", "disclosure_when", "disclosure_category",
                "disclosure_urgency"));
        header(sheet, headers);
        int r = 1;
        for (Question q : form.questions()) {
            List<String> cells = new ArrayList<>(List.of(type(q), q.id()));
            languages.forEach(l -> cells.add(text(q.label(), l)));
            languages.forEach(l -> cells.add(text(q.hint(), l)));
            cells.addAll(List.of(q.required() ? "yes" : "", orEmpty(q.relevant()), orEmpty(q.constraint())));
            languages.forEach(l -> cells.add(text(q.constraintMessage(), l)));
            cells.add(q.type() == QuestionType.TEXT ? "multiline" : "");
            cells.add(q.sensitivity() == Sensitivity.NONE ? "" : q.sensitivity().wire());
            if (q.disclosure() != null) {
                cells.addAll(List.of(q.disclosure().when(), q.disclosure().category(),
                        q.disclosure().urgency().wire()));
            }
            row(sheet, r++, cells);
        }
    }

    private static String type(Question q) {
        switch (q.type()) {
            case TEXT:
            case SHORT_TEXT:
                return "text";
            case SELECT_ONE:
            case SELECT_MULTIPLE:
                return q.type().wire() + " " + q.id();
            default:
                return q.type().wire();
        }
    }

    /** One row per item of each question: {@code firstColumn} (list name or question), name, label per language. */
    private void items(Sheet sheet, String firstColumn, FormDefinition form, List<String> languages,
                       Function<Question, Map<String, Map<String, String>>> items) {
        List<String> headers = new ArrayList<>(List.of(firstColumn, "name"));
        languages.forEach(l -> headers.add(columns.header("label", l)));
        header(sheet, headers);
        int r = 1;
        for (Question q : form.questions()) {
            for (Map.Entry<String, Map<String, String>> item : items.apply(q).entrySet()) {
                List<String> cells = new ArrayList<>(List.of(q.id(), item.getKey()));
                languages.forEach(l -> cells.add(text(item.getValue(), l)));
                row(sheet, r++, cells);
            }
        }
    }

    private static Map<String, Map<String, String>> choices(Question q) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        q.choices().forEach(c -> out.put(c.id(), c.label()));
        return out;
    }

    private static Map<String, Map<String, String>> probes(Question q) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        q.probes().forEach(p -> out.put(p.id(), p.text()));
        return out;
    }

    private void settings(Sheet sheet, FormDefinition form, List<String> languages) {
        List<String> headers = new ArrayList<>(List.of("form_title"));
        List<String> cells = new ArrayList<>(List.of(text(form.title(), study.masterLanguage())));
        for (String l : languages.subList(1, languages.size())) {
            headers.add(columns.header("form_title", l));
            cells.add(text(form.title(), l));
        }
        headers.addAll(List.of("form_id", "version", "default_language", "kind", "consent_form"));
        String master = columns.header("", study.masterLanguage()).substring(2);
        cells.addAll(List.of(form.id(), form.sha256().substring(0, 12), master, form.kind().wire(),
                orEmpty(form.consentForm())));
        for (Map.Entry<String, ?> e : form.languages().entrySet()) {
            if (!e.getKey().equals(study.masterLanguage())) {
                headers.add(columns.header("translation_state", e.getKey()));
                cells.add(e.getValue().toString());
            }
        }
        header(sheet, headers);
        row(sheet, 1, cells);
    }

    private static void header(Sheet sheet, List<String> headers) {
        row(sheet, 0, headers);
        sheet.createFreezePane(0, 1);
    }

    private static void row(Sheet sheet, int index, List<String> cells) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < cells.size(); c++) {
            if (cells.get(c) != null && !cells.get(c).isEmpty()) {
                row.createCell(c).setCellValue(cells.get(c));
            }
        }
    }

    private static String text(Map<String, String> texts, String language) {
        return texts == null ? "" : texts.getOrDefault(language, "");
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
