package org.fieldsafe.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.cli.ClientMain;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference study's directory from the coordinator's edit to the field laptop: a device pulls it and lists it
 * offline; a coordinator confirms the police entry through the API; the device's next pull brings the new version.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DirectoryDeviceEndToEndIntegrationTest {
    private static final String STUDY = "beyond-awareness";
    private static final TestApp APP = TestApp.onForms(Path.of("..", "forms"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    @TempDir
    Path deviceHome;

    @Test
    void coordinatorEdit_reachesTheDeviceOnItsNextPull_andListsOffline() throws Exception {
        String admin = APP.adminToken();
        APP.createUser(admin, "enum-dir", "enumerator", List.of("KH-SVR"));
        String coordinator = APP.login("coord-dir", APP.createUser(admin, "coord-dir", "coordinator", List.of())
                .password());
        String code = APP.enrolmentCode(admin, STUDY, "KH-SVR", "enum-dir").code();
        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            client.enrol(URI.create(APP.baseUrl()), code, "kh-laptop-dir");
            client.pull();
        }
        String before = directory();
        assertThat(before).contains("referral directory of KH-SVR, version 1", "EMERGENCY  kh-police: Police");
        assertThat(before.lines().filter(l -> l.contains("phone 117")).findFirst().orElseThrow())
                .contains("UNCONFIRMED");

        String path = "/studies/" + STUDY + "/sites/KH-SVR/directory";
        Map<String, Object> view = APP.read(APP.get(path, coordinator), new TypeReference<Map<String, Object>>() {
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> services = new ArrayList<>((List<Map<String, Object>>) view.get("services"));
        for (int i = 0; i < services.size(); i++) {
            if ("kh-police".equals(services.get(i).get("id"))) {
                Map<String, Object> police = new LinkedHashMap<>(services.get(i));
                police.put("confirmed", "2026-02-27");
                services.set(i, police);
            }
        }
        view.put("services", services);
        HttpResponse<String> put = APP.send("PUT", path, coordinator, "application/json", APP.write(view));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        // offline, the device still lists what it holds
        assertThat(directory()).contains("version 1");
        try (FieldsafeClient client = FieldsafeClient.open(deviceHome)) {
            assertThat(client.pull().studyUpdated()).isTrue();
        }
        String after = directory();
        assertThat(after).contains("referral directory of KH-SVR, version 2");
        assertThat(after.lines().filter(l -> l.contains("phone 117")).findFirst().orElseThrow())
                .contains("confirmed 2026-02-27").doesNotContain("UNCONFIRMED");
    }

    private String directory() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cli = ClientMain.commandLine(Map.of(), FieldsafeClient.Settings.defaults());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = cli.execute("directory", "--home", deviceHome.toString(), "--site", "KH-SVR");
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
