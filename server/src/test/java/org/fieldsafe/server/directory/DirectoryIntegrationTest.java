package org.fieldsafe.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.DirectoryService;
import org.fieldsafe.core.forms.ReferralDirectory;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A site's referral directory through the API: read in study.yaml's shape, edited by coordinators (stale version
 * 409, invalid entry 422 naming the field, nothing written on refusal, audited), pulled by devices as the next
 * directory version in the manifest, and reported for unconfirmed or stale entries.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DirectoryIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String S = "/studies/" + TestApp.STUDY + "/sites/";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private static String admin;
    private static String coordinator;
    private static String device;

    @BeforeAll
    static void setUp() {
        admin = APP.adminToken();
        APP.createUser(admin, "dir-enum", "enumerator", List.of("BD-DHK"));
        coordinator = APP.login("dir-coord", APP.createUser(admin, "dir-coord", "coordinator", List.of()).password());
        device = APP.enrolDevice(APP.enrolmentCode(admin, "BD-DHK", "dir-enum").code()).deviceToken();
    }

    @Test
    void get_givesTheDirectoryInStudyYamlShape() {
        HttpResponse<String> response = APP.get(S + "KH-SVR/directory", coordinator);
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> view = APP.read(response, MAP);
        assertThat(view).containsEntry("site", "KH-SVR").containsEntry("version", 1);
        List<Map<String, Object>> services = services(view);
        assertThat(services).extracting(s -> s.get("id")).containsExactly("kh-child-helpline", "kh-shelter");
        assertThat(services.get(0)).containsEntry("confirmed", "no").containsEntry("emergency", true)
                .containsEntry("phone", "1280").containsEntry("gender_served", "any");
        assertThat(services.get(1)).containsEntry("confirmed", "2026-01-15").doesNotContainKey("phone");
    }

    @Test
    void put_addsTheNextVersion_devicesPullIt_audited_staleVersionIs409() {
        Map<String, Object> view = APP.read(APP.get(S + "BD-DHK/directory", coordinator), MAP);
        int before = (Integer) view.get("version");
        List<Map<String, Object>> services = new ArrayList<>(services(view));
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("id", "bd-counselling");
        added.put("kind", "psychosocial");
        added.put("name", Map.of("en", "Counselling centre"));
        added.put("phone", "+880 2 555 0100");
        added.put("languages", List.of("bn", "en"));
        added.put("gender_served", "women");
        added.put("cost", "free");
        added.put("confirmed", "2026-02-20");
        services.add(added);
        view.put("services", services);
        int audits = APP.count("audit_log", "event = 'directory.updated'");

        HttpResponse<String> put = APP.send("PUT", S + "BD-DHK/directory", coordinator, "application/json",
                APP.write(view));

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        Map<String, Object> saved = APP.read(put, MAP);
        assertThat(saved).containsEntry("version", before + 1);
        assertThat(services(saved)).extracting(s -> s.get("id")).contains("bd-counselling");
        assertThat(APP.count("audit_log", "event = 'directory.updated'")).isEqualTo(audits + 1);
        assertThat(APP.count("audit_log", "event = 'directory.updated' AND subject LIKE '%site:BD-DHK version:"
                + (before + 1) + "%'")).isEqualTo(1);
        // the device's next manifest names the new version; the study it pulls holds the new entry
        Manifest manifest = APP.read(APP.get("/sync/manifest", device), Manifest.class);
        assertThat(manifest.directory().version()).isEqualTo(before + 1);
        assertThat(manifest.directory().sha256()).isEqualTo(saved.get("sha256"));
        Study pulled = Study.fromCanonicalJson(APP.get("/sync/study", device).body()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(pulled.sha256()).isEqualTo(manifest.study().sha256());
        ReferralDirectory directory = pulled.site("BD-DHK").orElseThrow().directory();
        assertThat(directory.version()).isEqualTo(before + 1);
        DirectoryService legal = directory.service("bd-counselling").orElseThrow();
        assertThat(legal.phone()).isEqualTo("+880 2 555 0100");
        assertThat(legal.confirmedOn()).hasToString("2026-02-20");
        // the other site is untouched
        assertThat(pulled.site("KH-SVR").orElseThrow().directory().version()).isEqualTo(1);

        // the same edit again names the old version: 409, nothing written
        int versions = APP.count("study_versions");
        HttpResponse<String> stale = APP.send("PUT", S + "BD-DHK/directory", coordinator, "application/json",
                APP.write(view));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(APP.problem(stale).get("detail").toString()).contains("version " + before)
                .contains("version " + (before + 1));
        assertThat(APP.count("study_versions")).isEqualTo(versions);
        assertThat(APP.count("audit_log", "event = 'directory.updated'")).isEqualTo(audits + 1);

        // loading the forms directory again (as at a restart) keeps the edit: study.yaml's version is older
        APP.services().forms().loadAndPublish();
        Manifest after = APP.read(APP.get("/sync/manifest", device), Manifest.class);
        assertThat(after.directory()).isEqualTo(manifest.directory());
        assertThat(after.study().sha256()).isEqualTo(manifest.study().sha256());
    }

    @Test
    void put_invalidEntry_422NamingTheField_nothingWritten() {
        Map<String, Object> view = APP.read(APP.get(S + "KH-SVR/directory", coordinator), MAP);
        List<Map<String, Object>> services = new ArrayList<>(services(view));
        Map<String, Object> broken = new LinkedHashMap<>(services.get(1));
        broken.put("phone", "call the office");
        services.set(1, broken);
        view.put("services", services);
        int versions = APP.count("study_versions");
        int audits = APP.count("audit_log");

        HttpResponse<String> response = APP.send("PUT", S + "KH-SVR/directory", coordinator, "application/json",
                APP.write(view));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(APP.problem(response).get("detail").toString()).startsWith("Field 'services[1].phone'");
        assertThat(APP.problem(response).get("errors")).asList().singleElement().asString()
                .contains("field=services[1].phone");
        assertThat(APP.count("study_versions")).isEqualTo(versions);
        assertThat(APP.count("audit_log")).isEqualTo(audits);

        Map<String, Object> unknownKind = new LinkedHashMap<>(services(view).get(0));
        unknownKind.put("kind", "fortune_teller");
        unknownKind.remove("confirmed");
        view.put("services", List.of(unknownKind));
        HttpResponse<String> second = APP.send("PUT", S + "KH-SVR/directory", coordinator, "application/json",
                APP.write(view));
        assertThat(second.statusCode()).isEqualTo(422);
        assertThat(APP.problem(second).get("detail").toString()).contains("services[0].kind")
                .contains("services[0].confirmed");
        assertThat(APP.send("PUT", S + "KH-SVR/directory", coordinator, "application/json", "[1, 2")
                .statusCode()).isEqualTo(422);
        assertThat(APP.send("PUT", S + "KH-SVR/directory", coordinator, "application/json",
                "{\"site\": \"BD-DHK\", \"version\": 1, \"services\": []}").statusCode()).isEqualTo(422);
        assertThat(APP.count("study_versions")).isEqualTo(versions);
        assertThat(APP.count("audit_log")).isEqualTo(audits);
    }

    @Test
    void unknownStudyOrSite_404() {
        assertThat(APP.get(S + "XX-XXX/directory", coordinator).statusCode()).isEqualTo(404);
        assertThat(APP.get("/studies/no-such-study/sites/KH-SVR/directory", coordinator).statusCode())
                .isEqualTo(404);
        assertThat(APP.send("PUT", S + "XX-XXX/directory", coordinator, "application/json",
                "{\"version\": 1, \"services\": []}").statusCode()).isEqualTo(404);
        assertThat(APP.get(S + "XX-XXX/directory/report", coordinator).statusCode()).isEqualTo(404);
    }

    @Test
    void report_listsUnconfirmedAndStaleEntries() {
        // the test clock stands at 2026-03-01; the shelter was confirmed on 2026-01-15 (45 days before)
        Map<String, Object> byDefault = APP.read(APP.get(S + "KH-SVR/directory/report", coordinator), MAP);
        assertThat(byDefault).containsEntry("maxAgeDays", ReferralDirectory.DEFAULT_MAX_AGE_DAYS)
                .containsEntry("asOf", "2026-03-01");
        assertThat(entries(byDefault)).extracting(e -> e.get("id") + ":" + e.get("reason"))
                .containsExactly("kh-child-helpline:unconfirmed");

        Map<String, Object> month = APP.read(APP.get(S + "KH-SVR/directory/report?max_age_days=30",
                coordinator), MAP);
        assertThat(entries(month)).extracting(e -> e.get("id") + ":" + e.get("reason"))
                .containsExactly("kh-child-helpline:unconfirmed", "kh-shelter:stale");
        assertThat(entries(month).get(1)).containsEntry("confirmed", "2026-01-15");

        Map<String, Object> fortyFive = APP.read(APP.get(S + "KH-SVR/directory/report?max_age_days=45",
                coordinator), MAP);
        assertThat(entries(fortyFive)).extracting(e -> e.get("id")).containsExactly("kh-child-helpline");

        HttpResponse<String> negative = APP.get(S + "KH-SVR/directory/report?max_age_days=-1", coordinator);
        assertThat(negative.statusCode()).isEqualTo(422);
        assertThat(APP.get(S + "KH-SVR/directory/report?max_age_days=soon", coordinator).statusCode())
                .isBetween(400, 404);
    }

    @Test
    void roles_enumeratorsAndDevicesCannotEdit() {
        String enumerator = APP.login("dir-enum2", APP.createUser(admin, "dir-enum2", "enumerator",
                List.of("KH-SVR")).password());
        String dataManager = APP.login("dir-dm", APP.createUser(admin, "dir-dm", "data_manager", List.of())
                .password());
        String body = "{\"version\": 1, \"services\": []}";
        int versions = APP.count("study_versions");
        assertThat(APP.send("PUT", S + "KH-SVR/directory", enumerator, "application/json", body).statusCode())
                .isEqualTo(403);
        assertThat(APP.send("PUT", S + "KH-SVR/directory", dataManager, "application/json", body).statusCode())
                .isEqualTo(403);
        assertThat(APP.send("PUT", S + "KH-SVR/directory", device, "application/json", body).statusCode())
                .isEqualTo(403);
        assertThat(APP.send("PUT", S + "KH-SVR/directory", null, "application/json", body).statusCode())
                .isEqualTo(401);
        assertThat(APP.get(S + "KH-SVR/directory", dataManager).statusCode()).isEqualTo(403);
        assertThat(APP.count("study_versions")).isEqualTo(versions);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> services(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("services");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("entries");
    }
}
