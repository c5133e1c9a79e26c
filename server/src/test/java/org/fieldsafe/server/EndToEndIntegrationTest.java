package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.DeviceInfo;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.FormSummary;
import org.fieldsafe.client.PullResult;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.wire.EnrolmentCode;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application on the repository's reference study ({@code forms/beyond-awareness}), driven as in the
 * field: the admin sets up an enumerator and an enrolment code through the API, the real device client
 * enrols, pulls and lists the forms, the coordinator revokes the device; and no secret is left in the
 * server's data directory or console.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EndToEndIntegrationTest {
    private static final Path REFERENCE_FORMS = Path.of("..", "forms");
    private static final String STUDY = "beyond-awareness";
    private static final TestApp APP = TestApp.onForms(REFERENCE_FORMS);
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    @TempDir
    Path deviceHome;

    @TempDir
    Path secondDeviceHome;

    @Test
    void enrolPullListRevoke_referenceStudy_deviceClientSeesTheRealFormsAndNoSecretIsStored() throws Exception {
        StudyBundle reference = StudyLoader.load(REFERENCE_FORMS.resolve(STUDY));

        String admin = APP.adminToken();
        NewUser enumerator = APP.createUser(admin, "enum-kh1", "enumerator", List.of("KH-SVR"));
        NewUser coordinator = APP.createUser(admin, "coord-kh", "coordinator", List.of());
        EnrolmentCode code = APP.enrolmentCode(admin, STUDY, "KH-SVR", "enum-kh1");
        assertThat(code.study()).isEqualTo(STUDY);

        DeviceInfo device;
        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            device = client.enrol(URI.create(APP.baseUrl()), code.code(), "kh-laptop-1");
            assertThat(device.study()).isEqualTo(STUDY);
            assertThat(device.site()).isEqualTo("KH-SVR");
            assertThat(device.enumerator()).isEqualTo("enum-kh1");

            PullResult first = client.pull();
            assertThat(first.upToDate()).isFalse();
            assertThat(first.studyUpdated()).isTrue();
            assertThat(first.formsInManifest()).isEqualTo(2);
            assertThat(first.pulled()).hasSize(2);

            List<FormSummary> forms = client.listForms();
            assertThat(forms).extracting(FormSummary::formId).containsExactlyInAnyOrder("consent", "interview");
            for (FormSummary form : forms) {
                FormDefinition definition = reference.form(form.formId()).orElseThrow();
                assertThat(form.version()).as(form.formId()).isEqualTo(1);
                assertThat(form.kind()).isEqualTo(definition.kind().wire());
                assertThat(form.sha256()).as(form.formId()).isEqualTo(definition.sha256());
                assertThat(form.title()).isEqualTo(definition.title().get("en"));
                assertThat(form.languages()).as(form.formId()).containsEntry("en", "complete")
                        .containsEntry("km", "draft").containsEntry("lhu", "missing");
            }

            PullResult second = client.pull();
            assertThat(second.upToDate()).isTrue();
            assertThat(second.pulled()).isEmpty();
            assertThat(second.formsInManifest()).isEqualTo(2);
        }

        try (FieldsafeClient other = FieldsafeClient.open(secondDeviceHome)) {
            assertThatThrownBy(() -> other.enrol(URI.create(APP.baseUrl()), code.code(), "kh-laptop-2"))
                    .isInstanceOfSatisfying(ClientException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ClientException.Reason.REJECTED);
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.problem()).hasValueSatisfying(p ->
                                assertThat(p.type()).isEqualTo("urn:fieldsafe:problem:enrolment-code-invalid"));
                        assertThat(e.getMessage()).doesNotContain(code.code());
                    });
            assertThat(other.device()).isEmpty();
        }

        String coordinatorToken = APP.login("coord-kh", coordinator.password());
        assertThat(APP.get("/devices", coordinatorToken).body()).contains(device.deviceId());
        assertThat(APP.send("POST", "/devices/" + device.deviceId() + "/revoke", coordinatorToken, null, null)
                .statusCode()).isEqualTo(204);
        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            assertThatThrownBy(client::pull).isInstanceOfSatisfying(ClientException.class, e -> {
                assertThat(e.reason()).isEqualTo(ClientException.Reason.UNAUTHORISED);
                assertThat(e.status()).isEqualTo(401);
            });
        }

        String deviceToken;
        try (DeviceStore store = DeviceStore.open(deviceHome)) {
            deviceToken = store.device().orElseThrow().deviceToken();
        }
        assertThat(deviceToken).isNotBlank();
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("enrolment code", code.code());
        secrets.put("enrolment code without dashes", code.code().replace("-", ""));
        secrets.put("enrolment code in lower case", code.code().toLowerCase(Locale.ROOT));
        secrets.put("device token", deviceToken);
        secrets.put("admin password", TestApp.ADMIN_PASSWORD);
        secrets.put("enumerator password", enumerator.password());
        secrets.put("coordinator password", coordinator.password());

        Map<Path, String> files = FileScan.filesUnder(APP.dataDir);
        assertThat(files).as("files of the data directory").isNotEmpty();
        assertThat(String.join("\n", files.values())).as("the scan reads stored content")
                .contains("enum-kh1").contains(device.deviceId());
        String console = APP.console.toString(StandardCharsets.UTF_8);
        assertThat(console).as("the captured console").contains("Fieldsafe listens on");
        secrets.forEach((name, secret) -> {
            files.forEach((file, content) -> assertThat(content).as(name + " in " + file).doesNotContain(secret));
            assertThat(console).as(name + " on the console").doesNotContain(secret);
        });
    }
}
