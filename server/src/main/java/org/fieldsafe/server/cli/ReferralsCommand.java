package org.fieldsafe.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.fieldsafe.server.referral.CaseChange;
import org.fieldsafe.server.referral.CaseView;
import org.fieldsafe.server.referral.PartRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin referrals list|show|ack|refer|close|end}: a safeguarding officer's referral cases, over
 * the same API routes and rules as any other client (only the officers of a case's site see it). Changes name the
 * case's version as {@code show} printed it; a case changed meanwhile is refused. {@code refer} and
 * {@code show --part} take the safeguarding passphrase (FIELDSAFE_PASSPHRASE_SAFEGUARDING, else asked): the server
 * opens the sealed referral part with it, to show it or to check the respondent's consent to a route that involves
 * the authorities.
 */
@Command(name = "referrals", mixinStandardHelpOptions = true,
        description = "Referral cases of your sites (safeguarding officers).")
final class ReferralsCommand implements Runnable {
    private static final String LINE = "%-36s %-7s %-16s %-9s %-16s %-17s %-20s %s%n";

    @ParentCommand
    AdminCli admin;

    @Override
    public void run() {
        throw new CliException("Missing command: list, show, ack, refer, close or end (see admin referrals --help)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the study's cases at your sites.")
    void list(@Option(names = "--study", required = true, description = "Study id") String study) {
        ApiClient client = admin.client();
        List<CaseView> cases = client.get("/studies/" + study + "/referrals",
                client.json().getTypeFactory().constructCollectionType(List.class, CaseView.class));
        if (cases.isEmpty()) {
            admin.out.println("No referral cases at your sites.");
            return;
        }
        admin.out.printf(LINE, "CASE", "SITE", "CATEGORY", "URGENCY", "CHOICE", "STATE", "OPENED", "VERSION");
        for (CaseView c : cases) {
            admin.out.printf(LINE, c.id(), c.site(), c.category(), c.urgency(), c.choice(), c.state(), c.openedAt(),
                    c.version());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one case; with --part also its sealed referral part (contact routes and how).")
    void show(@Option(names = "--case", required = true, description = "Case id") String id,
              @Option(names = "--part", description = "Also read the referral part (asks the safeguarding "
                      + "passphrase)") boolean part) {
        ApiClient client = admin.client();
        print(client.get("/referrals/" + id, client.json().constructType(CaseView.class)));
        if (!part) {
            return;
        }
        char[] passphrase = Passphrases.existing(admin.env, "safeguarding");
        CaseView.Part opened;
        try {
            opened = client.post("/referrals/" + id + "/referral-part", new PartRequest(passphrase),
                    CaseView.Part.class);
        } finally {
            Passphrases.wipe(passphrase);
        }
        admin.out.println("referral part:");
        try {
            admin.out.println(client.json().writerWithDefaultPrettyPrinter().writeValueAsString(opened.referral()));
        } catch (JsonProcessingException e) {
            throw new CliException("Cannot print the referral part");
        }
    }

    @Command(name = "ack", description = "Acknowledge a new case.")
    void ack(@Mixin Target target) {
        change(target, new CaseChange("acknowledged", target.version, null, null, null, null));
    }

    @Command(name = "refer",
            description = "Record the referral of an acknowledged case to a service of the site's directory. Asks the "
                    + "safeguarding passphrase: a service that involves the authorities needs the respondent's "
                    + "consent to it, read from the sealed referral part.")
    void refer(@Mixin Target target,
               @Option(names = "--service", required = true, description = "Service id of the site's referral "
                       + "directory") String service,
               @Option(names = "--date", required = true, description = "Date of the referral, yyyy-mm-dd")
               String date) {
        char[] passphrase = Passphrases.existing(admin.env, "safeguarding");
        try {
            change(target, new CaseChange("referred", target.version, service, date, null, passphrase));
        } finally {
            Passphrases.wipe(passphrase);
        }
    }

    @Command(name = "close", description = "Close a referred case with its outcome.")
    void close(@Mixin Target target,
               @Option(names = "--outcome", required = true, description = "support_received, service_declined, "
                       + "respondent_declined, respondent_unreachable or other") String outcome) {
        if (!CaseChange.OUTCOMES.contains(outcome)) {
            throw new CliException("--outcome must be one of " + String.join(", ", CaseChange.OUTCOMES));
        }
        change(target, new CaseChange("closed", target.version, null, null, outcome, null));
    }

    @Command(name = "end",
            description = "End a new or acknowledged case as the respondent chose: information given, or declined.")
    void end(@Mixin Target target,
             @Option(names = "--as", required = true, description = "information_given or declined") String as) {
        if (!List.of("information_given", "declined").contains(as)) {
            throw new CliException("--as must be information_given or declined");
        }
        change(target, new CaseChange(as, target.version, null, null, null, null));
    }

    /**
     * The case a change is for and the version of it that was seen (the change commands have --help from here: the
     * standard --version, the program's, would clash).
     */
    static final class Target {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = "--case", required = true, description = "Case id")
        String id;

        @Option(names = "--version", required = true,
                description = "The case's version as shown (refused if it changed since)")
        int version;
    }

    private void change(Target target, CaseChange change) {
        CaseView changed = admin.client().post("/referrals/" + target.id + "/state", change, CaseView.class);
        admin.out.println("Case " + changed.id() + " is now " + changed.state() + " (version " + changed.version()
                + ").");
    }

    private void print(CaseView c) {
        admin.out.println("case:          " + c.id());
        admin.out.println("study, site:   " + c.study() + ", " + c.site());
        admin.out.println("submission:    " + c.submissionId());
        admin.out.println("category:      " + c.category() + " (" + c.urgency() + ", raised by " + c.raisedBy() + ")");
        admin.out.println("choice:        " + c.choice());
        admin.out.println("state:         " + c.state() + " (version " + c.version() + "; next: "
                + (c.next().isEmpty() ? "none" : String.join(", ", c.next())) + ")");
        admin.out.println("opened:        " + c.openedAt() + (c.escalatedAt() == null ? ""
                : " (escalated " + c.escalatedAt() + ")"));
        if (c.acknowledgedAt() != null) {
            admin.out.println("acknowledged:  " + c.acknowledgedAt() + " by " + c.acknowledgedBy());
        }
        if (c.referredService() != null) {
            admin.out.println("referred:      " + c.referredService() + " on " + c.referredOn() + " by "
                    + c.referredBy());
        }
        if (c.closedAt() != null) {
            admin.out.println("ended:         " + c.closedAt() + " by " + c.closedBy()
                    + (c.outcome() == null ? "" : " (" + c.outcome() + ")"));
        }
    }
}
