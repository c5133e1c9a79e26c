package org.fieldsafe.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.xform.XFormOptions;
import org.fieldsafe.core.forms.xform.XFormWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin forms xform}: a form of a study folder written as an ODK XForm 1.0 document (the writer is core's
 * {@code forms.xform}; docs/forms.md, "XForms"). Local files only; no server needed.
 */
@Command(name = "xform", mixinStandardHelpOptions = true,
        description = {"Write a form as an ODK XForm 1.0 document (for ODK Collect, Enketo, JavaRosa): an interview"
                + " form carries its consent form as the first group, the interview relevant only once consent passes;"
                + " texts in every study language (itext), relevant, constraint and required as binds.",
                "Local files only; no server needed. What maps how: docs/forms.md, section XForms."})
final class XFormCommand implements Runnable {
    @ParentCommand
    private FormsCommand forms;

    @Option(names = "--study-dir", required = true, paramLabel = "DIR",
            description = "Study folder (holds study.yaml, the form files and translations/)")
    private Path studyDir;

    @Option(names = "--form", required = true, paramLabel = "FORM", description = "Form id, e.g. interview")
    private String formId;

    @Option(names = "--site", paramLabel = "SITE",
            description = "The devices' site: respondent codes must then name it, as the field app checks")
    private String site;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: FORM.xml)")
    private Path out;

    @Override
    public void run() {
        AdminCli admin = forms.admin;
        StudyBundle bundle = XlsFormCommand.load(admin, studyDir);
        FormDefinition form = XlsFormCommand.form(bundle, formId);
        if (site != null && bundle.study().site(site).isEmpty()) {
            throw new CliException("No site '" + site + "' in study " + bundle.study().id());
        }
        byte[] xml = XFormWriter.write(form, XFormOptions.forStudy(bundle, form).withSite(site));
        Path target = out != null ? out : Path.of(form.id() + ".xml");
        try {
            TranslationsCommand.writeAtomically(target, xml);
        } catch (IOException e) {
            throw new CliException("Cannot write " + target + ": " + e.getMessage());
        }
        admin.out.println("wrote form " + form.id() + " as an XForm (" + form.questions().size() + " questions, "
                + bundle.study().languages().size() + " languages, sha256 " + form.sha256() + ") to " + target);
    }
}
