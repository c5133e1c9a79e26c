package org.fieldsafe.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.fieldsafe.core.wire.CaseChange;
import org.fieldsafe.core.wire.CaseView;
import org.fieldsafe.core.wire.PartRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin referrals list|show|ack|refer|correct|close|end}: a safeguarding officer's referral cases, over
 * the same API routes and rules as any other client (only the officers of a case's site see it). Changes name the
 * case's version as {@code show} printed it; a case changed meanwhile is refused. {@code refer} and
 * {@code show --part} take the safeguarding passphrase (FIELDSAFE_PASSPHRASE_SAFEGUARDING, else asked): the server
 * opens the sealed referral part with it, to show it or to check the respondent's consent to the route (every
 * referral needs it). A referral recorded in error is taken back with {@code correct} (a reason code; audited).
 */
@Command(name = "referrals", mixinStandardHelpOptions = true,
        description = "Referral cases of your sites (safeguarding officers).")
final class ReferralsCommand implements Runnable {
    private static final String LINE = "%-36s %-7s %-16s %-9s %-16s %-17s %-20s %-20s %s%n";

    @ParentCommand
    AdminCli admin;

    @Override
    public void run() {
        throw new CliException("Missing command: list, show, ack, refer, correct, close or end (see admin referrals "
                + "--help)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the study's cases at your sites; "
            + "with --part also each case's consented routes and contact, opened from its sealed referral part.")
    void list(@Option(names = "--study", required = true, description = "Study id") String study,
              @Option(names = "--part", description = "Also open each case's referral part (asks the safeguarding "
                      + "passphrase once; every read is audited)") boolean part) {
        ApiClient client = admin.client();
        List<CaseView> cases = client.get("/studies/" + study + "/referrals",
                client.json().getTypeFactory().constructCollectionType(List.class, CaseView.class));
        if (cases.isEmpty()) {
            admin.out.println("No referral cases at your sites.");
            return;
        }
        char[] passphrase = part ? Passphrases.existing(admin.env, "safeguarding") : null;
        try {
            admin.out.printf(LINE, "CASE", "SITE", "CATEGORY", "URGENCY", "CHOICE", "STATE", "OPENED", "DEADLINE",
                    "VERSION");
            for (CaseView c : cases) {
                admin.out.printf(LINE, c.id(), c.site(), c.category(), c.urgency(), c.choice(), c.state()
                                + (c.referredService() == null ? "" : ":" + c.referredService()), c.openedAt(),
                        c.deadline() == null ? "-" : c.deadline(), c.version());
                if (part) {
                    admin.out.println("    " + partLine(client, c.id(), passphrase));
                }
            }
        } finally {
            Passphrases.wipe(passphrase);
        }
        if (!part) {
            admin.out.println("The routes the respondent consented to and how to contact them are sealed: "
                    + "'referrals list --part' or 'referrals show --case CASE --part'.");
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
        printPart(opened);
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
                    + "safeguarding passphrase: every service needs the respondent's consent to that route, read "
                    + "from the sealed referral part ('show --part' lists the consented routes).")
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

    @Command(name = "correct",
            description = "Take back a referral recorded in error (wrong service or date, ...): the case goes back to "
                    + "acknowledged as a new, audited change with the reason; refer it again to a consented service.")
    void correct(@Mixin Target target,
                 @Option(names = "--reason", required = true, description = "wrong_service, wrong_date, "
                         + "recorded_in_error, service_unavailable or other") String reason) {
        if (!CaseChange.CORRECTION_REASONS.contains(reason)) {
            throw new CliException("--reason must be one of " + String.join(", ", CaseChange.CORRECTION_REASONS));
        }
        change(target, new CaseChange("acknowledged", target.version, null, null, null, null, reason));
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
        admin.out.println("deadline:      " + (c.deadline() == null ? "none" : c.deadline())
                + " (acknowledge by, SLA for " + c.urgency() + ")");
        admin.out.println("routes:        sealed in the referral part (--part shows the consented routes and contact)");
        if (c.acknowledgedAt() != null) {
            admin.out.println("acknowledged:  " + c.acknowledgedAt() + " by " + c.acknowledgedBy());
        }
        if (c.referredService() != null) {
            admin.out.println("referred:      " + c.referredService() + " on " + c.referredOn() + " by "
                    + c.referredBy());
        }
        for (CaseView.Correction k : c.corrections()) {
            admin.out.println("corrected:     " + k.correctedAt() + " by " + k.correctedBy() + " (" + k.reason()
                    + "): took back " + k.fromState() + (k.fromService() == null ? "" : " to " + k.fromService())
                    + (k.fromDate() == null ? "" : " on " + k.fromDate()) + " (version " + k.version() + ")");
        }
        if (c.closedAt() != null) {
            admin.out.println("ended:         " + c.closedAt() + " by " + c.closedBy()
                    + (c.outcome() == null ? "" : " (" + c.outcome() + ")"));
        }
    }

    /** The opened part's essentials: consented routes with names, contact way and time, category and urgency. */
    /** The consented routes and contact of one case, or why its part did not open (e.g. the respondent withdrew). */
    private static String partLine(ApiClient client, String caseId, char[] passphrase) {
        try {
            CaseView.Part opened = client.post("/referrals/" + caseId + "/referral-part", new PartRequest(passphrase),
                    CaseView.Part.class);
            return routes(opened) + "; contact: " + opened.referral().path("contact").path("how").asText("-") + ", "
                    + opened.referral().path("contact").path("when").asText("-");
        } catch (CliException e) {
            return "referral part not opened: " + e.getMessage();
        }
    }

    private static String routes(CaseView.Part opened) {
        return "consented routes: " + (opened.consentedRoutes().isEmpty() ? "none"
                : String.join(", ", opened.consentedRoutes().entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList()));
    }

    private void printPart(CaseView.Part opened) {
        com.fasterxml.jackson.databind.JsonNode part = opened.referral();
        admin.out.println(routes(opened));
        admin.out.println("contact how:   " + part.path("contact").path("how").asText("-"));
        admin.out.println("contact when:  " + part.path("contact").path("when").asText("-"));
        admin.out.println("category:      " + part.path("category").asText("-") + ", urgency "
                + part.path("urgency").asText("-") + ", choice " + part.path("choice").asText("-"));
    }
}
