package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.referral.ReferralFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code admin referrals list|show|ack|refer|close|end} against a running server, with the API's rules. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReferralsCliIntegrationTest {
    private static final TestApp APP = TestApp.onForms(ReferralFixtures.formsWithPolice());
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture FIXTURE = new UploadFixture(APP);
    private static final String CONTACT = "Ask for Srey Mom at the market stall";
    private static final Map<String, String> PASSWORDS = new HashMap<>();

    @BeforeAll
    static void setUp() {
        FIXTURE.setUp();
        PASSWORDS.put("cli-officer", APP.createUser(FIXTURE.admin, "cli-officer", "safeguarding_officer",
                List.of("KH-SVR")).password());
        PASSWORDS.put("cli-officer-bd", APP.createUser(FIXTURE.admin, "cli-officer-bd", "safeguarding_officer",
                List.of("BD-DHK")).password());
        PASSWORDS.put("cli-dm", APP.createUser(FIXTURE.admin, "cli-dm", "data_manager", List.of()).password());
    }

    private static CliRun admin(String user, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("FIELDSAFE_SERVER", APP.baseUrl());
        env.put("FIELDSAFE_USER", user);
        env.put("FIELDSAFE_PASSWORD", PASSWORDS.get(user));
        return CliRun.of(env, args);
    }

    private static String upload(String code, Map<String, Boolean> routes) {
        String submission = ReferralFixtures.upload(FIXTURE, FIXTURE.target, FIXTURE.device.deviceToken(), code,
                "refer", "urgent", false, routes, CONTACT);
        return ReferralFixtures.caseId(APP, submission);
    }

    @Test
    void officer_listsShowsAcknowledgesRefersAndCloses_eachChangeStored() {
        String id = upload("KH-SVR-RH-201", Map.of("kh-shelter", true));
        Map<String, String> none = Map.of();

        CliRun list = admin("cli-officer", none, "referrals", "list", "--study", TestApp.STUDY);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains(id).contains("KH-SVR").contains("urgent").contains("new")
                .doesNotContain(CONTACT).doesNotContain("KH-SVR-RH-201");

        CliRun show = admin("cli-officer", none, "referrals", "show", "--case", id);
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("state:         new (version 1; next: acknowledged, declined, "
                + "information_given)").doesNotContain(CONTACT);

        CliRun ack = admin("cli-officer", none, "referrals", "ack", "--case", id, "--version", "1");
        assertThat(ack.exit()).as(ack.err()).isZero();
        assertThat(ack.out()).contains("is now acknowledged (version 2)");

        CliRun stale = admin("cli-officer", none, "referrals", "ack", "--case", id, "--version", "1");
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(stale.err()).startsWith("error: ").contains("changed since");

        Map<String, String> passphrase = Map.of("FIELDSAFE_PASSPHRASE_SAFEGUARDING", Envelopes.PASSPHRASE);
        CliRun refer = admin("cli-officer", passphrase, "referrals", "refer", "--case", id, "--version", "2",
                "--service", "kh-shelter", "--date", "2026-03-01");
        assertThat(refer.exit()).as(refer.err()).isZero();
        assertThat(refer.out()).contains("is now referred (version 3)");

        CliRun badOutcome = admin("cli-officer", none, "referrals", "close", "--case", id, "--version", "3",
                "--outcome", "she is fine");
        assertThat(badOutcome.exit()).isEqualTo(1);
        assertThat(badOutcome.err()).contains("--outcome must be one of");
        CliRun close = admin("cli-officer", none, "referrals", "close", "--case", id, "--version", "3",
                "--outcome", "support_received");
        assertThat(close.exit()).as(close.err()).isZero();
        assertThat(APP.count("referral_cases", "id = '" + id + "' AND state = 'closed' AND outcome = "
                + "'support_received' AND referred_service = 'kh-shelter' AND version = 4")).isOne();
    }

    @Test
    void caseShow_listsConsentedRoutesContactDeadline() {
        String id = upload("KH-SVR-RH-203", Map.of("kh-shelter", true, "kh-police", false));
        String opened = APP.services().database().read(h -> h.createQuery("SELECT opened_at FROM referral_cases "
                + "WHERE id = :id").bind("id", id).mapTo(java.time.Instant.class).one()).toString();
        String deadline = java.time.Instant.parse(opened).plus(java.time.Duration.ofHours(24)).toString();

        CliRun list = admin("cli-officer", Map.of(), "referrals", "list", "--study", TestApp.STUDY);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("DEADLINE").contains(deadline).contains("current_risk").contains("urgent")
                .contains("show --case CASE --part").doesNotContain(CONTACT);

        CliRun show = admin("cli-officer", Map.of(), "referrals", "show", "--case", id);
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("deadline:      " + deadline + " (acknowledge by, SLA for urgent)")
                .contains("category:      current_risk (urgent, raised by rule)").doesNotContain(CONTACT);

        Map<String, String> passphrase = Map.of("FIELDSAFE_PASSPHRASE_SAFEGUARDING", Envelopes.PASSPHRASE);
        CliRun listed = admin("cli-officer", passphrase, "referrals", "list", "--study", TestApp.STUDY, "--part");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(deadline).contains("    consented routes: kh-shelter (Safe house); contact: "
                + CONTACT + ", evenings").doesNotContain("kh-police (");

        CliRun part = admin("cli-officer", passphrase, "referrals", "show", "--case", id, "--part");
        assertThat(part.exit()).as(part.err()).isZero();
        assertThat(part.out()).contains("consented routes: kh-shelter (Safe house)")
                .doesNotContain("consented routes: kh-police").doesNotContain("kh-police (")
                .contains("contact how:   " + CONTACT).contains("contact when:  evenings")
                .contains("deadline:      " + deadline);
    }

    @Test
    void refer_toPoliceWithoutConsent_refused_andPartShownOnlyToTheSitesOfficer() {
        String id = upload("KH-SVR-RH-202", Map.of("kh-police", false));
        Map<String, String> passphrase = Map.of("FIELDSAFE_PASSPHRASE_SAFEGUARDING", Envelopes.PASSPHRASE);
        assertThat(admin("cli-officer", Map.of(), "referrals", "ack", "--case", id, "--version", "1").exit())
                .isZero();
        CliRun police = admin("cli-officer", passphrase, "referrals", "refer", "--case", id, "--version", "2",
                "--service", "kh-police", "--date", "2026-03-01");
        assertThat(police.exit()).isEqualTo(1);
        assertThat(police.err()).startsWith("error: ").contains("did not consent");
        assertThat(APP.count("referral_cases", "id = '" + id + "' AND state = 'acknowledged' AND version = 2"))
                .isOne();

        CliRun part = admin("cli-officer", passphrase, "referrals", "show", "--case", id, "--part");
        assertThat(part.exit()).as(part.err()).isZero();
        assertThat(part.out()).contains("referral part:").contains(CONTACT).contains("KH-SVR-RH-202")
                .doesNotContain(Envelopes.PASSPHRASE);

        CliRun otherSite = admin("cli-officer-bd", passphrase, "referrals", "show", "--case", id, "--part");
        assertThat(otherSite.exit()).isEqualTo(1);
        assertThat(otherSite.err()).contains("not found").doesNotContain(CONTACT);
        CliRun dm = admin("cli-dm", passphrase, "referrals", "show", "--case", id);
        assertThat(dm.exit()).isEqualTo(1);
        assertThat(dm.err()).contains("safeguarding officers");
        CliRun missing = admin("cli-officer", Map.of(), "referrals", "refer", "--case", id, "--version", "2");
        assertThat(missing.exit()).isNotZero();

        CliRun help = CliRun.of(Map.of(), "referrals", "refer", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--version").contains("--service").contains("--date");

        CliRun wrongEnd = admin("cli-officer", Map.of(), "referrals", "end", "--case", id, "--version", "2", "--as",
                "closed");
        assertThat(wrongEnd.exit()).isEqualTo(1);
        assertThat(wrongEnd.err()).contains("--as must be information_given or declined");
        CliRun declined = admin("cli-officer", Map.of(), "referrals", "end", "--case", id, "--version", "2", "--as",
                "declined");
        assertThat(declined.exit()).as(declined.err()).isZero();
        assertThat(APP.count("referral_cases", "id = '" + id + "' AND state = 'declined' AND closed_by = "
                + "'cli-officer' AND version = 3")).isOne();
    }
}
