package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.core.wire.FormVersionInfo;
import org.fieldsafe.core.wire.ProgressTimeline;
import org.fieldsafe.core.wire.TranslationChanges;
import org.fieldsafe.core.wire.TranslationCoverageRow;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The endpoints the console's coordinator screens need (issue 16): form upload problems with file, line and field;
 * interviews over time per site; translation coverage and the translator round trip; the enrolment code's QR code.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CoordinatorApiIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final String S = "/studies/" + TestApp.STUDY;

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
    }

    @Test
    @SuppressWarnings("unchecked")
    void upload_badYaml_422ListsEveryErrorWithFileLineAndField() {
        String admin = admin();
        String yaml = TestApp.formYaml("broken_form", "interview", "Broken")
                + "  - {id: q_two, type: txt, label: {en: \"Two\"}}\n";
        HttpResponse<String> response = postNamed(S + "/forms", admin, "application/yaml", "broken.yaml", yaml);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<String, Object> problem = APP.problem(response);
        assertThat(problem).containsEntry("type", "urn:fieldsafe:problem:form-invalid");
        assertThat((String) problem.get("detail")).startsWith("broken.yaml:7: questions[1].type: ");
        assertThat(problem.get("errors")).asList().singleElement().satisfies(e -> assertThat((Map<String, Object>) e)
                .containsEntry("file", "broken.yaml").containsEntry("line", 7)
                .containsEntry("field", "questions[1].type"));
        assertThat(APP.count("form_versions", "form_id = 'broken_form'")).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void upload_fileNameNotPlain_problemsNamedUpload() {
        String admin = admin();
        HttpResponse<String> response = postNamed(S + "/forms", admin, "application/yaml", "../etc/<b>.yaml",
                "id: x\nkind: consent\nbogus: 1\n");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(APP.problem(response).get("errors")).asList().allSatisfy(e ->
                assertThat((Map<String, Object>) e).containsEntry("file", "upload"));
    }

    @Test
    void timeline_daysAndWeeks_countsPerSiteWithEmptyBucketsBetween() {
        DeviceEnrolment dhaka = UPLOADS.enrol("enum-tl", "BD-DHK");
        APP.clock.advance(Duration.ofDays(10));
        upload(UPLOADS.device, UPLOADS.target, "KH-SVR-RH-101");
        upload(UPLOADS.device, UPLOADS.target, "KH-SVR-RH-102");
        APP.clock.advance(Duration.ofDays(2));
        upload(dhaka, UPLOADS.targetOf(dhaka), "BD-DHK-RH-101");
        String admin = admin();

        ProgressTimeline days = APP.read(APP.get(S + "/progress/timeline?bucket=day", admin),
                ProgressTimeline.class);
        assertThat(days.sites()).containsExactly("KH-SVR", "BD-DHK");
        assertThat(days.buckets()).containsExactly(
                new ProgressTimeline.Bucket("2026-03-11", Map.of("KH-SVR", 2, "BD-DHK", 0)),
                new ProgressTimeline.Bucket("2026-03-12", Map.of("KH-SVR", 0, "BD-DHK", 0)),
                new ProgressTimeline.Bucket("2026-03-13", Map.of("KH-SVR", 0, "BD-DHK", 1)));

        ProgressTimeline weeks = APP.read(APP.get(S + "/progress/timeline?bucket=week", admin),
                ProgressTimeline.class);
        assertThat(weeks.buckets()).containsExactly(
                new ProgressTimeline.Bucket("2026-03-09", Map.of("KH-SVR", 2, "BD-DHK", 1)));
        assertThat(weeks.bucket()).isEqualTo("week");

        HttpResponse<String> bad = APP.get(S + "/progress/timeline?bucket=month", admin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(APP.problem(bad)).containsEntry("type", "urn:fieldsafe:problem:bucket-invalid");
        assertThat(APP.get("/studies/nope/progress/timeline", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void translations_coverage_perFormAndLanguage() {
        String admin = admin();
        List<TranslationCoverageRow> rows = APP.read(APP.get(S + "/translations", admin),
                new TypeReference<List<TranslationCoverageRow>>() { });

        assertThat(rows).filteredOn(r -> r.formId().equals("consent"))
                .extracting(TranslationCoverageRow::language).containsExactlyInAnyOrder("en", "km", "bn");
        TranslationCoverageRow en = row(rows, "consent", "en");
        assertThat(en.state()).isEqualTo("complete");
        assertThat(en.translated()).isEqualTo(en.total()).isPositive();
        assertThat(en.interviews()).isEqualTo("allowed");
        TranslationCoverageRow bn = row(rows, "interview", "bn");
        assertThat(bn.state()).isEqualTo("missing");
        assertThat(bn.translated()).isZero();
        assertThat(bn.interviews()).isEqualTo("refused");
    }

    @Test
    void translationRoundTrip_csv_previewWritesNothingThenApplyStoresDraftVersion() {
        String admin = admin();
        String base = S + "/translations/consent/versions/1/bn";
        HttpResponse<String> template = APP.get(base + "?format=csv", admin);
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(template.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("consent-v1-bn.csv");
        String[] lines = template.body().split("\n");
        assertThat(lines[0]).isEqualTo("key,master,translation");
        String firstKey = lines[1].substring(0, lines[1].indexOf(','));
        String filled = lines[0] + "\n" + firstKey + ",x,\"অনুবাদ\"\n";
        int versionsBefore = APP.count("form_versions", "form_id = 'consent'");
        int auditBefore = APP.count("audit_log");

        HttpResponse<String> previewed = APP.send("POST", base + "/preview", admin, "text/csv", filled);
        assertThat(previewed.statusCode()).as(previewed.body()).isEqualTo(200);
        TranslationChanges preview = APP.read(previewed, TranslationChanges.class);
        assertThat(preview.added()).containsExactly(new TranslationChanges.Change(firstKey, null, "অনুবাদ"));
        assertThat(preview.stateBefore()).isEqualTo("missing");
        assertThat(preview.stateAfter()).isEqualTo("draft");
        assertThat(preview.translatedAfter()).isEqualTo(1);
        assertThat(preview.stored()).isNull();
        assertThat(APP.count("form_versions", "form_id = 'consent'")).isEqualTo(versionsBefore);
        assertThat(APP.count("audit_log")).isEqualTo(auditBefore);

        HttpResponse<String> applied = APP.send("POST", base, admin, "text/csv", filled);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        TranslationChanges done = APP.read(applied, TranslationChanges.class);
        FormVersionInfo stored = done.stored();
        assertThat(stored.state()).isEqualTo("draft");
        assertThat(stored.version()).isEqualTo(versionsBefore + 1);
        assertThat(stored.sha256()).isEqualTo(preview.sha256());
        assertThat(stored.languages()).containsEntry("bn", "draft").containsEntry("km", "draft");
        assertThat(APP.lastAuditSubject("form.translation.imported"))
                .contains("form:consent", "from-version:1", "language:bn", "state:draft");

        HttpResponse<String> again = APP.send("POST", base, admin, "text/csv", filled);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(APP.read(again, TranslationChanges.class).stored().version()).isEqualTo(stored.version());
    }

    @Test
    void translationRoundTrip_xliff_templateReadBackUnchanged() {
        String admin = admin();
        String base = S + "/translations/consent/versions/1/km";
        HttpResponse<String> template = APP.get(base + "?format=xliff", admin);
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.body()).contains("<xliff", "target-language=\"km\"");

        HttpResponse<String> previewed = APP.send("POST", base + "/preview", admin,
                "application/xliff+xml", template.body());
        assertThat(previewed.statusCode()).as(previewed.body()).isEqualTo(200);
        TranslationChanges preview = APP.read(previewed, TranslationChanges.class);
        assertThat(preview.added()).isEmpty();
        assertThat(preview.changed()).isEmpty();
        assertThat(preview.removed()).isEmpty();
        assertThat(preview.unchanged()).isPositive();
        assertThat(preview.stateAfter()).isEqualTo(preview.stateBefore());
    }

    @Test
    void translationImport_badInput_422AndNothingWritten() {
        String admin = admin();
        String base = S + "/translations/consent/versions/1/bn";
        int versionsBefore = APP.count("form_versions");
        HttpResponse<String> unknownKey = APP.send("POST", base, admin, "text/csv",
                "key,master,translation\nnot_a_key,x,y\n");
        assertThat(unknownKey.statusCode()).isEqualTo(422);
        assertThat(APP.problem(unknownKey)).containsEntry("type", "urn:fieldsafe:problem:translation-invalid");
        assertThat((String) APP.problem(unknownKey).get("detail")).contains("not_a_key");

        HttpResponse<String> completeWithGaps = APP.send("POST", base + "?state=complete", admin,
                "text/csv", "key,master,translation\ntitle,x,y\n");
        assertThat(completeWithGaps.statusCode()).isEqualTo(422);
        assertThat(APP.problem(completeWithGaps)).containsEntry("type", "urn:fieldsafe:problem:form-invalid");
        assertThat(APP.problem(completeWithGaps).get("errors")).asList().isNotEmpty();

        HttpResponse<String> badState = APP.send("POST", base + "?state=final", admin, "text/csv",
                "key,master,translation\ntitle,x,y\n");
        assertThat(badState.statusCode()).isEqualTo(422);

        HttpResponse<String> notXml = APP.send("POST", base, admin, "application/xliff+xml", "<nope");
        assertThat(notXml.statusCode()).isEqualTo(422);
        assertThat(APP.problem(notXml)).containsEntry("type", "urn:fieldsafe:problem:translation-invalid");

        HttpResponse<String> master = APP.send("POST", S + "/translations/consent/versions/1/en",
                admin, "text/csv", "key,master,translation\ntitle,x,y\n");
        assertThat(master.statusCode()).isEqualTo(404);
        assertThat(APP.count("form_versions")).isEqualTo(versionsBefore);
    }

    @Test
    @SuppressWarnings("unchecked")
    void translationImport_unknownKeyOrUnreadableRow_422NamesTheLineOfTheUploadedFile() {
        String admin = admin();
        String base = S + "/translations/consent/versions/1/bn";
        int versionsBefore = APP.count("form_versions");
        HttpResponse<String> unknownKey = postNamed(base + "/preview", admin, "text/csv", "consent-bn.csv",
                "key,master,translation\ntitle,x,y\nnot_a_key,x,y\n");

        assertThat(unknownKey.statusCode()).isEqualTo(422);
        Map<String, Object> problem = APP.problem(unknownKey);
        assertThat(problem).containsEntry("type", "urn:fieldsafe:problem:translation-invalid")
                .containsEntry("title", "Translation not valid");
        assertThat((String) problem.get("detail")).contains("not_a_key");
        assertThat(problem.get("errors")).asList().singleElement().satisfies(e -> assertThat((Map<String, Object>) e)
                .containsEntry("file", "consent-bn.csv").containsEntry("line", 3).containsEntry("field", "not_a_key"));

        HttpResponse<String> noKey = APP.send("POST", base, admin, "text/csv",
                "key,master,translation\ntitle,x,y\n,x,y\n");
        assertThat(noKey.statusCode()).isEqualTo(422);
        assertThat(APP.problem(noKey).get("errors")).asList().singleElement()
                .satisfies(e -> assertThat((Map<String, Object>) e).containsEntry("file", "upload")
                        .containsEntry("line", 3));
        assertThat(APP.count("form_versions")).isEqualTo(versionsBefore);
    }

    @Test
    @SuppressWarnings("unchecked")
    void outline_coordinator_sitesWithCountryAndLanguagesAndFormTitles() {
        org.fieldsafe.core.wire.NewUser user = APP.createUser(admin(), "outline-coord", "coordinator", List.of());
        String coordinator = APP.login(user.username(), user.password());
        HttpResponse<String> response = APP.get(S + "/outline", coordinator);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> outline = APP.read(response, new TypeReference<Map<String, Object>>() { });
        assertThat(outline).containsEntry("id", TestApp.STUDY).containsEntry("masterLanguage", "en")
                .containsEntry("publicTitle", Map.of());
        assertThat(outline.get("sites")).isEqualTo(List.of(
                Map.of("id", "KH-SVR", "country", "KH", "languages", List.of("km")),
                Map.of("id", "BD-DHK", "country", "BD", "languages", List.of("bn"))));
        assertThat(outline.get("forms")).asList().anySatisfy(f -> assertThat((Map<String, Object>) f)
                .containsEntry("formId", "consent").extractingByKey("title").asString().contains("en=Consent"));
        assertThat(response.body()).doesNotContain("Test study");
    }

    @Test
    void enrolmentQr_createdWithQr_holdsCodeAndServerNoStoreAndNeverListed() throws Exception {
        String admin = admin();
        HttpResponse<String> response = APP.send("POST", "/enrolments?qr=svg", admin, "application/json",
                APP.write(new EnrolmentRequest(TestApp.STUDY, "KH-SVR", "enum1")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        Map<String, Object> body = APP.read(response, new TypeReference<Map<String, Object>>() { });
        String code = (String) body.get("code");
        assertThat(body).containsEntry("server", APP.baseUrl());
        @SuppressWarnings("unchecked")
        Map<String, Object> qr = (Map<String, Object>) body.get("qr");
        assertThat((String) qr.get("svg")).startsWith("<svg").contains((String) qr.get("path"));
        String text = decode((Integer) qr.get("size"), (String) qr.get("path"));
        assertThat(APP.json.readTree(text).get("code").asText()).isEqualTo(code);
        assertThat(APP.json.readTree(text).get("server").asText()).isEqualTo(APP.baseUrl());
        assertThat(APP.json.readTree(text).get("fieldsafe").asText()).isEqualTo("enrol");

        assertThat(APP.get("/enrolments", admin).body()).doesNotContain(code);
        assertThat(APP.enrolDevice(code).study()).isEqualTo(TestApp.STUDY);
        assertThat(APP.send("POST", "/enrolments?qr=png", admin, "application/json",
                APP.write(new EnrolmentRequest(TestApp.STUDY, "KH-SVR", "enum1"))).statusCode()).isEqualTo(400);
    }

    /** Reads the QR code's modules back from the SVG path (one unit square per dark module, quiet zone 4). */
    private static String decode(int size, String path) throws Exception {
        int modules = size - 8;
        BitMatrix matrix = new BitMatrix(modules);
        Matcher m = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(path);
        while (m.find()) {
            matrix.set(Integer.parseInt(m.group(1)) - 4, Integer.parseInt(m.group(2)) - 4);
        }
        return new Decoder().decode(matrix).getText();
    }

    /** A fresh admin token: the timeline test moves the clock past the tokens' lifetime. */
    /** A POST of {@code body} sent as the file {@code fileName} (Content-Disposition), as the console's uploads. */
    private static HttpResponse<String> postNamed(String path, String token, String contentType, String fileName,
                                                  String body) {
        return APP.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/api/v1" + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String admin() {
        return APP.adminToken();
    }

    private static TranslationCoverageRow row(List<TranslationCoverageRow> rows, String form, String language) {
        return rows.stream().filter(r -> r.formId().equals(form) && r.language().equals(language)).findFirst()
                .orElseThrow();
    }

    private static void upload(DeviceEnrolment device, Envelopes.Target target, String code) {
        var envelope = Envelopes.valid(target, UUID.randomUUID().toString(), "RH", UPLOADS.codeHash(code));
        assertThat(UPLOADS.put(Envelopes.submissionId(envelope), Envelopes.bytes(envelope), device.deviceToken())
                .statusCode()).isEqualTo(201);
    }
}
