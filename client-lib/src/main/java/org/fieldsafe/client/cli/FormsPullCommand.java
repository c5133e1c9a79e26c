package org.fieldsafe.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.FormVersion;
import org.fieldsafe.client.PullProgress;
import org.fieldsafe.client.PullResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code forms pull}: brings the study and forms up to date with the server. */
@Command(name = "pull", description = {
        "Download the study and every new form version from the server into the local store.",
        "Each form is checked against the manifest's SHA-256; if anything fails, nothing is stored."})
final class FormsPullCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Override
    public Integer call() throws ClientException {
        PrintWriter out = spec.commandLine().getOut();
        Printer printer = new Printer(out);
        try (FieldsafeClient client = home.openExisting(spec)) {
            PullResult result;
            try {
                result = client.pull(printer);
            } finally {
                printer.endLine();
            }
            if (result.upToDate()) {
                out.println("up to date: " + count(result.formsInManifest()) + " on this device");
            } else {
                out.println("done: " + count(result.formsInManifest()) + " on this device, "
                        + (result.pulled().isEmpty() ? "none new" : result.pulled().size() + " new")
                        + (result.studyUpdated() ? ", study updated" : "")
                        + (result.keysPinned() > 0 ? ", " + result.keysPinned() + " study keys pinned" : ""));
            }
            out.flush();
        }
        return 0;
    }

    private static String count(int forms) {
        return forms + (forms == 1 ? " form" : " forms");
    }

    /** Prints progress as it happens: "pulling 2 forms... consent v1 ok, interview v1 ok". */
    private static final class Printer implements PullProgress {
        private final PrintWriter out;
        private boolean lineOpen;
        private boolean firstForm;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void pullingStudy(String studyId) {
            out.print("pulling study " + studyId + "...");
            out.flush();
            lineOpen = true;
        }

        @Override
        public void studyPulled(String studyId) {
            out.println(" ok");
            out.flush();
            lineOpen = false;
        }

        @Override
        public void pullingForms(int count) {
            out.print("pulling " + count(count) + "...");
            out.flush();
            lineOpen = true;
            firstForm = true;
        }

        @Override
        public void formPulled(FormVersion form) {
            out.print((firstForm ? " " : ", ") + form + " ok");
            out.flush();
            firstForm = false;
        }

        void endLine() {
            if (lineOpen) {
                out.println();
                out.flush();
                lineOpen = false;
            }
        }
    }
}
