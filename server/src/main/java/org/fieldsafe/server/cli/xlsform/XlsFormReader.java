package org.fieldsafe.server.cli.xlsform;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormKind;
import org.fieldsafe.core.forms.FormTexts;
import org.fieldsafe.core.forms.Probe;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.TranslationState;

/**
 * Reads an XLSForm (survey, choices and settings sheets, plus Fieldsafe's probes sheet) into a Fieldsafe form of a
 * study. Every problem is collected, with its sheet, row and column, before {@link XlsFormException} is thrown.
 */
public final class XlsFormReader {
    static final List<String> SETTINGS_TEXTS = List.of("form_title", "translation_state");
    private static final Set<String> SETTINGS = Set.of("form_id", "kind", "consent_form", "version",
            "default_language");
    private static final Set<String> UNSUPPORTED_SHEETS = Set.of("external_choices", "entities", "osm");

    private final Study study;
    private final LanguageColumns columns;
    private final List<XlsFormProblem> problems = new ArrayList<>();

    public XlsFormReader(Study study) {
        this.study = study;
        this.columns = new LanguageColumns(study.masterLanguage(), study.languages());
    }

    /**
     * The form as imported: its definition (texts of every language inline, {@code languages} as declared or
     * derived), the row of each question for later problems, and notes on what was left out without harm.
     */
    public record ImportedForm(FormDefinition form, Map<String, TranslationState> states,
                               Map<String, Integer> questionRows, List<String> notes) {
    }

    public ImportedForm read(InputStream xlsx) throws XlsFormException {
        Workbook workbook;
        try {
            workbook = WorkbookFactory.create(xlsx);
        } catch (IOException | RuntimeException e) {
            throw new XlsFormException(List.of(new XlsFormProblem("file", 0, "", "cannot be read as an .xlsx"
                    + " workbook (" + e.getClass().getSimpleName() + ")")));
        }
        try (workbook) {
            return read(workbook);
        } catch (IOException e) {
            throw new XlsFormException(List.of(new XlsFormProblem("file", 0, "", "cannot be closed ("
                    + e.getClass().getSimpleName() + ")")));
        }
    }

    private ImportedForm read(Workbook workbook) throws XlsFormException {
        Map<String, SheetTable> sheets = new LinkedHashMap<>();
        for (Sheet sheet : workbook) {
            String name = sheet.getSheetName().strip().toLowerCase(Locale.ROOT);
            if (UNSUPPORTED_SHEETS.contains(name)) {
                problems.add(new XlsFormProblem(sheet.getSheetName(), 0, "", "the sheet is not supported by"
                        + " Fieldsafe forms; remove it"));
            }
            sheets.put(name, SheetTable.read(sheet));
        }
        if (!sheets.containsKey("survey")) {
            problems.add(new XlsFormProblem("survey", 0, "", "the workbook has no survey sheet"));
            throw new XlsFormException(problems);
        }
        Map<String, List<Choice>> lists = choices(sheets.get("choices"));
        Map<String, List<Probe>> probes = probes(sheets.get("probes"));
        SurveyReader survey = new SurveyReader(columns, problems, lists, probes);
        List<Question> questions = survey.read(sheets.get("survey"));
        if (questions.isEmpty() && problems.isEmpty()) {
            problems.add(new XlsFormProblem("survey", 0, "", "a form needs at least one question"));
        }
        SheetTable settings = sheets.get("settings");
        SheetTable.Line line = settings == null || settings.lines().isEmpty()
                ? new SheetTable.Line(2, Map.of()) : settings.lines().get(0);
        checkSettings(settings, line);
        String id = setting(line, "form_id", true);
        if (id != null && !id.matches(SurveyReader.ID)) {
            settingProblem(line, "form_id", "`" + id + "` is not a Fieldsafe form id (lower-case letters, digits"
                    + " and _, starting with a letter)");
        }
        FormKind kind = kind(line);
        String consentForm = setting(line, "consent_form", kind == FormKind.INTERVIEW);
        if (consentForm != null && kind == FormKind.CONSENT) {
            settingProblem(line, "consent_form", "a consent form has no consent_form");
        }
        Map<String, String> title = texts(line, "form_title");
        if (!title.containsKey(study.masterLanguage())) {
            settingProblem(line, "form_title", "the form needs a title in the master language");
        }
        FormDefinition form = new FormDefinition(id, kind, consentForm, study.masterLanguage(), title, questions,
                Map.of());
        Map<String, TranslationState> states = states(line, form);
        if (!problems.isEmpty()) {
            List<String> order = List.of("file", "survey", "choices", "probes", "settings");
            problems.sort(Comparator.comparing((XlsFormProblem p) -> order.indexOf(p.sheet().toLowerCase(Locale.ROOT)))
                    .thenComparing(XlsFormProblem::row));
            throw new XlsFormException(problems);
        }
        return new ImportedForm(new FormDefinition(id, kind, consentForm, study.masterLanguage(), title, questions,
                states), states, survey.rows(), survey.notes());
    }

    private Map<String, List<Choice>> choices(SheetTable sheet) {
        Map<String, List<Choice>> lists = new LinkedHashMap<>();
        if (sheet == null) {
            return lists;
        }
        Set<String> seen = new HashSet<>();
        String listColumn = sheet.headers().contains("list name") ? "list name" : "list_name";
        for (SheetTable.Line line : sheet.lines()) {
            String list = line.get(listColumn).strip();
            String name = line.get("name").strip();
            otherCells(sheet, line, Set.of(listColumn, "name"), List.of("label"),
                    "is not supported: Fieldsafe choices have an id and a label (no media, no filter values)");
            if (list.isEmpty() || name.isEmpty()) {
                problems.add(new XlsFormProblem(sheet.name(), line.row(), list.isEmpty() ? listColumn : "name",
                        "a choice needs a list name and a name"));
                continue;
            }
            if (!name.matches("[A-Za-z0-9_]+")) {
                problems.add(new XlsFormProblem(sheet.name(), line.row(), "name", "`" + name + "` is not a"
                        + " Fieldsafe choice id (letters, digits and _)"));
            } else if (!seen.add(list + "\n" + name)) {
                problems.add(new XlsFormProblem(sheet.name(), line.row(), "name", "`" + name + "` is in list `"
                        + list + "` twice"));
            }
            Map<String, String> label = texts(sheet, line, "label");
            lists.computeIfAbsent(list, k -> new ArrayList<>()).add(new Choice(name, label));
        }
        return lists;
    }

    /** Fieldsafe's probes sheet: {@code question}, {@code name}, {@code label::Language (code)}. */
    private Map<String, List<Probe>> probes(SheetTable sheet) {
        Map<String, List<Probe>> probes = new LinkedHashMap<>();
        if (sheet == null) {
            return probes;
        }
        Set<String> seen = new HashSet<>();
        for (SheetTable.Line line : sheet.lines()) {
            String question = line.get("question").strip();
            String name = line.get("name").strip();
            otherCells(sheet, line, Set.of("question", "name"), List.of("label"), "is not a column of the probes"
                    + " sheet (question, name, label::Language (code))");
            if (question.isEmpty() || !name.matches(SurveyReader.ID)) {
                problems.add(new XlsFormProblem(sheet.name(), line.row(), question.isEmpty() ? "question" : "name",
                        "a probe needs the name of its question and an id of lower-case letters, digits and _"));
                continue;
            }
            if (!seen.add(question + "\n" + name)) {
                problems.add(new XlsFormProblem(sheet.name(), line.row(), "name", "`" + name + "` is a probe of `"
                        + question + "` twice"));
            }
            probes.computeIfAbsent(question, k -> new ArrayList<>()).add(new Probe(name, texts(sheet, line, "label")));
        }
        return probes;
    }

    /** A label in each language; the master language's is required. */
    private Map<String, String> texts(SheetTable sheet, SheetTable.Line line, String base) {
        Map<String, String> texts = new LinkedHashMap<>();
        line.cells().forEach((header, value) -> columns.parse(header, List.of(base)).ifPresent(p -> {
            if (p.problem() != null) {
                problems.add(new XlsFormProblem(sheet.name(), line.row(), header, p.problem()));
            } else if (texts.putIfAbsent(p.language(), value) != null) {
                problems.add(new XlsFormProblem(sheet.name(), line.row(), header, "a second " + base + " in "
                        + p.language()));
            }
        }));
        if (!texts.containsKey(study.masterLanguage())) {
            problems.add(new XlsFormProblem(sheet.name(), line.row(), columns.header(base, study.masterLanguage()),
                    "a " + base + " in the master language is needed"));
        }
        return texts;
    }

    private void otherCells(SheetTable sheet, SheetTable.Line line, Set<String> known, List<String> textBases,
                            String message) {
        for (String header : line.cells().keySet()) {
            if (!known.contains(header) && columns.parse(header, textBases).isEmpty()) {
                problems.add(new XlsFormProblem(sheet.name(), line.row(), header, message));
            }
        }
    }

    private void checkSettings(SheetTable settings, SheetTable.Line line) {
        if (settings == null) {
            return;
        }
        otherCells(settings, line, SETTINGS, SETTINGS_TEXTS, "is not supported by Fieldsafe forms (settings"
                + " columns: form_id, kind, consent_form, form_title::Language (code),"
                + " translation_state::Language (code); version and default_language are ignored)");
    }

    private String setting(SheetTable.Line line, String column, boolean required) {
        String value = SurveyReader.blankToNull(line.get(column));
        if (value == null && required) {
            settingProblem(line, column, "Fieldsafe needs this setting");
        }
        return value;
    }

    private FormKind kind(SheetTable.Line line) {
        String value = setting(line, "kind", true);
        if (value == null) {
            return null;
        }
        try {
            return FormKind.of(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            settingProblem(line, "kind", "`" + value + "` is not one of consent, interview");
            return null;
        }
    }

    private Map<String, String> texts(SheetTable.Line line, String base) {
        Map<String, String> texts = new LinkedHashMap<>();
        line.cells().forEach((header, value) -> columns.parse(header, List.of(base)).ifPresent(p -> {
            if (p.problem() != null) {
                settingProblem(line, header, p.problem());
            } else {
                texts.put(p.language(), value);
            }
        }));
        return texts;
    }

    /** Declared states ({@code translation_state::Language (code)}); else draft with any text, missing without. */
    private Map<String, TranslationState> states(SheetTable.Line line, FormDefinition form) {
        Map<String, String> declared = texts(line, "translation_state");
        Set<String> withText = new HashSet<>();
        FormTexts.of(form).values().forEach(t -> withText.addAll(t.keySet()));
        Map<String, TranslationState> states = new LinkedHashMap<>();
        for (String language : study.languages().keySet()) {
            String value = declared.get(language);
            if (language.equals(study.masterLanguage())) {
                if (value != null) {
                    settingProblem(line, columns.header("translation_state", language), "the master language is"
                            + " always complete");
                }
                states.put(language, TranslationState.COMPLETE);
                continue;
            }
            TranslationState state = withText.contains(language) ? TranslationState.DRAFT : TranslationState.MISSING;
            if (value != null) {
                try {
                    state = TranslationState.of(value.strip().toLowerCase(Locale.ROOT));
                    if (state == TranslationState.MISSING && withText.contains(language)) {
                        settingProblem(line, columns.header("translation_state", language), "`missing`, but the"
                                + " form has texts in " + language);
                    }
                } catch (IllegalArgumentException e) {
                    settingProblem(line, columns.header("translation_state", language), "`" + value + "` is not"
                            + " one of missing, draft, complete, reviewed");
                }
            }
            states.put(language, state);
        }
        return states;
    }

    private void settingProblem(SheetTable.Line line, String column, String message) {
        problems.add(new XlsFormProblem("settings", line.row(), column, message));
    }
}
