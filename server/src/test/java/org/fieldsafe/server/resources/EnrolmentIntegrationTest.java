package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.fieldsafe.core.wire.DeviceEnrolRequest;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.EnrolmentCode;
import org.fieldsafe.core.wire.EnrolmentInfo;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class EnrolmentIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    private static String coordinator;

    @BeforeAll
    static void setUp() {
        String admin = APP.adminToken();
        String password = APP.createUser(admin, "coord", "coordinator", List.of()).password();
        APP.createUser(admin, "enum1", "enumerator", List.of("KH-SVR"));
        APP.createUser(admin, "dm1", "data_manager", List.of());
        coordinator = APP.login("coord", password);
    }

    @Test
    void create_codeHasCrockfordFormatAndExpiry() {
        EnrolmentCode code = APP.enrolmentCode(coordinator, "KH-SVR", "enum1");
        assertThat(code.code()).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(code.expiresAt()).isEqualTo(APP.clock.instant().plus(Duration.ofHours(72)));
        assertThat(code.study()).isEqualTo(TestApp.STUDY);
    }

    @Test
    void enrol_codeWorksOnce_thenRefused() {
        EnrolmentCode code = APP.enrolmentCode(coordinator, "KH-SVR", "enum1");
        DeviceEnrolment device = APP.enrolDevice(code.code().toLowerCase());
        assertThat(device.study()).isEqualTo(TestApp.STUDY);
        assertThat(device.site()).isEqualTo("KH-SVR");
        assertThat(device.enumerator()).isEqualTo("enum1");
        assertThat(APP.get("/sync/manifest", device.deviceToken()).statusCode()).isEqualTo(200);

        assertCodeInvalid(code.code());
    }

    @Test
    void enrol_revokedCode_refused() {
        EnrolmentCode code = APP.enrolmentCode(coordinator, "KH-SVR", "enum1");
        assertThat(APP.send("POST", "/enrolments/" + code.id() + "/revoke", coordinator, null, null).statusCode())
                .isEqualTo(204);
        assertCodeInvalid(code.code());
        List<EnrolmentInfo> list = APP.read(APP.get("/enrolments", coordinator), new TypeReference<>() {
        });
        assertThat(list).filteredOn(e -> e.id().equals(code.id())).extracting(EnrolmentInfo::state)
                .containsExactly("revoked");
        assertThat(APP.get("/enrolments", coordinator).body()).doesNotContain(code.code());
    }

    @Test
    void enrol_expiredCode_refused() {
        EnrolmentCode code = APP.enrolmentCode(coordinator, "KH-SVR", "enum1");
        APP.clock.advance(Duration.ofHours(72));
        try {
            assertCodeInvalid(code.code());
        } finally {
            APP.clock.advance(Duration.ofHours(-72));
        }
    }

    @Test
    void enrol_unknownCode_sameAnswerAsUsed() {
        assertCodeInvalid("ABCD-EFGH-JKMN");
    }

    @Test
    void sync_revokedDevice_gets401() {
        DeviceEnrolment device = APP.enrolDevice(APP.enrolmentCode(coordinator, "KH-SVR", "enum1").code());
        assertThat(APP.get("/sync/manifest", device.deviceToken()).statusCode()).isEqualTo(200);
        assertThat(APP.send("POST", "/devices/" + device.deviceId() + "/revoke", coordinator, null, null)
                .statusCode()).isEqualTo(204);
        assertThat(APP.get("/sync/manifest", device.deviceToken()).statusCode()).isEqualTo(401);
        assertThat(APP.get("/devices", coordinator).body()).contains(device.deviceId())
                .doesNotContain(device.deviceToken());
    }

    @Test
    void create_enumeratorWithOtherRole_400andNothingWritten() {
        int before = APP.count("enrolment_codes");
        HttpResponse<String> response = APP.postJson("/enrolments", coordinator,
                new EnrolmentRequest(TestApp.STUDY, "KH-SVR", "dm1"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(APP.count("enrolment_codes")).isEqualTo(before);
    }

    @Test
    void create_siteOutsideStudy_400() {
        HttpResponse<String> response = APP.postJson("/enrolments", coordinator,
                new EnrolmentRequest(TestApp.STUDY, "NP-KTM", "enum1"));
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void enrol_codesAndTokensStoredOnlyAsHashes() {
        EnrolmentCode code = APP.enrolmentCode(coordinator, "KH-SVR", "enum1");
        DeviceEnrolment device = APP.enrolDevice(code.code());
        String dump = APP.services().database().read(h ->
                h.createQuery("SELECT code_hash FROM enrolment_codes").mapTo(String.class).list().toString()
                        + h.createQuery("SELECT token_hash FROM devices").mapTo(String.class).list()
                        + h.createQuery("SELECT subject FROM audit_log").mapTo(String.class).list());
        assertThat(dump).doesNotContain(code.code()).doesNotContain(device.deviceToken());
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    private static void assertCodeInvalid(String code) {
        int devices = APP.count("devices");
        HttpResponse<String> again = APP.postJson("/devices/enrol", null, new DeviceEnrolRequest(code, "laptop-2"));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(APP.problem(again)).containsEntry("type", "urn:fieldsafe:problem:enrolment-code-invalid");
        assertThat(APP.count("devices")).isEqualTo(devices);
    }
}
