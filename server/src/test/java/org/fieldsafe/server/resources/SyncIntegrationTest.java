package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.forms.FormValidationException;
import org.fieldsafe.core.forms.ReferralDirectory;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.FormVersionInfo;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.RoleChange;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.auth.DeviceDao;
import org.fieldsafe.server.auth.DeviceTokens;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.sync.SyncService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Manifest, study and form downloads with ETags; upload, publish and retire as devices see them. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SyncIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String S = "/studies/" + TestApp.STUDY;

    private static final StudyBundle FIXTURE = load();

    private static String admin;
    private static String device;

    @BeforeAll
    static void setUp() {
        admin = APP.adminToken();
        APP.createUser(admin, "enum1", "enumerator", List.of("KH-SVR"));
        device = APP.enrolDevice(APP.enrolmentCode(admin, "KH-SVR", "enum1").code()).deviceToken();
    }

    @Test
    void manifest_listsPublishedFormsAndSiteDirectory() {
        HttpResponse<String> response = APP.get("/sync/manifest", device);
        assertThat(response.statusCode()).isEqualTo(200);
        Manifest manifest = APP.read(response, Manifest.class);
        assertThat(manifest.study().id()).isEqualTo(TestApp.STUDY);
        assertThat(manifest.site()).isEqualTo("KH-SVR");
        ReferralDirectory directory = FIXTURE.study().site("KH-SVR").orElseThrow().directory();
        assertThat(manifest.directory()).isEqualTo(new Manifest.DirectoryRef("KH-SVR", 1, directory.sha256()));
        Study served = Study.fromCanonicalJson(APP.get("/sync/study", device).body().getBytes(StandardCharsets.UTF_8));
        assertThat(served.site("KH-SVR").orElseThrow().directory().sha256()).isEqualTo(manifest.directory().sha256());
        assertThat(manifest.study().sha256()).isEqualTo(FIXTURE.study().sha256());
        assertThat(manifest.forms()).extracting(Manifest.FormEntry::formId).contains("consent", "interview");
        Manifest.FormEntry consent = manifest.forms().stream().filter(f -> f.formId().equals("consent")).findFirst()
                .orElseThrow();
        assertThat(consent.href()).isEqualTo("/api/v1/sync/forms/consent/versions/1");
        assertThat(consent.sha256()).isEqualTo(FIXTURE.form("consent").orElseThrow().sha256());
        assertThat(consent.languages()).containsEntry("en", "complete").containsEntry("km", "draft")
                .containsEntry("bn", "missing");
        Manifest.FormEntry interview = manifest.forms().stream().filter(f -> f.formId().equals("interview"))
                .findFirst().orElseThrow();
        assertThat(interview.languages()).containsEntry("km", "missing");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + Digests.sha256Hex(response.body()) + "\"");
    }

    @Test
    void manifest_ifNoneMatch_304() {
        String etag = APP.get("/sync/manifest", device).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = conditional("/sync/manifest", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(conditional("/sync/manifest", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void manifest_unrelatedWrites_builtOnceAndServedAgain_rebuiltAtOnceAfterAPublication() {
        FieldsafePrincipal.Device d = new FieldsafePrincipal.Device("dev-cache", TestApp.STUDY, "KH-SVR",
                java.time.Instant.EPOCH);
        SyncService.Document first = APP.services().sync().manifest(d);
        assertThat(APP.services().sync().manifest(d)).as("no query, serialisation or hash per 304").isSameAs(first);
        String before = APP.get("/sync/manifest", device).headers().firstValue("ETag").orElseThrow();

        // writes that change no manifest: a person's login (session and audit entry), an empty write
        APP.login("admin", TestApp.ADMIN_PASSWORD);
        APP.services().database().write(h -> null);
        assertThat(APP.services().sync().manifest(d)).as("kept through unrelated writes").isSameAs(first);

        // a form published: seen by the very next request
        String yaml = TestApp.formYaml("cachecheck", "interview", "Cache check");
        assertThat(APP.send("POST", S + "/forms", admin, "application/yaml", yaml).statusCode()).isEqualTo(201);
        assertThat(APP.send("POST", S + "/forms/cachecheck/versions/1/publish", admin, null, null).statusCode())
                .isEqualTo(200);
        SyncService.Document rebuilt = APP.services().sync().manifest(d);
        assertThat(rebuilt).isNotSameAs(first);
        assertThat(rebuilt.sha256()).isNotEqualTo(first.sha256());
        HttpResponse<String> after = conditional("/sync/manifest", before);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(APP.read(after, Manifest.class).forms()).extracting(Manifest.FormEntry::formId)
                .contains("cachecheck");
    }

    @Test
    void manifest_tokenRevoked_refusedAtOnce() {
        // a device revoked by a coordinator: its token, answered from memory a moment ago, is refused at once
        DeviceEnrolment revoked = APP.enrolDevice(APP.enrolmentCode(admin, "KH-SVR", "enum1").code());
        String etag = APP.get("/sync/manifest", revoked.deviceToken()).headers().firstValue("ETag").orElseThrow();
        assertThat(conditional(revoked.deviceToken(), "/sync/manifest", etag).statusCode()).isEqualTo(304);
        assertThat(conditional(revoked.deviceToken(), "/sync/manifest", etag).statusCode()).isEqualTo(304);
        assertThat(APP.send("POST", "/devices/" + revoked.deviceId() + "/revoke", admin, null, null).statusCode())
                .isEqualTo(204);
        assertThat(conditional(revoked.deviceToken(), "/sync/manifest", etag).statusCode()).isEqualTo(401);

        // an enumerator disabled: every device of theirs is revoked, and refused at once
        APP.createUser(admin, "enum-leaving", "enumerator", List.of("KH-SVR"));
        String leaving = APP.enrolDevice(APP.enrolmentCode(admin, "KH-SVR", "enum-leaving").code()).deviceToken();
        String leavingTag = APP.get("/sync/manifest", leaving).headers().firstValue("ETag").orElseThrow();
        assertThat(conditional(leaving, "/sync/manifest", leavingTag).statusCode()).isEqualTo(304);
        assertThat(APP.send("POST", "/users/enum-leaving/disable", admin, null, null).statusCode()).isEqualTo(200);
        assertThat(conditional(leaving, "/sync/manifest", leavingTag).statusCode()).isEqualTo(401);

        // an enumerator given another role: the same
        APP.createUser(admin, "enum-moving", "enumerator", List.of("KH-SVR"));
        String moving = APP.enrolDevice(APP.enrolmentCode(admin, "KH-SVR", "enum-moving").code()).deviceToken();
        String movingTag = APP.get("/sync/manifest", moving).headers().firstValue("ETag").orElseThrow();
        assertThat(conditional(moving, "/sync/manifest", movingTag).statusCode()).isEqualTo(304);
        assertThat(APP.send("PUT", "/users/enum-moving/role", admin, "application/json",
                APP.write(new RoleChange("coordinator", List.of()))).statusCode()).isEqualTo(200);
        assertThat(conditional(moving, "/sync/manifest", movingTag).statusCode()).isEqualTo(401);
    }

    @Test
    void manifest_unrelatedWrite_tokenStillAnsweredFromMemory_untilTtl() {
        DeviceEnrolment d = APP.enrolDevice(APP.enrolmentCode(admin, "KH-SVR", "enum1").code());
        String etag = APP.get("/sync/manifest", d.deviceToken()).headers().firstValue("ETag").orElseThrow();
        // Revoked behind the server's back (no service call, so nothing is told): a database read per request would
        // see it, a device answered from memory does not - which is how this test sees that no read happens.
        APP.services().database().writeUncached(h -> h.attach(DeviceDao.class)
                .revoke(d.deviceId(), APP.clock.instant()));
        APP.services().database().write(h -> null); // an unrelated write (a person's login, a recording's chunk)
        assertThat(conditional(d.deviceToken(), "/sync/manifest", etag).statusCode())
                .as("the token is not looked up again after an unrelated write").isEqualTo(304);
        APP.clock.advance(DeviceTokens.TTL);
        try {
            assertThat(conditional(d.deviceToken(), "/sync/manifest", etag).statusCode())
                    .as("read again once its time in memory is over").isEqualTo(401);
        } finally {
            APP.clock.advance(DeviceTokens.TTL.negated());
        }
    }

    @Test
    void manifest_newPublishedVersion_changesETag() {
        String before = APP.get("/sync/manifest", device).headers().firstValue("ETag").orElseThrow();
        String yaml = TestApp.formYaml("followup", "interview", "Follow-up");
        HttpResponse<String> uploaded = APP.send("POST", S + "/forms", admin, "application/yaml", yaml);
        assertThat(uploaded.statusCode()).isEqualTo(201);
        FormVersionInfo draft = APP.read(uploaded, FormVersionInfo.class);
        assertThat(draft.state()).isEqualTo("draft");
        assertThat(draft.version()).isEqualTo(1);
        assertThat(APP.send("POST", S + "/forms", admin, "application/yaml", yaml).statusCode()).isEqualTo(200);

        assertThat(conditional("/sync/manifest", before).statusCode()).isEqualTo(304);
        assertThat(APP.get("/sync/forms/followup/versions/1", device).statusCode()).isEqualTo(404);

        HttpResponse<String> published = APP.send("POST", S + "/forms/followup/versions/1/publish", admin, null, null);
        assertThat(APP.read(published, FormVersionInfo.class).state()).isEqualTo("published");
        HttpResponse<String> after = conditional("/sync/manifest", before);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(before);
        assertThat(APP.read(after, Manifest.class).forms()).extracting(Manifest.FormEntry::formId).contains("followup");
    }

    @Test
    void upload_changedForm_becomesNextVersion_oldStays() {
        HttpResponse<String> first = APP.send("POST", S + "/forms", admin, "application/yaml",
                TestApp.formYaml("changing", "consent", "A"));
        assertThat(APP.read(first, FormVersionInfo.class).version()).isEqualTo(1);
        HttpResponse<String> second = APP.send("POST", S + "/forms", admin, "application/yaml",
                TestApp.formYaml("changing", "consent", "B"));
        assertThat(APP.read(second, FormVersionInfo.class).version()).isEqualTo(2);
        assertThat(APP.get(S + "/forms/changing/versions/1", admin).body()).contains("\"A\"");
        assertThat(APP.get(S + "/forms/changing/versions/2", admin).body()).contains("\"B\"");
    }

    @Test
    void retire_publishedVersion_leavesManifestAndCannotBeRepublished() {
        assertThat(APP.send("POST", S + "/forms", admin, "application/yaml",
                TestApp.formYaml("shortlived", "consent", "S"))
                .statusCode()).isEqualTo(201);
        assertThat(APP.send("POST", S + "/forms/shortlived/versions/1/publish", admin, null, null).statusCode())
                .isEqualTo(200);
        assertThat(APP.read(APP.get("/sync/manifest", device), Manifest.class).forms())
                .extracting(Manifest.FormEntry::formId).contains("shortlived");
        HttpResponse<String> retired = APP.send("POST", S + "/forms/shortlived/versions/1/retire", admin, null, null);
        assertThat(APP.read(retired, FormVersionInfo.class).state()).isEqualTo("retired");
        assertThat(APP.read(APP.get("/sync/manifest", device), Manifest.class).forms())
                .extracting(Manifest.FormEntry::formId).doesNotContain("shortlived");
        assertThat(APP.send("POST", S + "/forms/shortlived/versions/1/publish", admin, null, null).statusCode())
                .isEqualTo(409);
    }

    @Test
    void form_etagIsQuotedSha256_and304() {
        HttpResponse<String> form = APP.get("/sync/forms/consent/versions/1", device);
        assertThat(form.statusCode()).isEqualTo(200);
        String sha = Digests.sha256Hex(form.body());
        assertThat(form.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
        assertThat(conditional("/sync/forms/consent/versions/1", "\"" + sha + "\"").statusCode()).isEqualTo(304);
    }

    @Test
    void study_etagAnd304() {
        HttpResponse<String> study = APP.get("/sync/study", device);
        assertThat(study.statusCode()).isEqualTo(200);
        String etag = study.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + Digests.sha256Hex(study.body()) + "\"");
        assertThat(conditional("/sync/study", etag).statusCode()).isEqualTo(304);
    }

    private static StudyBundle load() {
        try {
            return StudyLoader.load(TestApp.FIXTURE_FORMS.resolve(TestApp.STUDY));
        } catch (FormValidationException e) {
            throw new IllegalStateException(e.problems().toString(), e);
        }
    }

    private static HttpResponse<String> conditional(String path, String etag) {
        return conditional(device, path, etag);
    }

    private static HttpResponse<String> conditional(String token, String path, String etag) {
        return APP.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/api/v1" + path))
                .header("Authorization", "Bearer " + token)
                .header("If-None-Match", etag)
                .GET());
    }
}
