package org.fieldsafe.server.cli;

import org.fieldsafe.core.wire.WithdrawalRequest;
import org.fieldsafe.core.wire.WithdrawalResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin withdraw}: records a respondent's withdrawal (principal investigators); the server crypto-shreds
 * every sealed part of theirs. Prints counts only, never the code.
 */
@Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = "Withdraw a respondent: crypto-shred every sealed part and attachment of their submissions "
                + "(principal investigators).")
final class WithdrawCommand implements Runnable {
    @ParentCommand
    private AdminCli admin;

    @Option(names = "--study", required = true, description = "Study id")
    private String study;

    @Option(names = "--respondent", required = true, description = "The respondent code (never printed)")
    private String respondent;

    @Override
    public void run() {
        ApiClient client = admin.client();
        WithdrawalResult result = client.post("/studies/" + study + "/withdrawals",
                new WithdrawalRequest(respondent), WithdrawalResult.class);
        admin.out.println("Withdrawal recorded in " + result.study() + " at " + result.withdrawnAt() + ": "
                + result.interviews() + " interview(s) and " + result.jointInterviews()
                + " joint interview(s) shredded (" + result.parts() + " sealed part(s), " + result.attachments()
                + " attachment(s)).");
    }
}
