package org.fieldsafe.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.fieldsafe.core.forms.CoverageRow;
import org.fieldsafe.core.forms.DirectoryService;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormProblem;
import org.fieldsafe.core.forms.FormValidationException;
import org.fieldsafe.core.forms.InterviewLanguages;
import org.fieldsafe.core.forms.ReferralDirectory;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.forms.TranslationCoverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin forms check [DIR]}: local validation and translation coverage; {@code admin forms translations
 * export|import}: translation templates (see {@link TranslationsCommand}). No server needed.
 */
@Command(name = "forms", mixinStandardHelpOptions = true, description = "Forms as code.",
        subcommands = {FormsCommand.Check.class, TranslationsCommand.class, XlsFormCommand.Import.class,
                XlsFormCommand.Export.class, XFormCommand.class})
final class FormsCommand implements Runnable {
    @ParentCommand
    AdminCli admin;

    @Override
    public void run() {
        throw new CliException("Missing command: forms check, forms translations, forms import-xlsform, forms"
                + " export-xlsform or forms xform");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate the forms directory; print translation state and coverage per form x language"
                    + " (and whether interviews may use it) and, per site, the referral directory entries not"
                    + " (recently) confirmed.")
    static final class Check implements Runnable {
        @ParentCommand
        private FormsCommand forms;

        @Parameters(index = "0", arity = "0..1", defaultValue = "forms", description = "Forms directory (default: forms)")
        private Path directory;

        @Override
        public void run() {
            AdminCli admin = forms.admin;
            if (!Files.isDirectory(directory)) {
                throw new CliException("No forms directory at " + directory);
            }
            List<StudyBundle> bundles;
            try {
                bundles = StudyLoader.loadAll(directory);
            } catch (FormValidationException e) {
                e.problems().stream().map(FormProblem::toString).forEach(admin.err::println);
                throw new CliException(e.problems().size() + " problem(s) in " + directory);
            }
            if (bundles.isEmpty()) {
                throw new CliException("No study (a folder with study.yaml) under " + directory);
            }
            for (StudyBundle bundle : bundles) {
                admin.out.println("Study " + bundle.study().id() + " (sha256 " + bundle.study().sha256() + ")");
                for (FormDefinition form : bundle.forms()) {
                    admin.out.println("  form " + form.id() + " (" + form.kind() + ") sha256 " + form.sha256());
                }
                InterviewLanguages allowed = bundle.study().interviewLanguages();
                admin.out.println("  interviews may use translations that are " + allowed.describe()
                        + " (study.yaml interview_languages; the master language always)");
                admin.out.printf("  %-20s %-8s %-9s %-16s %s%n", "form", "language", "state", "translated/total",
                        "interviews");
                for (CoverageRow row : TranslationCoverage.of(bundle)) {
                    boolean usable = row.language().equals(bundle.study().masterLanguage())
                            || allowed.allows(row.state());
                    admin.out.printf("  %-20s %-8s %-9s %-16s %s%n", row.formId(), row.language(), row.state(),
                            row.translated() + "/" + row.total(), usable ? "allowed" : "refused");
                }
                directories(admin, bundle);
            }
            admin.out.println("OK: " + bundles.size() + " study(ies) valid");
        }

        /** Per site: the referral directory's version and its entries the study team must confirm (again). */
        private static void directories(AdminCli admin, StudyBundle bundle) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            int maxAge = ReferralDirectory.DEFAULT_MAX_AGE_DAYS;
            for (Site site : bundle.study().sites()) {
                List<DirectoryService> services = site.directory().services();
                long unconfirmed = services.stream().filter(s -> !s.confirmed()).count();
                List<String> toConfirm = services.stream().filter(s -> s.needsConfirmation(today, maxAge))
                        .map(DirectoryService::id).toList();
                admin.out.println("  directory " + site.id() + " v" + site.directory().version() + ": "
                        + services.size() + " entries, " + unconfirmed + " UNCONFIRMED, "
                        + (toConfirm.size() - unconfirmed) + " STALE (confirmed over " + maxAge + " days ago)"
                        + (toConfirm.isEmpty() ? "" : ": " + String.join(", ", toConfirm)));
            }
        }
    }
}
