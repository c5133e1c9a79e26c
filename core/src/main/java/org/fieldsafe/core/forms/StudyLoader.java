package org.fieldsafe.core.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads and validates study folders ({@code study.yaml}, form files, {@code translations/<lang>.yaml}) and
 * uploaded form files. Every problem of a folder is collected before {@link FormValidationException} is thrown.
 */
public final class StudyLoader {
    static final String STUDY_FILE = "study.yaml";
    static final String TRANSLATIONS_DIR = "translations";

    private StudyLoader() {
    }

    /** Every subfolder of {@code formsRoot} that holds a study.yaml, in name order. */
    public static List<StudyBundle> loadAll(Path formsRoot) throws FormValidationException {
        List<FormProblem> problems = new ArrayList<>();
        List<StudyBundle> bundles = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path dir : list(formsRoot, problems)) {
            if (!Files.isDirectory(dir) || !Files.isRegularFile(dir.resolve(STUDY_FILE))) {
                continue;
            }
            try {
                StudyBundle b = load(dir);
                if (!ids.add(b.study().id())) {
                    problems.add(new FormProblem(dir.resolve(STUDY_FILE).toString(), 1, "id",
                            "duplicate study id '" + b.study().id() + "'"));
                }
                bundles.add(b);
            } catch (FormValidationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new FormValidationException(problems);
        }
        return bundles;
    }

    /** Loads one study folder with its forms, translations merged. */
    public static StudyBundle load(Path studyDir) throws FormValidationException {
        List<FormProblem> problems = new ArrayList<>();
        Path studyFile = studyDir.resolve(STUDY_FILE);
        YamlDocument studyDoc = read(studyFile, problems);
        Study study = studyDoc == null ? null
                : new StudyParser(new NodeReader(studyDoc, problems)).parse(studyDoc.root());
        String master = study == null ? null : study.masterLanguage();
        Set<String> languages = study == null ? Set.of() : study.languages().keySet();
        Placeholders placeholders = study == null ? null : Placeholders.of(study);

        Map<String, FormDefinition> forms = new LinkedHashMap<>();
        Map<String, NodeReader> readers = new HashMap<>();
        Set<String> brokenForms = new HashSet<>();
        for (Path file : list(studyDir, problems)) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".yaml") || name.equals(STUDY_FILE) || !Files.isRegularFile(file)) {
                continue;
            }
            YamlDocument doc = read(file, problems);
            if (doc == null) {
                continue;
            }
            NodeReader reader = new NodeReader(doc, problems);
            int before = problems.size();
            FormDefinition form = new FormParser(reader, new TextReader(reader, master, languages, placeholders))
                    .parse(doc.root());
            if (form == null || form.id() == null) {
                continue;
            }
            if (forms.containsKey(form.id())) {
                reader.problem("id", "duplicate form id '" + form.id() + "' (also in "
                        + readers.get(form.id()).file() + ")");
                brokenForms.add(form.id());
                continue;
            }
            forms.put(form.id(), form);
            readers.put(form.id(), reader);
            if (problems.size() > before) {
                brokenForms.add(form.id());
            }
        }
        checkConsentForms(forms, readers);

        List<TranslationOverlay> overlays = new ArrayList<>();
        Path translations = studyDir.resolve(TRANSLATIONS_DIR);
        if (Files.isDirectory(translations)) {
            for (Path file : list(translations, problems)) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".yaml")) {
                    continue;
                }
                YamlDocument doc = read(file, problems);
                if (doc == null) {
                    continue;
                }
                NodeReader reader = new NodeReader(doc, problems);
                TranslationOverlay overlay = new OverlayParser(reader, new TextReader(reader, master, languages, placeholders))
                        .parse(doc.root(), name.substring(0, name.length() - ".yaml".length()), forms, brokenForms);
                if (overlay != null) {
                    overlays.add(overlay);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new FormValidationException(problems);
        }
        List<FormDefinition> merged = new ArrayList<>();
        for (FormDefinition form : forms.values()) {
            merged.add(finish(form, study, overlays));
        }
        return new StudyBundle(study, merged);
    }

    /**
     * Reads an existing overlay file {@code translations/<lang>.yaml} of a loaded study, validated as {@link #load}
     * validates it (language from the file name, keys naming texts of the study's forms).
     */
    public static TranslationOverlay readOverlay(Path file, StudyBundle bundle) throws FormValidationException {
        List<FormProblem> problems = new ArrayList<>();
        YamlDocument doc = read(file, problems);
        TranslationOverlay overlay = null;
        if (doc != null) {
            String name = file.getFileName().toString();
            String language = name.endsWith(".yaml") ? name.substring(0, name.length() - ".yaml".length()) : name;
            Map<String, FormDefinition> forms = new LinkedHashMap<>();
            bundle.forms().forEach(f -> forms.put(f.id(), f));
            NodeReader reader = new NodeReader(doc, problems);
            overlay = new OverlayParser(reader, new TextReader(reader, bundle.study().masterLanguage(),
                    bundle.study().languages().keySet(), Placeholders.of(bundle.study())))
                    .parse(doc.root(), language, forms, Set.of());
        }
        if (!problems.isEmpty() || overlay == null) {
            throw new FormValidationException(problems);
        }
        return overlay;
    }

    /**
     * Parses an uploaded form file against its study. Only inline translations exist here: a language with
     * some text is {@code draft}, one without any is {@code missing}. {@code consent_form} is checked for
     * presence only, since the other forms are not at hand.
     */
    public static FormDefinition parseForm(String yaml, String sourceName, Study study)
            throws FormValidationException {
        FormDefinition form = parseAgainst(yaml, sourceName, study,
                (reader, texts, root) -> new FormParser(reader, texts).parse(root));
        return finish(form, study, List.of());
    }

    /**
     * A stored form with one language's translations replaced by {@code texts} (translation key to text; keys left
     * out lose their translation in that language) in {@code state}, checked as an overlay
     * {@code translations/<language>.yaml} holding them would be when the study is loaded (unknown keys, empty
     * texts, placeholders, every text present for complete or reviewed); problems are named in that file. The other
     * languages keep their texts and states. This is the translator round trip of the API; the admin CLI writes the
     * same overlay to a study folder instead.
     */
    public static FormDefinition applyTranslation(FormDefinition form, Study study, String language,
                                                  Map<String, String> texts, TranslationState state)
            throws FormValidationException {
        String file = TRANSLATIONS_DIR + "/" + language + ".yaml";
        if (language.equals(study.masterLanguage()) || !study.languages().containsKey(language)) {
            throw new FormValidationException(List.of(new FormProblem(file, 0, "language", "'" + language
                    + "' is not one of the study's languages other than the master ("
                    + String.join(", ", study.languages().keySet()) + ")")));
        }
        FormDefinition stripped = FormTexts.mapTexts(form, text -> {
            Map<String, String> out = new LinkedHashMap<>(text);
            out.remove(language);
            return out;
        });
        TranslationOverlay overlay = TranslationTemplates.importInto(null, language,
                study.languages().get(language), form.id(), texts, state);
        List<FormProblem> problems = new ArrayList<>();
        YamlDocument doc = YamlDocument.parse(overlay.toYaml(), file, problems);
        TranslationOverlay checked = null;
        if (doc != null) {
            NodeReader reader = new NodeReader(doc, problems);
            checked = new OverlayParser(reader, new TextReader(reader, study.masterLanguage(),
                    study.languages().keySet(), Placeholders.of(study)))
                    .parse(doc.root(), language, Map.of(form.id(), stripped), Set.of());
        }
        if (!problems.isEmpty() || checked == null) {
            throw new FormValidationException(problems);
        }
        FormDefinition merged = FormTexts.merge(stripped, language, checked.forms().get(form.id()).texts());
        Map<String, TranslationState> states = new LinkedHashMap<>(form.languages());
        states.put(language, state);
        FormDefinition withStates = new FormDefinition(merged.id(), merged.kind(), merged.consentForm(),
                merged.masterLanguage(), merged.title(), merged.questions(), states);
        return FormTexts.mapTexts(withStates, FormTexts::sorted);
    }

    /**
     * Parses a site's referral directory sent on its own (YAML or JSON, the shape of a site's {@code directory} in
     * study.yaml) against its study: the same checks as in study.yaml, problems named by field
     * ({@code services[2].phone}).
     */
    public static ReferralDirectory parseDirectory(String text, String sourceName, Study study)
            throws FormValidationException {
        return parseAgainst(text, sourceName, study,
                (reader, texts, root) -> new DirectoryParser(reader, texts).parse(root, ""));
    }

    /** Reads one parsed part of a file against a study's languages. */
    private interface PartParser<T> {
        T parse(NodeReader reader, TextReader texts, JsonNode root);
    }

    /** Parses {@code text} with {@code parser}; every problem (or a null result) is a FormValidationException. */
    private static <T> T parseAgainst(String text, String sourceName, Study study, PartParser<T> parser)
            throws FormValidationException {
        List<FormProblem> problems = new ArrayList<>();
        YamlDocument doc = YamlDocument.parse(text, sourceName, problems);
        T parsed = null;
        if (doc != null) {
            NodeReader reader = new NodeReader(doc, problems);
            parsed = parser.parse(reader, new TextReader(reader, study.masterLanguage(), study.languages().keySet(),
                    Placeholders.of(study)), doc.root());
        }
        if (!problems.isEmpty() || parsed == null) {
            throw new FormValidationException(problems);
        }
        return parsed;
    }

    private static void checkConsentForms(Map<String, FormDefinition> forms, Map<String, NodeReader> readers) {
        for (FormDefinition form : forms.values()) {
            if (form.consentForm() == null) {
                continue;
            }
            FormDefinition consent = forms.get(form.consentForm());
            if (consent == null) {
                readers.get(form.id()).problem("consent_form", "no form '" + form.consentForm() + "' in this study");
            } else if (consent.kind() != FormKind.CONSENT) {
                readers.get(form.id()).problem("consent_form", "form '" + form.consentForm() + "' is of kind "
                        + consent.kind() + ", not consent");
            }
        }
    }

    /** Merges overlays, fills in language states and orders text maps. */
    private static FormDefinition finish(FormDefinition form, Study study, List<TranslationOverlay> overlays) {
        FormDefinition f = form;
        Map<String, TranslationState> states = new LinkedHashMap<>();
        for (TranslationOverlay overlay : overlays) {
            TranslationOverlay.OverlayForm entry = overlay.forms().get(form.id());
            if (entry != null) {
                f = FormTexts.merge(f, overlay.language(), entry.texts());
                states.put(overlay.language(), entry.state());
            }
        }
        Map<String, TranslationState> all = new LinkedHashMap<>();
        for (String language : study.languages().keySet()) {
            TranslationState state = states.get(language);
            if (language.equals(study.masterLanguage())) {
                state = TranslationState.COMPLETE;
            } else if (state == null) {
                FormDefinition current = f;
                boolean any = FormTexts.of(current).values().stream().anyMatch(t -> t.containsKey(language));
                state = any ? TranslationState.DRAFT : TranslationState.MISSING;
            }
            all.put(language, state);
        }
        FormDefinition withStates = new FormDefinition(f.id(), f.kind(), f.consentForm(), f.masterLanguage(),
                f.title(), f.questions(), all);
        return FormTexts.mapTexts(withStates, FormTexts::sorted);
    }

    private static YamlDocument read(Path file, List<FormProblem> problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new FormProblem(file.toString(), 0, "", "cannot read: " + e));
            return null;
        }
        return YamlDocument.parse(text, file.toString(), problems);
    }

    private static List<Path> list(Path dir, List<FormProblem> problems) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            problems.add(new FormProblem(dir.toString(), 0, "", "cannot list folder: " + e));
            return List.of();
        }
    }
}
