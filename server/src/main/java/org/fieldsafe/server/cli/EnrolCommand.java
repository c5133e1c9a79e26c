package org.fieldsafe.server.cli;

import org.fieldsafe.core.wire.EnrolmentCode;
import org.fieldsafe.core.wire.EnrolmentRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code admin enrol}: a one-time enrolment code for an enumerator's device. */
@Command(name = "enrol", mixinStandardHelpOptions = true,
        description = "Issue a one-time enrolment code for an enumerator's device.")
final class EnrolCommand implements Runnable {
    @ParentCommand
    private AdminCli admin;

    @Option(names = "--study", required = true, description = "Study id")
    private String study;

    @Option(names = "--site", required = true, description = "Site id, e.g. KH-SVR")
    private String site;

    @Option(names = "--enumerator", required = true, description = "User name of the enumerator")
    private String enumerator;

    @Override
    public void run() {
        EnrolmentCode code = admin.client().post("/enrolments", new EnrolmentRequest(study, site, enumerator),
                EnrolmentCode.class);
        admin.out.println("Enrolment code for " + code.enumerator() + " at " + code.site() + " (" + code.study()
                + "): " + code.code());
        admin.out.println("Valid once, until " + code.expiresAt());
    }
}
