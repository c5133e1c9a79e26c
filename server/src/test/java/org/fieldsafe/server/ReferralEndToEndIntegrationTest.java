package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.sync.Outcome;
import org.fieldsafe.client.sync.SyncProgress;
import org.fieldsafe.client.sync.SyncResult;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Referral on disclosure from the device to the officer, on the reference study: one interview whose answers
 * trigger the form's disclosure rules, one where the enumerator raises a disclosure by hand; both are sealed on the
 * device, synced, and each opens a case at KH-SVR that only KH-SVR's safeguarding officer sees (another site's
 * officer 404, coordinator and data manager 403, counts for the data manager); the officer opens the referral part
 * with the safeguarding key.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReferralEndToEndIntegrationTest {
    private static final String STUDY = "beyond-awareness";
    private static final TestApp APP = TestApp.onForms(Path.of("..", "forms"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final ObjectMapper JSON = JsonMappers.plain();

    @Test
    void ruleTriggeredAndHandRaisedDisclosures_syncAndOpenCasesSeenOnlyByTheSitesOfficer(@TempDir Path deviceHome,
                                                                                        @TempDir Path work)
            throws Exception {
        String admin = APP.adminToken();
        assertThat(APP.postStudyKeys(admin, STUDY, Envelopes.newStudyKeys()).statusCode())
                .isEqualTo(201);
        APP.createUser(admin, "enum-kh1", "enumerator", List.of("KH-SVR"));
        Map<String, String> passwords = new HashMap<>();
        passwords.put("officer-kh", APP.createUser(admin, "officer-kh", "safeguarding_officer", List.of("KH-SVR"))
                .password());
        passwords.put("officer-bd", APP.createUser(admin, "officer-bd", "safeguarding_officer", List.of("BD-DHK"))
                .password());
        passwords.put("coord", APP.createUser(admin, "coord", "coordinator", List.of()).password());
        passwords.put("dm", APP.createUser(admin, "dm", "data_manager", List.of()).password());
        String code = APP.enrolmentCode(admin, STUDY, "KH-SVR", "enum-kh1").code();
        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            client.enrol(URI.create(APP.baseUrl()), code, "kh-laptop-1");
            client.pull();
        }

        // 1: the answers trigger the form's rules (disclosure_check yes, an indicator); the respondent asks referral
        interview(deviceHome, work, InterviewSyncEndToEndIntegrationTest.answersFile("KH-SVR-RH-061", "Sreyneang Kheav",
                "first answer", "second answer", "third answer"));
        // 2: nothing in the answers triggers a rule; the enumerator raises a disclosure by hand
        ObjectNode byHand = (ObjectNode) JSON.readTree(InterviewSyncEndToEndIntegrationTest.answersFile(
                "KH-SVR-RH-062", "Bopha Lim", "first answer", "second answer", "third answer"));
        ObjectNode answers = (ObjectNode) byHand.path("respondents").path(0).path("answers");
        answers.put("disclosure_check", "no");
        answers.putArray("indicators").add("none");
        ObjectNode disclosure = (ObjectNode) byHand.path("disclosures").path(0);
        disclosure.put("category", "current_risk").put("urgency", "immediate").put("choice", "information_only");
        disclosure.remove("routes");
        disclosure.remove("contact"); // only refer records a way and time of contact
        interview(deviceHome, work, JSON.writeValueAsString(byHand));

        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            SyncResult result = client.sync(SyncProgress.NONE);
            assertThat(result.outcomes()).extracting(Outcome::kind).containsExactly(Outcome.Kind.SENT,
                    Outcome.Kind.SENT);
        }

        String officer = APP.login("officer-kh", passwords.get("officer-kh"));
        List<Map<String, Object>> cases = APP.read(APP.get("/studies/" + STUDY + "/referrals", officer),
                new TypeReference<>() {
                });
        assertThat(cases).hasSize(2).allSatisfy(c -> assertThat(c).containsEntry("site", "KH-SVR")
                .containsEntry("state", "new"));
        Map<String, Object> byRule = cases.stream().filter(c -> c.get("raisedBy").equals("rule")).findFirst()
                .orElseThrow();
        Map<String, Object> raised = cases.stream().filter(c -> c.get("raisedBy").equals("enumerator")).findFirst()
                .orElseThrow();
        assertThat(byRule).containsEntry("choice", "refer").containsEntry("urgency", "urgent");
        assertThat(raised).containsEntry("choice", "information_only").containsEntry("urgency", "immediate")
                .containsEntry("category", "current_risk");

        for (Map<String, Object> c : cases) {
            String path = "/referrals/" + c.get("id");
            assertThat(APP.get(path, officer).statusCode()).isEqualTo(200);
            assertThat(APP.get(path, APP.login("officer-bd", passwords.get("officer-bd"))).statusCode())
                    .isEqualTo(404);
            assertThat(APP.get(path, APP.login("coord", passwords.get("coord"))).statusCode()).isEqualTo(403);
            assertThat(APP.get(path, APP.login("dm", passwords.get("dm"))).statusCode()).isEqualTo(403);
        }
        assertThat(APP.get("/studies/" + STUDY + "/referrals", APP.login("officer-bd", passwords.get("officer-bd")))
                .body()).isEqualTo("[]");
        List<Map<String, Object>> counts = APP.read(APP.get("/studies/" + STUDY + "/referrals/counts",
                APP.login("dm", passwords.get("dm"))), new TypeReference<>() {
                });
        assertThat(counts.stream().filter(c -> c.get("site").equals("KH-SVR"))
                .mapToInt(c -> (Integer) c.get("cases")).sum()).isEqualTo(2);

        HttpResponse<String> part = APP.postJson("/referrals/" + byRule.get("id") + "/referral-part", officer,
                Map.of("passphrase", Envelopes.PASSPHRASE));
        assertThat(part.statusCode()).as(part.body()).isEqualTo(200);
        JsonNode referral = JSON.readTree(part.body()).get("referral");
        assertThat(referral.path("code").asText()).isEqualTo("KH-SVR-RH-061");
        assertThat(referral.path("choice").asText()).isEqualTo("refer");
        assertThat(referral.path("routes").path("kh-child-helpline").asBoolean()).isTrue();
        assertThat(referral.path("contact").path("how").asText()).isEqualTo("phone");
    }

    private static void interview(Path deviceHome, Path work, String answersFile) throws Exception {
        Path answers = work.resolve("answers.json");
        Files.writeString(answers, answersFile);
        InterviewSyncEndToEndIntegrationTest.interview(deviceHome, answers);
        Files.delete(answers);
    }
}
