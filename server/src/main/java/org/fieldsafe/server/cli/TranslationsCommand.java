package org.fieldsafe.server.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.core.forms.CoverageRow;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormProblem;
import org.fieldsafe.core.forms.FormValidationException;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.forms.TranslationCoverage;
import org.fieldsafe.core.forms.TranslationOverlay;
import org.fieldsafe.core.forms.TranslationState;
import org.fieldsafe.core.forms.TranslationTemplates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin forms translations export|import}: a translator's round trip through a CSV or XLIFF 1.2 template
 * of one form in one language, into {@code <study>/translations/<lang>.yaml} as {@code draft}, or as
 * {@code complete}/{@code reviewed} when the import says so ({@code --state}, or the XLIFF targets' states).
 * Local files only; no server needed.
 */
@Command(name = "translations", mixinStandardHelpOptions = true,
        description = "Export or import a translation template (CSV or XLIFF 1.2) of one form in one language.",
        subcommands = {TranslationsCommand.Export.class, TranslationsCommand.Import.class})
final class TranslationsCommand implements Runnable {
    @ParentCommand
    FormsCommand forms;

    @Override
    public void run() {
        throw new CliException("Missing command: forms translations export or forms translations import");
    }

    /** Template formats. */
    enum Format {
        csv, xliff
    }

    /** The options both subcommands share: which study folder, form and language. */
    static final class Target {
        @Option(names = "--study-dir", required = true, paramLabel = "DIR",
                description = "Study folder (holds study.yaml, the form files and translations/)")
        Path studyDir;

        @Option(names = "--form", required = true, paramLabel = "FORM", description = "Form id, e.g. consent")
        String formId;

        @Option(names = "--lang", required = true, paramLabel = "LANG",
                description = "Language code, one of the study's languages other than the master")
        String language;

        /** Loads and validates the study folder; its problems go to stderr. */
        StudyBundle load(AdminCli admin) {
            if (!Files.isRegularFile(studyDir.resolve("study.yaml"))) {
                throw new CliException("No study folder at " + studyDir + " (no study.yaml)");
            }
            try {
                return StudyLoader.load(studyDir);
            } catch (FormValidationException e) {
                printProblems(admin, e);
                throw new CliException(e.problems().size() + " problem(s) in " + studyDir
                        + "; fix them first (admin forms check)");
            }
        }

        /** The form named by --form, after checking --lang against the study's languages. */
        FormDefinition form(StudyBundle bundle) {
            Map<String, String> languages = bundle.study().languages();
            String study = bundle.study().id();
            FormDefinition form = bundle.form(formId).orElseThrow(() -> new CliException("No form '" + formId
                    + "' in study " + study + " (forms: "
                    + String.join(", ", bundle.forms().stream().map(FormDefinition::id).toList()) + ")"));
            if (language.equals(bundle.study().masterLanguage())) {
                throw new CliException("'" + language + "' is the master language of study " + study
                        + "; its texts live in the form files, not in a translation");
            }
            if (!languages.containsKey(language)) {
                throw new CliException("Language '" + language + "' is not one of the languages of study " + study
                        + " (" + String.join(", ", languages.keySet()) + ")");
            }
            return form;
        }
    }

    static void printProblems(AdminCli admin, FormValidationException e) {
        e.problems().stream().map(FormProblem::toString).forEach(admin.err::println);
    }

    static CoverageRow coverage(StudyBundle bundle, String formId, String language) {
        return TranslationCoverage.of(bundle).stream()
                .filter(r -> r.formId().equals(formId) && r.language().equals(language))
                .findFirst().orElseThrow(() -> new IllegalStateException("no coverage row for " + formId));
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the template of a form in a language: every text key with the master text and "
                    + "the current translation (empty when none).")
    static final class Export implements Runnable {
        @ParentCommand
        private TranslationsCommand translations;

        @Mixin
        private Target target;

        @Option(names = "--format", paramLabel = "csv|xliff", defaultValue = "csv",
                description = "csv (columns key,master,translation) or xliff (XLIFF 1.2); default csv")
        private Format format;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output")
        private Path out;

        @Override
        public void run() {
            AdminCli admin = translations.forms.admin;
            StudyBundle bundle = target.load(admin);
            FormDefinition form = target.form(bundle);
            String template = format == Format.csv
                    ? TranslationTemplates.toCsv(form, target.language)
                    : TranslationTemplates.toXliff(form, target.language);
            if (out == null) {
                admin.out.print(template);
                admin.out.flush();
                return;
            }
            try {
                Files.writeString(out, template, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("Cannot write " + out + ": " + e.getMessage());
            }
            CoverageRow row = coverage(bundle, form.id(), target.language);
            admin.out.println("wrote " + format + " template for form " + form.id() + " in " + target.language
                    + " to " + out + ": " + row.translated() + "/" + row.total() + " translated");
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Read a filled template (.csv, .xlf or .xliff) into translations/<lang>.yaml for the form;"
                    + " the study is validated again and the previous file restored if it fails.",
                    "State: --state if given; else, for XLIFF, the least of its targets' states when every text is"
                    + " translated (signed-off or final: reviewed; translated: complete; other: draft); else draft."})
    static final class Import implements Runnable {
        @ParentCommand
        private TranslationsCommand translations;

        @Mixin
        private Target target;

        @Parameters(index = "0", paramLabel = "FILE", description = "The template: .csv, .xlf or .xliff")
        private Path file;

        @Option(names = "--state", paramLabel = "draft|complete|reviewed",
                description = "The translation's state: draft (unreviewed), complete (every text translated) or"
                        + " reviewed (complete and signed off by a reviewer); complete and reviewed need every text")
        private String state;

        @Override
        public void run() {
            AdminCli admin = translations.forms.admin;
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean csv = name.endsWith(".csv");
            if (!csv && !name.endsWith(".xlf") && !name.endsWith(".xliff")) {
                throw new CliException("Cannot tell the format of " + file + ": use a .csv, .xlf or .xliff file");
            }
            if (!Files.isRegularFile(file)) {
                throw new CliException("No file " + file);
            }
            TranslationState explicit = parseState();
            StudyBundle bundle = target.load(admin);
            FormDefinition form = target.form(bundle);
            TranslationTemplates.XliffTemplate xliff = csv ? null : readXliff();
            Map<String, String> texts = csv ? readCsv() : xliff.translations();
            TranslationState imported = explicit != null ? explicit
                    : xliff != null ? xliff.state(form) : TranslationState.DRAFT;
            List<String> unknown = TranslationTemplates.unknownKeys(form, texts);
            if (!unknown.isEmpty()) {
                throw new CliException(unknown.size() + " key(s) in " + file + " name no text of form " + form.id()
                        + ": " + String.join(", ", unknown) + "; nothing written");
            }

            Path dir = target.studyDir.resolve("translations");
            Path overlayFile = dir.resolve(target.language + ".yaml");
            boolean existed = Files.exists(overlayFile);
            TranslationOverlay existing = existed ? readExisting(admin, overlayFile, bundle) : null;
            TranslationOverlay updated = TranslationTemplates.importInto(existing, target.language,
                    bundle.study().languages().get(target.language), form.id(), texts, imported);
            List<String> dropped = dropped(existing, form.id(), texts);

            byte[] previous = existed ? readBytes(overlayFile) : null;
            boolean createdDir = !Files.isDirectory(dir);
            StudyBundle reloaded = null;
            try {
                Files.createDirectories(dir);
                writeAtomically(overlayFile, updated.toYaml().getBytes(StandardCharsets.UTF_8));
                reloaded = StudyLoader.load(target.studyDir);
            } catch (FormValidationException e) {
                printProblems(admin, e);
                throw new CliException("The study does not validate with the imported texts (" + e.problems().size()
                        + " problem(s)); " + restoredMessage(overlayFile, existed));
            } catch (IOException e) {
                throw new CliException("Cannot write " + overlayFile + ": " + e.getMessage() + "; "
                        + restoredMessage(overlayFile, existed));
            } finally {
                if (reloaded == null) {
                    restore(overlayFile, previous, createdDir ? dir : null);
                }
            }
            if (!dropped.isEmpty()) {
                admin.err.println("warning: " + dropped.size() + " text(s) of form " + form.id() + " in "
                        + target.language + " are no longer translated (empty in " + file + "): "
                        + String.join(", ", dropped));
            }
            CoverageRow row = coverage(reloaded, form.id(), target.language);
            admin.out.println("imported " + texts.size() + " texts for form " + form.id() + " in " + target.language
                    + " (" + row.state() + "): coverage " + row.translated() + "/" + row.total());
        }

        private Map<String, String> readCsv() {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                return TranslationTemplates.fromCsv(text);
            } catch (IOException | RuntimeException e) {
                throw new CliException("Cannot read the CSV template " + file + ": " + e.getMessage());
            }
        }

        private TranslationState parseState() {
            if (state == null) {
                return null;
            }
            try {
                TranslationState parsed = TranslationState.of(state);
                if (parsed != TranslationState.MISSING) {
                    return parsed;
                }
            } catch (IllegalArgumentException e) {
                // refused below
            }
            throw new CliException("--state '" + state + "' is not one of draft, complete, reviewed; nothing written");
        }

        private TranslationTemplates.XliffTemplate readXliff() {
            TranslationTemplates.XliffTemplate t;
            try {
                t = TranslationTemplates.fromXliff(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CliException("Cannot read the XLIFF template " + file + ": " + e.getMessage());
            }
            if (!t.formId().equals(target.formId)) {
                throw new CliException(file + " is a template of form '" + t.formId() + "', not '" + target.formId
                        + "'; nothing written");
            }
            if (!t.targetLanguage().equals(target.language)) {
                throw new CliException(file + " has target language '" + t.targetLanguage() + "', not '"
                        + target.language + "'; nothing written");
            }
            return t;
        }

        private TranslationOverlay readExisting(AdminCli admin, Path overlayFile, StudyBundle bundle) {
            try {
                TranslationOverlay overlay = StudyLoader.readOverlay(overlayFile, bundle);
                if (overlay.name() == null) {
                    return new TranslationOverlay(overlay.language(),
                            bundle.study().languages().get(target.language), overlay.forms());
                }
                return overlay;
            } catch (FormValidationException e) {
                printProblems(admin, e);
                throw new CliException(e.problems().size() + " problem(s) in " + overlayFile + "; nothing written");
            }
        }

        /** Keys the overlay translated for the form that the template leaves empty (import replaces the form). */
        private static List<String> dropped(TranslationOverlay existing, String formId, Map<String, String> texts) {
            List<String> dropped = new ArrayList<>();
            if (existing != null && existing.forms().containsKey(formId)) {
                existing.forms().get(formId).texts().keySet().stream()
                        .filter(k -> !texts.containsKey(k)).forEach(dropped::add);
            }
            return dropped;
        }

        private static byte[] readBytes(Path path) {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new CliException("Cannot read " + path + ": " + e.getMessage() + "; nothing written");
            }
        }

        private static String restoredMessage(Path overlayFile, boolean existed) {
            return existed ? overlayFile + " left as it was" : "no " + overlayFile + " written";
        }

        /** Puts back the previous content ({@code null}: the file did not exist) and removes a new empty folder. */
        private static void restore(Path overlayFile, byte[] previous, Path createdDir) {
            try {
                if (previous != null) {
                    writeAtomically(overlayFile, previous);
                } else {
                    Files.deleteIfExists(overlayFile);
                    if (createdDir != null && Files.isDirectory(createdDir)) {
                        try (var entries = Files.list(createdDir)) {
                            if (entries.findAny().isEmpty()) {
                                Files.delete(createdDir);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new CliException("Cannot restore " + overlayFile + ": " + e.getMessage());
            }
        }
    }

    /** Writes {@code content} to a temporary file next to {@code target} and moves it over {@code target}. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, content);
            permissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The target's permissions if it exists, else rw-r--r-- (a temporary file is created rw-------). */
    private static void permissions(Path tmp, Path target) throws IOException {
        if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> permissions = Files.exists(target)
                    ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, permissions);
        }
    }
}
