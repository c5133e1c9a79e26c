package org.fieldsafe.server.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.CoverageRow;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormProblem;
import org.fieldsafe.core.forms.FormTexts;
import org.fieldsafe.core.forms.FormValidationException;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.forms.TranslationCoverage;
import org.fieldsafe.core.forms.TranslationState;
import org.fieldsafe.core.forms.TranslationTemplates;
import org.fieldsafe.core.wire.TranslationChanges;
import org.fieldsafe.core.wire.TranslationCoverageRow;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.problems.ProblemListException;
import org.fieldsafe.server.storage.CompiledForm;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.FormVersionRow;
import org.fieldsafe.server.storage.StudyStore;

/**
 * The translator round trip over the API, on stored form versions: coverage per form x language, the CSV or XLIFF
 * template of a version in a language, and a filled template read back - previewed (what would change; nothing
 * written) or applied as a new draft version of the form, which a coordinator then publishes. The templates, their
 * parsing and the checks are fieldsafe-core's, as for {@code admin forms translations}.
 */
public final class TranslationService {
    private final Database database;
    private final StudyStore studies;
    private final FormStore forms;
    private final AuditLog audit;

    public TranslationService(Database database, StudyStore studies, FormStore forms, AuditLog audit) {
        this.database = database;
        this.studies = studies;
        this.forms = forms;
        this.audit = audit;
    }

    /** Template formats. */
    public enum Format {
        CSV, XLIFF
    }

    /**
     * A filled template as sent: its format, its text, the state asked for (null: from the file) and the file's
     * name (null when not given), which problems name as their file.
     */
    public record Upload(Format format, String text, String state, String fileName) {
    }

    /** Coverage of the newest version that is not retired of each form, per study language. */
    public List<TranslationCoverageRow> coverage(String studyId) {
        Study study = study(studyId);
        Map<String, FormVersionRow> newest = new LinkedHashMap<>();
        for (FormVersionRow row : forms.list(studyId)) {
            if (FormStore.RETIRED.equals(row.state())) {
                continue;
            }
            FormVersionRow seen = newest.get(row.formId());
            if (seen == null || seen.version() < row.version()) {
                newest.put(row.formId(), row);
            }
        }
        List<FormDefinition> definitions = new ArrayList<>();
        for (FormVersionRow summary : newest.values()) {
            definitions.add(definition(row(studyId, summary.formId(), summary.version())));
        }
        List<TranslationCoverageRow> out = new ArrayList<>();
        for (CoverageRow c : TranslationCoverage.of(new StudyBundle(study, definitions))) {
            FormVersionRow row = newest.get(c.formId());
            boolean allowed = c.language().equals(study.masterLanguage())
                    || study.interviewLanguages().allows(c.state());
            out.add(new TranslationCoverageRow(c.formId(), row.version(), row.state(), c.language(),
                    c.state().wire(), c.translated(), c.total(), allowed ? "allowed" : "refused"));
        }
        return out;
    }

    /** The template of a form version in a language (a study language other than the master). */
    public String template(String studyId, String formId, int version, String language, Format format) {
        Study study = study(studyId);
        checkLanguage(study, language);
        FormDefinition form = definition(row(studyId, formId, version));
        return format == Format.CSV ? TranslationTemplates.toCsv(form, language)
                : TranslationTemplates.toXliff(form, language);
    }

    /** What the filled template would change in the version; writes nothing. */
    public TranslationChanges preview(String studyId, String formId, int version, String language, Upload upload) {
        return changes(new Import(studyId, formId, version, language, upload), null);
    }

    /**
     * Stores the version with the filled template's translations as a new draft version (or, when that version is
     * already known, answers it: {@code stored.version} is then an existing one), audited
     * {@code form.translation.imported}.
     */
    public Applied apply(String actor, String studyId, String formId, int version, String language,
                                    Upload upload) {
        Import imported = new Import(studyId, formId, version, language, upload);
        CompiledForm compiled = CoreStudySource.toForm(imported.after);
        FormStore.Registered registered = database.write(handle -> {
            FormStore.Registered r = forms.register(handle, studyId, compiled, FormStore.DRAFT, "translation");
            if (r.created()) {
                audit.append(handle, actor, "form.translation.imported", "study:" + studyId + " form:" + formId
                        + " from-version:" + version + " version:" + r.row().version() + " language:" + language
                        + " state:" + imported.after.languages().get(language).wire() + " sha256:"
                        + r.row().sha256());
            }
            return r;
        });
        return new Applied(changes(imported, forms.info(registered.row())), registered.created());
    }

    /** The changes an import made and whether its version is new. */
    public record Applied(TranslationChanges changes, boolean created) {
    }

    /** A filled template read against a stored version: the version before and after. */
    private final class Import {
        private final FormDefinition before;
        private final FormDefinition after;
        private final String language;
        private final int version;

        Import(String studyId, String formId, int version, String language, Upload upload) {
            Study study = study(studyId);
            checkLanguage(study, language);
            this.before = definition(row(studyId, formId, version));
            this.language = language;
            this.version = version;
            String file = FormService.sourceName(upload.fileName());
            Map<String, String> texts;
            Map<String, Integer> lines = Map.of();
            TranslationState state = explicitState(upload.state());
            try {
                if (upload.format() == Format.CSV) {
                    String csv = upload.text().startsWith("\uFEFF") ? upload.text().substring(1) : upload.text();
                    TranslationTemplates.CsvTemplate read = TranslationTemplates.readCsv(csv);
                    texts = read.translations();
                    lines = read.lines();
                    state = state == null ? TranslationState.DRAFT : state;
                } else {
                    TranslationTemplates.XliffTemplate xliff = TranslationTemplates.fromXliff(upload.text());
                    if (!xliff.formId().equals(formId) || !xliff.targetLanguage().equals(language)) {
                        throw ProblemException.unprocessable("translation-invalid", "Translation not valid",
                                "The XLIFF file is a template of form '" + xliff.formId() + "' in '"
                                        + xliff.targetLanguage() + "', not of form '" + formId + "' in '" + language
                                        + "'; nothing written.");
                    }
                    texts = xliff.translations();
                    state = state == null ? xliff.state(before) : state;
                }
            } catch (TranslationTemplates.RowException e) {
                throw unreadable(file, e.line(), "a row without a key");
            } catch (JsonProcessingException e) {
                int line = upload.format() == Format.CSV && e.getLocation() != null ? e.getLocation().getLineNr() : 0;
                throw unreadable(file, Math.max(line, 0), "not a row of the template (key, master, translation)");
            } catch (IOException | RuntimeException e) {
                if (e instanceof ProblemException p) {
                    throw p;
                }
                throw ProblemException.unprocessable("translation-invalid", "Translation not valid",
                        "The " + (upload.format() == Format.CSV ? "CSV" : "XLIFF")
                                + " file could not be read as a translation template; nothing written.");
            }
            List<String> unknown = TranslationTemplates.unknownKeys(before, texts);
            if (!unknown.isEmpty()) {
                Map<String, Integer> at = lines;
                throw new ProblemListException("translation-invalid", unknown.size() + " key(s) name no text of form "
                        + formId + ": " + String.join(", ", unknown) + "; nothing written.", unknown.stream()
                        .map(k -> new FormProblem(file, at.getOrDefault(k, 0), k, "names no text of form '" + formId
                                + "'")).toList());
            }
            try {
                this.after = StudyLoader.applyTranslation(before, study, language, texts, state);
            } catch (FormValidationException e) {
                throw FormRejectedException.of(inUpload(e.problems(), formId, file, lines));
            }
        }
    }

    /** 422 translation-invalid naming the line of the uploaded file that could not be read. */
    private static ProblemListException unreadable(String file, int line, String message) {
        return new ProblemListException("translation-invalid", "The file could not be read as a translation template"
                + (line > 0 ? " (line " + line + ")" : "") + "; nothing written.",
                List.of(new FormProblem(file, line, "", message)));
    }

    /**
     * The overlay's problems as problems of the uploaded file: a text's problem ({@code forms.F.texts.KEY}) names the
     * key and the CSV line it is on; the form's state names {@code state}.
     */
    private static List<FormProblem> inUpload(List<FormProblem> problems, String formId, String file,
                                              Map<String, Integer> lines) {
        String texts = "forms." + formId + ".texts.";
        List<FormProblem> out = new ArrayList<>();
        for (FormProblem p : problems) {
            String field = p.field() == null ? "" : p.field();
            if (field.startsWith(texts)) {
                String key = field.substring(texts.length());
                out.add(new FormProblem(file, lines.getOrDefault(key, 0), key, p.message()));
            } else {
                out.add(new FormProblem(file, 0, field.equals("forms." + formId + ".state") ? "state" : field,
                        p.message()));
            }
        }
        return out;
    }

    private TranslationChanges changes(Import imported, org.fieldsafe.core.wire.FormVersionInfo stored) {
        String language = imported.language;
        Map<String, Map<String, String>> before = FormTexts.of(imported.before);
        Map<String, Map<String, String>> after = FormTexts.of(imported.after);
        List<TranslationChanges.Change> added = new ArrayList<>();
        List<TranslationChanges.Change> changed = new ArrayList<>();
        List<TranslationChanges.Change> removed = new ArrayList<>();
        int unchanged = 0;
        int translatedBefore = 0;
        int translatedAfter = 0;
        for (Map.Entry<String, Map<String, String>> e : before.entrySet()) {
            String was = e.getValue().get(language);
            String now = after.get(e.getKey()).get(language);
            translatedBefore += was == null ? 0 : 1;
            translatedAfter += now == null ? 0 : 1;
            if (was == null && now != null) {
                added.add(new TranslationChanges.Change(e.getKey(), null, now));
            } else if (was != null && now == null) {
                removed.add(new TranslationChanges.Change(e.getKey(), was, null));
            } else if (was != null && !was.equals(now)) {
                changed.add(new TranslationChanges.Change(e.getKey(), was, now));
            } else if (was != null) {
                unchanged++;
            }
        }
        return new TranslationChanges(imported.before.id(), imported.version, language,
                imported.before.languages().getOrDefault(language, TranslationState.MISSING).wire(),
                imported.after.languages().get(language).wire(), translatedBefore, translatedAfter, before.size(),
                added, changed, removed, unchanged, imported.after.sha256(), stored);
    }

    private static TranslationState explicitState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return TranslationState.imported(state);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("translation-invalid", "Translation not valid", "state");
        }
    }

    private Study study(String studyId) {
        return Study.fromCanonicalJson(studies.current(studyId).canonicalJson().getBytes(StandardCharsets.UTF_8));
    }

    private static void checkLanguage(Study study, String language) {
        if (language.equals(study.masterLanguage()) || !study.languages().containsKey(language)) {
            throw ProblemException.notFound("language-unknown", "Not a translation language",
                    "The study has no translation language '" + language + "' (its languages other than the master: "
                            + String.join(", ", study.languages().keySet().stream()
                            .filter(l -> !l.equals(study.masterLanguage())).toList()) + ").");
        }
    }

    private FormVersionRow row(String studyId, String formId, int version) {
        return forms.find(studyId, formId, version).orElseThrow(() -> ProblemException.notFound("Form version"));
    }

    private static FormDefinition definition(FormVersionRow row) {
        return FormDefinition.fromCanonicalJson(row.canonicalJson().getBytes(StandardCharsets.UTF_8));
    }
}
