package org.fieldsafe.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormValidationException;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.server.cli.xlsform.XlsFormException;
import org.fieldsafe.server.cli.xlsform.XlsFormImport;
import org.fieldsafe.server.cli.xlsform.XlsFormWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin forms import-xlsform} and {@code export-xlsform}: a form of a study folder in and out of XLSForm
 * (the converter is {@code server.cli.xlsform}; docs/forms.md). Local files only; no server needed.
 */
final class XlsFormCommand {
    private XlsFormCommand() {
    }

    /**
     * Apache POI logs through the Log4j API, which finds no provider in the command line and says so on stderr; its
     * own simple logger (errors only, to stderr) is what it falls back to anyway, so it is named before POI loads.
     */
    static void quietPoi() {
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory",
                    "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    /** Loads and validates the study folder; its problems go to stderr. */
    /** The study folder's form {@code formId}, or a one-line error naming the forms it has. */
    static FormDefinition form(StudyBundle bundle, String formId) {
        return bundle.form(formId).orElseThrow(() -> new CliException("No form '" + formId + "' in study "
                + bundle.study().id() + " (forms: "
                + String.join(", ", bundle.forms().stream().map(FormDefinition::id).toList()) + ")"));
    }

    static StudyBundle load(AdminCli admin, Path studyDir) {
        quietPoi();
        if (!Files.isRegularFile(studyDir.resolve("study.yaml"))) {
            throw new CliException("No study folder at " + studyDir + " (no study.yaml)");
        }
        try {
            return StudyLoader.load(studyDir);
        } catch (FormValidationException e) {
            TranslationsCommand.printProblems(admin, e);
            throw new CliException(e.problems().size() + " problem(s) in " + studyDir
                    + "; fix them first (admin forms check)");
        }
    }

    @Command(name = "import-xlsform", mixinStandardHelpOptions = true,
            description = {"Read an XLSForm (.xlsx: survey, choices and settings sheets; Fieldsafe's sensitivity and"
                    + " disclosure_* columns and probes sheet) into the study folder: the form file and the form's"
                    + " texts in translations/<lang>.yaml.",
                    "Whatever cannot become part of a Fieldsafe form is listed by sheet, row and column, all at once,"
                    + " and nothing is written; so is a study that would not validate with the form."})
    static final class Import implements Runnable {
        @ParentCommand
        private FormsCommand forms;

        @Parameters(index = "0", paramLabel = "FILE.xlsx", description = "The XLSForm")
        private Path file;

        @Option(names = "--study-dir", required = true, paramLabel = "DIR",
                description = "Study folder (holds study.yaml, the form files and translations/)")
        private Path studyDir;

        @Option(names = "--replace", description = "Replace the study's form of the same id (settings form_id)")
        private boolean replace;

        @Override
        public void run() {
            AdminCli admin = forms.admin;
            if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
                throw new CliException("An XLSForm is an .xlsx file, not " + file + "; nothing written");
            }
            if (!Files.isRegularFile(file)) {
                throw new CliException("No file " + file);
            }
            StudyBundle bundle = load(admin, studyDir);
            XlsFormImport.Plan plan;
            try (InputStream in = Files.newInputStream(file)) {
                plan = XlsFormImport.plan(in, bundle, studyDir);
            } catch (XlsFormException e) {
                e.problems().forEach(admin.err::println);
                throw new CliException(e.problems().size() + " problem(s) in " + file + "; nothing written");
            } catch (IOException e) {
                throw new CliException("Cannot read " + file + ": " + e.getMessage());
            }
            FormDefinition form = plan.form();
            if (plan.replaced() && !replace) {
                throw new CliException("Study " + bundle.study().id() + " has a form '" + form.id() + "' already;"
                        + " add --replace to replace it; nothing written");
            }
            write(plan.files());
            plan.notes().forEach(n -> admin.err.println("note: " + n));
            admin.out.println((plan.replaced() ? "replaced" : "imported") + " form " + form.id() + " (" + form.kind()
                    + ", " + form.questions().size() + " questions) from " + file + " into " + studyDir + ": sha256 "
                    + form.sha256());
            plan.files().keySet().forEach(p -> admin.out.println("  wrote " + p));
        }

        /** Writes every file atomically; on a failure the files written so far get their old content back. */
        private static void write(Map<Path, String> files) {
            Map<Path, byte[]> previous = new LinkedHashMap<>();
            try {
                for (Map.Entry<Path, String> e : files.entrySet()) {
                    Path target = e.getKey();
                    previous.put(target, Files.exists(target) ? Files.readAllBytes(target) : null);
                    Files.createDirectories(target.toAbsolutePath().getParent());
                    TranslationsCommand.writeAtomically(target, e.getValue().getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                previous.forEach(Import::restore);
                throw new CliException("Cannot write the form: " + e.getMessage() + "; the study folder is left as"
                        + " it was");
            }
        }

        private static void restore(Path target, byte[] content) {
            try {
                if (content == null) {
                    Files.deleteIfExists(target);
                } else {
                    TranslationsCommand.writeAtomically(target, content);
                }
            } catch (IOException e) {
                throw new CliException("Cannot restore " + target + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "export-xlsform", mixinStandardHelpOptions = true,
            description = "Write a form of the study folder as an XLSForm (.xlsx) in every language it has, with"
                    + " Fieldsafe's own columns and each language's translation state; import-xlsform reads it back"
                    + " to the same form (same sha256).")
    static final class Export implements Runnable {
        @ParentCommand
        private FormsCommand forms;

        @Option(names = "--study-dir", required = true, paramLabel = "DIR",
                description = "Study folder (holds study.yaml, the form files and translations/)")
        private Path studyDir;

        @Option(names = "--form", required = true, paramLabel = "FORM", description = "Form id, e.g. interview")
        private String formId;

        @Option(names = "--out", paramLabel = "FILE.xlsx", description = "Where to write (default: FORM.xlsx)")
        private Path out;

        @Override
        public void run() {
            AdminCli admin = forms.admin;
            StudyBundle bundle = load(admin, studyDir);
            FormDefinition form = form(bundle, formId);
            Path target = out != null ? out : Path.of(form.id() + ".xlsx");
            try {
                TranslationsCommand.writeAtomically(target, new XlsFormWriter(bundle.study()).write(form));
            } catch (IOException e) {
                throw new CliException("Cannot write " + target + ": " + e.getMessage());
            }
            admin.out.println("wrote form " + form.id() + " (" + form.questions().size() + " questions, sha256 "
                    + form.sha256() + ") to " + target);
        }
    }
}
