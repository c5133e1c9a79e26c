package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.app.Browser;
import org.fieldsafe.server.export.SealedInterviews;
import org.fieldsafe.server.referral.ReferralFixtures;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The data the whole-console checks (the DOM sweep, the keyboard pass) open every screen over: a person of every
 * office role (and an enumerator, and the officer of another site), plain interviews, and one disclosing interview
 * whose research answer, identity part (name, address), referral part (contact) and respondent code each carry a
 * distinctive string; an export the data manager ran; the ids the routes' {@code :name} parts are filled with.
 */
final class ConsoleSweepData implements BeforeAllCallback, AfterAllCallback {
    static final String CODE = "KH-SVR-RH-187";
    static final String ANSWER = "Zqsweep marigold river answer";
    static final String PLAIN_ANSWER = "Zqplain heron answer";
    static final String NAME = "Zqsweep Chanthou Name";
    static final String ADDRESS = "Zqsweep Lotus Lane";
    static final String CONTACT = "Zqsweep ring the aunt at dusk";
    /** What no screen may show (the code, name, address and contact only where {@link #allowedOn} says). */
    static final List<String> SECRETS = List.of(CODE, ANSWER, PLAIN_ANSWER, NAME, ADDRESS, CONTACT);

    /** The roles of the sweep: the wire's, with the officer of another site (BD-DHK) beside KH-SVR's. */
    static final List<String> ROLES = List.of("admin", "coordinator", "enumerator", "safeguarding_officer",
            "other_site_officer", "data_manager", "principal_investigator");

    final TestApp app;
    /** The test class's Chromium, when this is its extension. */
    Browser browser;
    final UploadFixture uploads;
    final Map<String, String> passwords = new LinkedHashMap<>();
    String submissionId;
    String caseId;
    String exportId;
    String auditSeq;

    ConsoleSweepData(TestApp app) {
        this.app = app;
        this.uploads = new UploadFixture(app);
    }


    /**
     * As a test class's extension (after the server's, so registered on a field): seeds the data and starts the
     * class's one Chromium before its tests, closes it after them.
     */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        seed();
        browser = Browser.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
    }

    /** Who logs in for a role of {@link #ROLES}. */
    static String login(String role) {
        return role.equals("admin") ? "admin" : "sw-" + role.replace('_', '-');
    }

    /** The role as routes.js names it (the other site's officer is a safeguarding officer). */
    static String wireRole(String role) {
        return role.equals("other_site_officer") ? "safeguarding_officer" : role;
    }

    void seed() throws InterruptedException {
        uploads.setUp();
        passwords.put("admin", TestApp.ADMIN_PASSWORD);
        user("coordinator", List.of());
        user("enumerator", List.of("KH-SVR"));
        user("safeguarding_officer", List.of("KH-SVR"));
        user("other_site_officer", List.of("BD-DHK"));
        user("data_manager", List.of());
        user("principal_investigator", List.of());
        for (int i = 1; i <= 6; i++) {
            assertThat(uploads.put(SealedInterviews.interview(uploads, "KH-SVR-RH-" + (110 + i), "RH", 20 + i,
                    PLAIN_ANSWER + " " + i)).statusCode()).isEqualTo(201);
        }
        ObjectNode tree = Envelopes.valid(uploads.target, uploads.codeHash(CODE));
        Envelopes.set(tree, "header.triage", new SubmissionHeader.Triage("current_risk", "urgent", "refer", false));
        Map<String, Object> referral = new LinkedHashMap<>();
        referral.put("code", CODE);
        referral.put("category", "current_risk");
        referral.put("urgency", "urgent");
        referral.put("choice", "refer");
        referral.put("routes", Map.of("kh-shelter", true));
        referral.put("contact", Map.of("how", CONTACT, "when", "evenings"));
        try {
            submissionId = uploads.putSealed(tree, Map.of(
                    Envelope.RESEARCH, app.json.writeValueAsBytes(Map.of("form", "interview", "language", "en",
                            "respondents", List.of(Map.of("code", CODE, "category", "RH", "consent", Map.of(),
                                    "answers", Map.of("age", 30, "q_meaning", ANSWER))))),
                    Envelope.IDENTITY, app.json.writeValueAsBytes(Map.of("respondents", List.of(Map.of("code", CODE,
                            "answers", Map.of("full_name", NAME, "address", ADDRESS))))),
                    Envelope.REFERRAL, app.json.writeValueAsBytes(referral)), uploads.device.deviceToken());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        caseId = ReferralFixtures.caseId(app, submissionId);
        exportId = export();
        JsonNode audit = app.read(app.get("/audit?limit=1", uploads.admin), JsonNode.class);
        auditSeq = audit.get("entries").get(0).get("seq").asText();
    }

    /** The route's path with its {@code :name} parts filled with the seeded data's ids. */
    String address(String path) {
        if (!path.contains(":")) {
            return path;
        }
        Map<String, String> ids = params().get(path);
        assertThat(ids).as("ConsoleSweepData.params() has no ids for the route " + path + ": add them").isNotNull();
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            parts.add(part.startsWith(":") ? ids.get(part.substring(1)) : part);
        }
        return String.join("/", parts);
    }

    /** The ids a route's {@code :name} parts are filled with, by route path; a route not here fails the sweep. */
    private Map<String, Map<String, String>> params() {
        return Map.of("admin/audit/:seq", Map.of("seq", auditSeq),
                "officer/cases/:id", Map.of("id", caseId),
                "data/exports/:id", Map.of("id", exportId),
                "data/exports/:id/review", Map.of("id", exportId),
                "users/:username", Map.of("username", login("enumerator")),
                "coordinator/directory/:site", Map.of("site", "KH-SVR"),
                "transcriber/desk/:submission/:kind/:language", Map.of("submission", submissionId,
                        "kind", "transcript", "language", "km"));
    }

    String password(String role) {
        return passwords.get(role);
    }

    private void user(String role, List<String> sites) {
        passwords.put(role, app.createUser(uploads.admin, login(role), wireRole(role), sites).password());
    }

    private String export() throws InterruptedException {
        String dm = app.login(login("data_manager"), password("data_manager"));
        HttpResponse<String> started = app.postJson("/studies/" + TestApp.STUDY + "/exports", dm,
                Map.of("passphrase", Envelopes.PASSPHRASE, "formats", List.of("long")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = app.read(started, JsonNode.class).get("id").asText();
        for (int i = 0; i < 300; i++) {
            String state = app.read(app.get("/exports/" + id, dm), JsonNode.class).get("state").asText();
            if (state.equals("done")) {
                return id;
            }
            assertThat(state).isIn("queued", "running");
            Thread.sleep(100);
        }
        throw new AssertionError("the export did not finish");
    }
}
