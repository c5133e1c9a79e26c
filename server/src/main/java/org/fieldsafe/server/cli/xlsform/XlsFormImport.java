package org.fieldsafe.server.cli.xlsform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormProblem;
import org.fieldsafe.core.forms.FormValidationException;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.forms.TranslationOverlay;
import org.fieldsafe.core.forms.TranslationState;

/**
 * Plans the import of an XLSForm into a study folder: the form file ({@code <form id>.yaml}, or the file that holds
 * the form already) and the form's entry in each {@code translations/<lang>.yaml}. The plan is tried on a copy of
 * the folder and the whole study validated there, so a plan that is returned writes a valid study; nothing is
 * written to the study folder itself (the caller writes {@link Plan#files()}).
 */
public final class XlsFormImport {
    private static final Pattern QUESTION_FIELD = Pattern.compile("questions\\[(\\d+)\\](?:\\.([a-z_]+))?.*");
    private static final Pattern OVERLAY_FIELD = Pattern.compile("forms\\.[a-z0-9_]+\\.(state|texts\\.([a-z0-9_]+)"
            + "\\.([a-z_]+).*)");

    private XlsFormImport() {
    }

    /**
     * What to write: file to content (UTF-8); {@code replaced} when the study had a form of that id; the form as the
     * study loads it with the files written (its hash is what devices will compare); notes on what was left out.
     */
    public record Plan(FormDefinition form, boolean replaced, Map<Path, String> files, List<String> notes) {
    }

    public static Plan plan(InputStream xlsx, StudyBundle bundle, Path studyDir) throws XlsFormException {
        XlsFormReader.ImportedForm imported = new XlsFormReader(bundle.study()).read(xlsx);
        FormDefinition form = imported.form();
        Optional<Path> existing = formFile(studyDir, form.id());
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(existing.orElse(studyDir.resolve(form.id() + ".yaml")), FormYaml.formFile(form));
        for (Map.Entry<String, TranslationState> e : imported.states().entrySet()) {
            String language = e.getKey();
            if (language.equals(bundle.study().masterLanguage())) {
                continue;
            }
            overlay(studyDir, bundle, form, language, e.getValue()).ifPresent(content ->
                    files.put(studyDir.resolve("translations").resolve(language + ".yaml"), content));
        }
        FormDefinition loaded = tryOn(studyDir, files, form.id(), imported);
        return new Plan(loaded, existing.isPresent(), files, imported.notes());
    }

    /** The file of the study folder that holds the form {@code formId}, if any. */
    private static Optional<Path> formFile(Path studyDir, String formId) throws XlsFormException {
        try (Stream<Path> s = Files.list(studyDir)) {
            for (Path file : s.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yaml") && !name.equals("study.yaml")
                        && Files.readString(file, StandardCharsets.UTF_8).lines()
                        .anyMatch(l -> l.matches("id:\\s*[\"']?" + Pattern.quote(formId) + "[\"']?\\s*(#.*)?"))) {
                    return Optional.of(file);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new XlsFormException(List.of(new XlsFormProblem("study", 0, "", "cannot read " + studyDir + ": "
                    + e.getMessage())));
        }
    }

    /** The overlay file with the form's entry set (or removed when the language is missing); empty: unchanged. */
    private static Optional<String> overlay(Path studyDir, StudyBundle bundle, FormDefinition form, String language,
                                            TranslationState state) throws XlsFormException {
        Path file = studyDir.resolve("translations").resolve(language + ".yaml");
        TranslationOverlay overlay;
        if (Files.exists(file)) {
            try {
                overlay = StudyLoader.readOverlay(file, bundle);
            } catch (FormValidationException e) {
                throw new XlsFormException(e.problems().stream().map(p -> new XlsFormProblem("study", 0, "",
                        p.toString())).toList());
            }
        } else if (state == TranslationState.MISSING) {
            return Optional.empty();
        } else {
            overlay = new TranslationOverlay(language, null, Map.of());
        }
        String name = overlay.name() != null ? overlay.name() : bundle.study().languages().get(language);
        Map<String, TranslationOverlay.OverlayForm> forms = new LinkedHashMap<>(overlay.forms());
        if (state == TranslationState.MISSING) {
            if (forms.remove(form.id()) == null) {
                return Optional.empty();
            }
        } else {
            forms.put(form.id(), new TranslationOverlay.OverlayForm(state, FormYaml.translations(form, language)));
        }
        return Optional.of(new TranslationOverlay(language, name, forms).toYaml());
    }

    /** Writes the plan into a copy of the study folder and loads it there; the loaded form, or the problems. */
    private static FormDefinition tryOn(Path studyDir, Map<Path, String> files, String formId,
                                        XlsFormReader.ImportedForm imported) throws XlsFormException {
        Path copy = null;
        try {
            copy = Files.createTempDirectory("fieldsafe-xlsform-");
            Path root = copy;
            copyYaml(studyDir, root);
            copyYaml(studyDir.resolve("translations"), Files.createDirectories(root.resolve("translations")));
            for (Map.Entry<Path, String> e : files.entrySet()) {
                Path target = root.resolve(studyDir.relativize(e.getKey()));
                Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
            }
            StudyBundle loaded = StudyLoader.load(root);
            return loaded.form(formId).orElseThrow(() -> new IllegalStateException("imported form not loaded"));
        } catch (FormValidationException e) {
            throw new XlsFormException(e.problems().stream().map(p -> problem(p, imported)).toList());
        } catch (IOException e) {
            throw new XlsFormException(List.of(new XlsFormProblem("study", 0, "", "cannot try the import on a copy"
                    + " of the study folder: " + e.getMessage())));
        } finally {
            delete(copy);
        }
    }

    private static void copyYaml(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.list(from)) {
            for (Path file : s.toList()) {
                if (Files.isRegularFile(file) && file.getFileName().toString().endsWith(".yaml")) {
                    Files.copy(file, to.resolve(file.getFileName().toString()));
                }
            }
        }
    }

    /** A problem of the study loaded with the import, named by the XLSForm row it came from where one is known. */
    private static XlsFormProblem problem(FormProblem p, XlsFormReader.ImportedForm imported) {
        String field = p.field() == null ? "" : p.field();
        List<String> ids = imported.form().questions().stream().map(q -> q.id()).toList();
        Matcher q = QUESTION_FIELD.matcher(field);
        if (q.matches() && Integer.parseInt(q.group(1)) < ids.size()) {
            String id = ids.get(Integer.parseInt(q.group(1)));
            return new XlsFormProblem("survey", imported.questionRows().getOrDefault(id, 0),
                    q.group(2) == null ? "" : q.group(2), p.message());
        }
        Matcher o = OVERLAY_FIELD.matcher(field);
        String file = Path.of(p.file()).getFileName().toString();
        if (o.matches() && o.group(2) != null && imported.questionRows().containsKey(o.group(2))) {
            return new XlsFormProblem("survey", imported.questionRows().get(o.group(2)), o.group(3) + " ("
                    + file.replace(".yaml", "") + ")", p.message());
        }
        if (o.matches() && o.group(1).equals("state")) {
            return new XlsFormProblem("settings", 2, "translation_state (" + file.replace(".yaml", "") + ")",
                    p.message());
        }
        if (field.equals("id") || field.equals("kind") || field.equals("consent_form") || field.startsWith("title")) {
            return new XlsFormProblem("settings", 2, field.equals("id") ? "form_id" : field.startsWith("title")
                    ? "form_title" : field, p.message());
        }
        return new XlsFormProblem("study", 0, "", file + ": " + (field.isEmpty() ? "" : field + ": ")
                + p.message());
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary copy of form files; the OS cleans its temporary folder
        }
    }
}
