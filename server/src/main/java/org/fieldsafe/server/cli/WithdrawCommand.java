package org.fieldsafe.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.fieldsafe.core.wire.WithdrawalPreview;
import org.fieldsafe.core.wire.WithdrawalRequest;
import org.fieldsafe.core.wire.WithdrawalResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin withdraw}: records a respondent's withdrawal (principal investigators); the server crypto-shreds
 * every sealed part of theirs. First shows what would be shredded (the server checks the code against the study's
 * pattern and counts; the code goes in a request body, never a URL), then asks for the code again (or
 * {@code --yes}); a code no submission names is refused unless {@code --not-yet-received}. Prints counts only,
 * never the code.
 */
@Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = {"Withdraw a respondent: crypto-shred every sealed part and attachment of their submissions "
                + "(principal investigators).",
                "Shows what will be shredded and asks you to type the code again (--yes skips the question, for "
                        + "scripts). A code with no submission is refused unless --not-yet-received.",
                "OpenRosa (ODK Collect) submissions are found once a holder of the study's ODK key has opened them "
                        + "(an export does); while some are not, the withdrawal is refused with their count: a holder "
                        + "of the ODK key adds --odk-key (passphrase from FIELDSAFE_PASSPHRASE_ODK or asked)."})
final class WithdrawCommand implements Runnable {
    @ParentCommand
    private AdminCli admin;

    @Option(names = "--study", required = true, description = "Study id")
    private String study;

    @Option(names = "--respondent", required = true, description = "The respondent code (never printed)")
    private String respondent;

    @Option(names = "--yes", description = "Do not ask for the code again (scripts)")
    private boolean yes;

    @Option(names = "--not-yet-received", description = "The respondent withdrew before any interview of theirs "
            + "synced: record the withdrawal anyway; a later upload is refused and reported to the coordinators "
            + "('admin notices')")
    private boolean notYetReceived;

    @Option(names = "--odk-key", description = "Unlock your copy of the study's ODK key for this request so the "
            + "server can tell whose OpenRosa submissions no key holder has opened yet (passphrase from "
            + "FIELDSAFE_PASSPHRASE_ODK or asked)")
    private boolean odkKey;

    @Override
    public void run() {
        ApiClient client = admin.client();
        WithdrawalRequest check = new WithdrawalRequest(respondent, notYetReceived ? Boolean.TRUE : null);
        WithdrawalPreview preview = client.post("/studies/" + study + "/withdrawals/preview", check,
                WithdrawalPreview.class);
        char[] passphrase = odkKey ? Passphrases.existing(admin.env, "odk") : null;
        try {
            withdraw(client, preview, new WithdrawalRequest(respondent, check.notYetReceived(), passphrase));
        } finally {
            Passphrases.wipe(passphrase);
        }
    }

    private void withdraw(ApiClient client, WithdrawalPreview preview, WithdrawalRequest request) {
        if (preview.openRosaUnindexed() > 0 && !odkKey) {
            throw new CliException(preview.openRosaUnindexed() + " ODK Collect (OpenRosa) submission(s) of this study "
                    + "have not been opened by a holder of the study's ODK key yet, so whose they are is not known; "
                    + "nothing was withdrawn. Add --odk-key if you hold that key, or have a data manager run an "
                    + "export first (it indexes them), then ask again.");
        }
        if (preview.received() == 0 && preview.openRosa() == 0 && !preview.alreadyWithdrawn() && !notYetReceived
                && !odkKey) {
            throw new CliException("No interview with this respondent code has been received; nothing was withdrawn. "
                    + "Check the code; if the respondent withdrew before their interview synced, add "
                    + "--not-yet-received.");
        }
        admin.out.println(describe(preview));
        if (!yes) {
            confirm();
        }
        WithdrawalResult result = client.post("/studies/" + study + "/withdrawals", request, WithdrawalResult.class);
        admin.out.println("Withdrawal recorded in " + result.study() + " at " + result.withdrawnAt() + ": "
                + result.interviews() + " interview(s) and " + result.jointInterviews()
                + " joint interview(s) shredded (" + result.parts() + " sealed part(s), " + result.attachments()
                + " attachment(s))" + (result.openRosa() > 0 ? "; " + result.openRosa() + " OpenRosa submission(s) "
                + "deleted." : ".") + (preview.received() == 0 && notYetReceived
                ? " No interview has been received yet; one that arrives later is refused and reported to the "
                + "coordinators." : ""));
    }

    private String describe(WithdrawalPreview p) {
        if (p.received() == 0 && p.openRosa() == 0) {
            return "No interview with this code has been received yet"
                    + (p.alreadyWithdrawn() ? "; a withdrawal is recorded already." : ".");
        }
        return "This will crypto-shred, for good: " + p.interviews() + " interview(s) and " + p.jointInterviews()
                + " joint interview(s) (the other respondent's answers too), " + p.parts() + " sealed part(s) of which "
                + p.identityParts() + " identity part(s), " + p.attachments() + " recording(s); " + p.openCases()
                + " open referral case(s) lose their referral part."
                + (p.openRosa() > 0 ? " " + p.openRosa() + " OpenRosa submission(s) are deleted." : "")
                + (p.alreadyWithdrawn() ? " (A withdrawal of this code is recorded already.)" : "");
    }

    /** Asks for the code again on standard input; a mismatch or no answer aborts with nothing written. */
    private void confirm() {
        admin.out.print("Type the respondent code again to confirm: ");
        admin.out.flush();
        String typed;
        try {
            typed = new BufferedReader(new InputStreamReader(admin.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            typed = null;
        }
        admin.out.println();
        if (typed == null || !MessageDigest.isEqual(typed.trim().getBytes(StandardCharsets.UTF_8),
                respondent.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new CliException("The code typed again does not match; nothing was withdrawn.");
        }
    }
}
