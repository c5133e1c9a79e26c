package org.fieldsafe.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.fieldsafe.core.wire.IdentityPart;
import org.fieldsafe.core.wire.IdentityRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code admin identity}: a principal investigator reads one submission's identity part, for a stated reason. */
@Command(name = "identity", mixinStandardHelpOptions = true,
        description = {"Print the identity part (names, contacts) of one submission. Principal investigators only; "
                + "the server unlocks the identity key with your passphrase (FIELDSAFE_PASSPHRASE, or asked) for this "
                + "request only, and audits the read with its reason."})
final class IdentityCommand implements Runnable {
    @ParentCommand
    AdminCli admin;

    @Option(names = "--study", required = true, description = "Study id")
    private String study;

    @Option(names = "--submission", required = true, description = "Submission id")
    private String submission;

    @Option(names = "--reason", required = true, description = "withdrawal, recontact or data_correction")
    private String reason;

    @Override
    public void run() {
        if (!IdentityRequest.REASONS.contains(reason)) {
            throw new CliException("--reason must be one of " + String.join(", ", IdentityRequest.REASONS));
        }
        ApiClient client = admin.client();
        char[] passphrase = Passphrases.existing(admin.env, "identity");
        IdentityPart part;
        try {
            part = client.post("/studies/" + study + "/submissions/" + submission + "/identity",
                    new IdentityRequest(passphrase, reason), IdentityPart.class);
        } finally {
            Passphrases.wipe(passphrase);
        }
        admin.out.println("Identity part of submission " + part.submissionId() + " (" + part.study() + "), read for "
                + part.reason() + ":");
        try {
            admin.out.println(client.json().writerWithDefaultPrettyPrinter().writeValueAsString(part.identity()));
        } catch (JsonProcessingException e) {
            throw new CliException("Cannot print the identity part");
        }
    }
}
