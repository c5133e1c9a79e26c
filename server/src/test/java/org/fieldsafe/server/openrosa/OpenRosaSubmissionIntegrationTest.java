package org.fieldsafe.server.openrosa;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fieldsafe.core.crypto.odk.CollectStyleEncryption;
import org.fieldsafe.server.OdkKeyFixture;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ODK Collect's side of the OpenRosa submission API against a running server (issue 18, point 3). */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenRosaSubmissionIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture FIXTURE = new UploadFixture(APP);
    private static final OdkKeyFixture ODK = new OdkKeyFixture();
    private static final String SUBMISSION = "/openrosa/studies/" + TestApp.STUDY + "/submission";
    private static final String SECRET_ANSWER = "It happened at the border crossing";
    private static CollectClient collect;

    @BeforeAll
    static void setUp() {
        FIXTURE.setUp();
        ODK.setUp(APP, FIXTURE.admin, TestApp.STUDY, "odk-dm");
        collect = new CollectClient(APP, FIXTURE.device.deviceId(), FIXTURE.device.deviceToken());
    }

    static String instanceXml(String instanceId, String answer) {
        return "<?xml version='1.0' ?><data id=\"interview\" version=\"1\"><meta><instanceID>" + instanceId
                + "</instanceID></meta><age>34</age><q_meaning>" + answer + "</q_meaning><rec>rec.m4a</rec></data>";
    }

    static CollectStyleEncryption.Encrypted encrypted(String instanceId, String answer) {
        Map<String, byte[]> media = new LinkedHashMap<>();
        media.put("rec.m4a", "recorded audio bytes".getBytes(StandardCharsets.UTF_8));
        return CollectStyleEncryption.encrypt(ODK.publicKey(), "interview", "1", instanceId,
                instanceXml(instanceId, answer), media);
    }

    @Test
    void post_splitOverTwoPosts_isStoredSealed_retryIdempotent_otherBodySameInstance409() {
        String instance = "uuid:" + UUID.randomUUID();
        CollectStyleEncryption.Encrypted sub = encrypted(instance, SECRET_ANSWER);

        HttpResponse<String> first = collect.post(SUBMISSION, sub.manifestXml(),
                CollectClient.only(sub.files(), "rec.m4a.enc"), true);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("X-OpenRosa-Version")).hasValue("1.0");
        assertThat(first.body()).contains("<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\">")
                .contains("files still to come");
        assertThat(APP.count("openrosa_submissions", "instance_id = '" + instance + "' AND state = 'incomplete'"))
                .isEqualTo(1);

        HttpResponse<String> second = collect.post(SUBMISSION, sub.manifestXml(),
                CollectClient.only(sub.files(), "submission.xml.enc"), false);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(second.body()).contains("every file is stored");
        assertThat(APP.count("openrosa_submissions", "instance_id = '" + instance + "' AND state = 'complete'"))
                .isEqualTo(1);
        assertThat(APP.lastAuditSubject("openrosa.submission.received")).contains("state:complete")
                .contains("lacks:device-consent-gate,aead-header,forgeable-md5-signature")
                .doesNotContain(SECRET_ANSWER);
        String stored = APP.services().database().read(h -> h.createQuery("SELECT content FROM openrosa_files f "
                + "JOIN openrosa_submissions s ON s.id = f.submission_id WHERE s.instance_id = :i AND f.name = "
                + "'submission.xml.enc'").bind("i", instance).mapTo(String.class).one());
        assertThat(Base64.getDecoder().decode(stored)).isEqualTo(sub.files().get("submission.xml.enc"));
        HttpResponse<String> progress = APP.get("/studies/" + TestApp.STUDY + "/openrosa/progress", FIXTURE.admin);
        assertThat(progress.statusCode()).as(progress.body()).isEqualTo(200);
        assertThat(progress.body()).contains("\"KH-SVR\":").contains("forgeable-md5-signature")
                .doesNotContain(SECRET_ANSWER);
        int files = APP.count("openrosa_files");
        int audits = APP.count("audit_log");

        HttpResponse<String> retry = collect.post(SUBMISSION, sub.manifestXml(), sub.files(), false);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.body()).contains("Already received");
        assertThat(APP.count("openrosa_files")).isEqualTo(files);
        assertThat(APP.count("audit_log")).isEqualTo(audits);

        CollectStyleEncryption.Encrypted other = encrypted(instance, "another answer");
        HttpResponse<String> conflict = collect.post(SUBMISSION, other.manifestXml(), other.files(), false);
        assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(conflict.headers().firstValue("X-OpenRosa-Version")).hasValue("1.0");
        assertThat(APP.count("openrosa_files")).isEqualTo(files);
    }

    @Test
    void formList_appUser_listsTheInterviewXFormEncryptedToTheStudyKey() throws Exception {
        HttpResponse<String> list = collect.get("/openrosa/studies/" + TestApp.STUDY + "/formList");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.headers().firstValue("X-OpenRosa-Version")).hasValue("1.0");
        assertThat(list.body()).contains("<xforms xmlns=\"http://openrosa.org/xforms/xformsList\">")
                .contains("<formID>interview</formID>").doesNotContain("<formID>consent</formID>");
        String download = between(list.body(), "<downloadUrl>", "</downloadUrl>");
        String manifestUrl = between(list.body(), "<manifestUrl>", "</manifestUrl>");
        String path = download.substring(download.indexOf("/api/v1") + "/api/v1".length());

        HttpResponse<String> xform = collect.get(path);
        assertThat(xform.statusCode()).isEqualTo(200);
        assertThat(xform.body()).contains("base64RsaPublicKey=\""
                + org.fieldsafe.core.crypto.odk.OdkRsaKeys.base64PublicKey(ODK.pair.publicKey()) + "\"");
        assertThat(between(list.body(), "<hash>", "</hash>")).isEqualTo("md5:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("MD5").digest(xform.body().getBytes(StandardCharsets.UTF_8))));

        HttpResponse<String> manifest = collect.get(manifestUrl.substring(manifestUrl.indexOf("/api/v1") + 7));
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.body()).contains("<filename>directory.csv</filename>");
        String media = between(manifest.body(), "<downloadUrl>", "</downloadUrl>");
        HttpResponse<String> csv = collect.get(media.substring(media.indexOf("/api/v1") + 7));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("id,kind,name,phone");
    }

    private static String between(String text, String open, String close) {
        int from = text.indexOf(open) + open.length();
        return text.substring(from, text.indexOf(close, from));
    }

    @Test
    void appUsers_coordinatorEnrolsAnOdkDevice_settingsQrInCollectsFormatLogsItIn() throws Exception {
        APP.createUser(FIXTURE.admin, "odk-enum", "enumerator", java.util.List.of("KH-SVR"));
        HttpResponse<String> created = APP.postJson("/openrosa/app-users", FIXTURE.admin,
                new org.fieldsafe.core.wire.EnrolmentRequest(TestApp.STUDY, "KH-SVR", "odk-enum"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        org.fieldsafe.core.wire.OdkAppUser user = APP.read(created, org.fieldsafe.core.wire.OdkAppUser.class);
        assertThat(user.qrSvg()).startsWith("<svg");
        byte[] json = new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(
                Base64.getDecoder().decode(user.settings()))).readAllBytes();
        Map<String, Object> settings = APP.json.readValue(json, Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> general = (Map<String, Object>) settings.get("general");
        assertThat(general.get("server_url").toString()).endsWith("/api/v1/openrosa/studies/" + TestApp.STUDY);
        assertThat(general.get("username")).isEqualTo(user.deviceId());
        assertThat(APP.lastAuditSubject("device.enrolled")).contains("enumerator:odk-enum");

        HttpResponse<String> head = new CollectClient(APP, general.get("username").toString(),
                general.get("password").toString()).head(SUBMISSION);
        assertThat(head.statusCode()).isEqualTo(204);
    }

    @Test
    void post_unencryptedSubmission_is422AndWritesNothing() {
        int before = APP.count("openrosa_submissions");
        String instance = "uuid:" + UUID.randomUUID();

        HttpResponse<String> response = collect.post(SUBMISSION,
                instanceXml(instance, SECRET_ANSWER).getBytes(StandardCharsets.UTF_8), Map.of(), false);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("openrosa-unencrypted").doesNotContain(SECRET_ANSWER);
        assertThat(APP.count("openrosa_submissions")).isEqualTo(before);
    }

    @Test
    void head_appUser_is204WithAcceptContentLength_withoutCredentials401Challenge() {
        HttpResponse<String> head = collect.head(SUBMISSION);
        assertThat(head.statusCode()).isEqualTo(204);
        assertThat(head.headers().firstValue(org.fieldsafe.server.resources.OpenRosaSubmissionResource.ACCEPT_LENGTH))
                .hasValue(String.valueOf(EXT.getConfiguration().maxRequestBytes()));
        assertThat(head.headers().firstValue("X-OpenRosa-Version")).hasValue("1.0");

        HttpResponse<String> anonymous = APP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                APP.baseUrl() + "/api/v1" + SUBMISSION)).header("X-OpenRosa-Version", "1.0")
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Basic realm="));

        HttpResponse<String> noVersion = APP.send(collect.request(SUBMISSION).headers("X-OpenRosa-Version", "0.9")
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(noVersion.statusCode()).isEqualTo(400);
    }
}
