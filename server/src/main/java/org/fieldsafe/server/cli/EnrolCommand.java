package org.fieldsafe.server.cli;

import org.fieldsafe.core.wire.EnrolmentCode;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.core.wire.OdkAppUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code admin enrol}: a one-time enrolment code for an enumerator's device. */
@Command(name = "enrol", mixinStandardHelpOptions = true,
        description = {"Issue a one-time enrolment code for an enumerator's device.",
                "With --odk: enrol an ODK Collect device at once instead and print its app user (username = device id, "
                        + "password = device token, shown once) and ODK Collect's settings QR payload (--qr FILE "
                        + "also writes the QR code as SVG); scan it in Collect (Projects > Add project)."})
final class EnrolCommand implements Runnable {
    @ParentCommand
    private AdminCli admin;

    @Option(names = "--study", required = true, description = "Study id")
    private String study;

    @Option(names = "--site", required = true, description = "Site id, e.g. KH-SVR")
    private String site;

    @Option(names = "--enumerator", required = true, description = "User name of the enumerator")
    private String enumerator;

    @Option(names = "--odk", description = "Make an ODK Collect app user (OpenRosa) instead of a code")
    private boolean odk;

    @Option(names = "--qr", paramLabel = "FILE", description = "With --odk: write the settings QR code as SVG")
    private java.nio.file.Path qr;

    @Override
    public void run() {
        if (odk) {
            odk();
            return;
        }
        if (qr != null) {
            throw new CliException("--qr needs --odk");
        }
        EnrolmentCode code = admin.client().post("/enrolments", new EnrolmentRequest(study, site, enumerator),
                EnrolmentCode.class);
        admin.out.println("Enrolment code for " + code.enumerator() + " at " + code.site() + " (" + code.study()
                + "): " + code.code());
        admin.out.println("Valid once, until " + code.expiresAt());
    }

    private void odk() {
        OdkAppUser user = admin.client().post("/openrosa/app-users", new EnrolmentRequest(study, site, enumerator),
                OdkAppUser.class);
        admin.out.println("ODK Collect app user for " + user.enumerator() + " at " + user.site() + " (" + user.study()
                + "), shown only now:");
        admin.out.println("server URL: " + user.serverUrl());
        admin.out.println("username:   " + user.username());
        admin.out.println("password:   " + user.password());
        admin.out.println("settings QR payload: " + user.settings());
        if (qr != null) {
            try {
                java.nio.file.Files.writeString(qr, user.qrSvg());
            } catch (java.io.IOException e) {
                throw new CliException("cannot write " + qr + ": " + e.getMessage());
            }
            admin.out.println("QR code written to " + qr);
        }
        admin.out.println("If the phone is lost, revoke device " + user.deviceId() + " (console: Devices).");
    }
}
