package org.fieldsafe.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fieldsafe.server.cli.imports.ImportProblems;
import org.fieldsafe.server.cli.imports.OdkImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code admin submissions import-odk}: earlier waves from ODK Central or KoboToolbox exports (data managers). */
@Command(name = "submissions", mixinStandardHelpOptions = true, description = "Submissions of a study.",
        subcommands = {SubmissionsCommand.ImportOdk.class})
final class SubmissionsCommand implements Runnable {
    @ParentCommand
    AdminCli admin;

    @Override
    public void run() {
        throw new CliException("Missing command: submissions import-odk (see admin submissions --help)");
    }

    @Command(name = "import-odk", mixinStandardHelpOptions = true,
            description = {"Import an earlier wave from an ODK Central CSV zip or a KoboToolbox CSV export (of an"
                    + " unencrypted form) with the XLSForm it was collected with, into a study's published form:"
                    + " each consented row is sealed on this machine to the study's keys, as a field device seals,"
                    + " and stored marked \"imported, not sealed on a device\". Data managers only.",
                    "Columns map to questions by the XLSForm's names and group paths (Central joins them with -,"
                    + " Kobo with /); the consent form's questions (participation, respondent_code, consent_mode,"
                    + " ...) must be among them. A row without participation consent (or a minor's guardian"
                    + " consent and assent) is not imported, only counted. Every problem - an unknown column, a"
                    + " value that is no answer (a choice not in the list, a bad number or date), an answer the"
                    + " form's rules refuse (not relevant, required but empty, breaking a constraint), repeats - is"
                    + " listed by file, row and column, all at once, and nothing is imported. Importing the same"
                    + " export again stores nothing new (rows are known by their instance id).",
                    "Free-text answers are redacted as the field app redacts them (the row's own name, address,"
                    + " phone and e-mail answers, and any phone number or e-mail address) before sealing; the"
                    + " report counts the redactions per kind."})
    static final class ImportOdk implements Runnable {
        @ParentCommand
        private SubmissionsCommand submissions;

        @Parameters(index = "0", paramLabel = "EXPORT", description = "The export: Central's .zip, or Kobo's .csv"
                + " (or a .zip holding it)")
        private Path export;

        @Option(names = "--xlsform", required = true, paramLabel = "FORM.xlsx",
                description = "The XLSForm the wave was collected with")
        private Path xlsForm;

        @Option(names = "--study", required = true, description = "Study id")
        private String study;

        @Option(names = "--form", required = true, paramLabel = "F",
                description = "The study's interview form (its latest published version) the rows become")
        private String form;

        @Option(names = "--site", paramLabel = "SITE", description = "The site of every row (default: the site"
                + " that begins each respondent code)")
        private String site;

        @Option(names = "--lang", paramLabel = "L", description = "The interviews' language (default: the study's"
                + " master language)")
        private String language;

        @Option(names = "--dry-run", description = "Check everything, on this machine and on the server, and import"
                + " nothing")
        private boolean dryRun;

        @Override
        public void run() {
            AdminCli admin = submissions.admin;
            for (Path file : new Path[] {export, xlsForm}) {
                if (!Files.isRegularFile(file)) {
                    throw new CliException("No file " + file);
                }
            }
            XlsFormCommand.quietPoi();
            OdkImport.Summary s;
            try {
                s = new OdkImport(admin.client()).run(new OdkImport.Request(export, xlsForm, study, form, site,
                        language, dryRun));
            } catch (ImportProblems e) {
                e.problems().forEach(admin.err::println);
                throw new CliException(e.problems().size() + " problem(s) in " + export.getFileName()
                        + "; nothing imported");
            }
            admin.out.println((s.dryRun() ? "Dry run, nothing imported: " : "") + s.rows() + " row(s) read from "
                    + export.getFileName() + " (" + s.source() + ")");
            admin.out.println((s.dryRun() ? "Would import " : "Imported ") + s.imported()
                    + " submission(s), marked imported (not sealed on a device)");
            if (s.alreadyImported() > 0) {
                admin.out.println(s.alreadyImported() + " row(s) imported before: nothing stored again");
            }
            if (s.notConsented() > 0) {
                admin.out.println(s.notConsented() + " row(s) not imported: no participation consent (or a minor"
                        + " without guardian consent and assent)");
            }
            if (s.withdrawn() > 0) {
                admin.out.println(s.withdrawn() + " row(s) not imported: the respondent withdrew");
            }
            if (!s.redactions().isEmpty()) {
                java.util.List<String> kinds = new java.util.ArrayList<>();
                s.redactions().forEach((kind, n) -> kinds.add(kind.name().toLowerCase(java.util.Locale.ROOT) + " "
                        + n));
                admin.out.println("Redacted in free-text answers, as the field app does: " + String.join(", ", kinds));
            }
        }
    }
}
