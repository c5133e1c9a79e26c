package org.fieldsafe.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fieldsafe.export.ExportFormat;
import org.fieldsafe.server.FileScan;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Export jobs over HTTP on SQLite, on really sealed uploads: the lifecycle to downloaded files that match the
 * manifest, nothing in plaintext at rest, roles and their audit entries, the stable-code grant, bad input, expiry,
 * the sealed pull and the wrapped-key fetch.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ExportJobsIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final String S = "/studies/" + TestApp.STUDY;
    private static final String PASSPHRASE = org.fieldsafe.server.Envelopes.PASSPHRASE;
    private static final Map<String, String> PASSWORDS = new HashMap<>();
    /** The free-text answers and respondent codes uploaded: none may be stored in plaintext. */
    static final List<String> ANSWERS = new ArrayList<>();
    static final List<String> CODES = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        for (String role : List.of("data_manager", "coordinator", "safeguarding_officer", "principal_investigator")) {
            List<String> sites = role.equals("safeguarding_officer") ? List.of("KH-SVR") : List.of();
            PASSWORDS.put(role, APP.createUser(UPLOADS.admin, name(role), role, sites).password());
        }
        PASSWORDS.put("data_manager_2", APP.createUser(UPLOADS.admin, "x-dm-2", "data_manager", List.of()).password());
        // twelve rights holders (a group of 12 >= k = 5) and two duty bearers (a group of 2: suppressed)
        for (int i = 1; i <= 14; i++) {
            String category = i <= 12 ? "RH" : "DB";
            // numbered from 101: the study's example code (KH-SVR-RH-007) is in its definition, not data
            String code = "KH-SVR-" + category + "-" + (100 + i);
            String answer = "Quietly the heron river answer " + i + " zq";
            CODES.add(code);
            ANSWERS.add(answer);
            assertThat(UPLOADS.put(SealedInterviews.interview(UPLOADS, code, category, 20 + i, answer)).statusCode())
                    .isEqualTo(201);
        }
    }

    private static String name(String role) {
        return "x-" + role.replace('_', '-');
    }

    static String token(String role) {
        return role.equals("admin") ? APP.adminToken()
                : APP.login(role.equals("data_manager_2") ? "x-dm-2" : name(role), PASSWORDS.get(role));
    }

    private static HttpResponse<String> startExport(String token, Object body) {
        return APP.postJson(S + "/exports", token, body);
    }

    static Map<String, Object> exportBody(String passphrase) {
        Map<String, Object> body = new HashMap<>();
        body.put("passphrase", passphrase);
        body.put("formats", List.of("wide", "long", "jsonl"));
        return body;
    }

    private static JsonNode awaitDone(String token, String id) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> status = APP.get("/exports/" + id, token);
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
            JsonNode job = APP.read(status, JsonNode.class);
            if (!job.get("state").asText().equals("queued") && !job.get("state").asText().equals("running")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the export did not finish");
    }

    private byte[] download(String token, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/api/v1" + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static int audited(String event) {
        return APP.count("audit_log", "event = '" + event + "'");
    }

    @Test
    void export_endToEnd_downloadsMatchTheManifest_andNothingIsPlainAtRest() throws Exception {
        String dm = token("data_manager");
        int requested = audited("export.requested");
        int completed = audited("export.completed");
        HttpResponse<String> started = startExport(dm, exportBody(PASSPHRASE));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = APP.read(started, JsonNode.class).get("id").asText();

        JsonNode job = awaitDone(dm, id);
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
        JsonNode manifest = job.get("manifest");
        assertThat(manifest.get("counts").get("read").asLong()).isEqualTo(14);
        assertThat(manifest.get("counts").get("respondentsExported").asLong()).isEqualTo(12);
        assertThat(manifest.get("counts").get("respondentsSuppressed").asLong()).isEqualTo(2);
        assertThat(job.get("progress").get("total").asLong()).isPositive();
        List<String> files = APP.json.convertValue(job.get("files"), new TypeReference<List<String>>() {
        });
        assertThat(files).contains("manifest.json", ExportFormat.WIDE_CSV.fileName(), ExportFormat.LONG_CSV.fileName(),
                ExportFormat.JSONL.fileName());

        // the data directory, while the export's files are there, holds no answer or code in plaintext
        Map<Path, String> stored = FileScan.filesUnder(APP.dataDir);
        assertThat(stored.keySet()).anyMatch(p -> p.toString().contains("exports"));
        assertThat(stored.keySet()).noneMatch(p -> p.toString().contains(".work"));
        List<String> found = new ArrayList<>();
        stored.forEach((path, bytes) -> concat(ANSWERS, CODES).stream()
                .filter(secret -> bytes.contains(FileScan.asStoredBytes(secret)))
                .forEach(secret -> found.add(path.getFileName() + ": " + secret)));
        assertThat(found).isEmpty();

        String longCsv = null;
        for (String name : files) {
            byte[] bytes = download(dm, "/exports/" + id + "/files/" + name);
            if (!name.equals("manifest.json")) {
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                        .as(name).isEqualTo(manifest.get("files").get(name).get("sha256").asText());
            }
            if (name.equals(ExportFormat.LONG_CSV.fileName())) {
                longCsv = new String(bytes, StandardCharsets.UTF_8);
            }
        }
        // the rights holders' answers are exported, the suppressed duty bearers' are not; no code appears
        assertThat(longCsv).contains(ANSWERS.get(0)).contains(ANSWERS.get(11)).doesNotContain(ANSWERS.get(12));
        assertThat(CODES).noneMatch(longCsv::contains);
        assertThat(audited("export.requested")).isEqualTo(requested + 1);
        assertThat(audited("export.completed")).isEqualTo(completed + 1);
        assertThat(APP.count("audit_log", "event = 'export.completed' AND subject LIKE '%export:" + id
                + "%respondents:12 suppressed:2%'")).isEqualTo(1);
        assertThat(auditSubjects()).noneMatch(s -> concat(ANSWERS, CODES).stream().anyMatch(s::contains));
    }

    @Test
    void export_leavesWithdrawnRespondentsOut_andCountsThemInTheManifest() throws Exception {
        String code = "KH-SVR-DB-201";
        String answer = "Withdrawn egret lantern answer zq";
        assertThat(UPLOADS.put(SealedInterviews.interview(UPLOADS, code, "DB", 30, answer)).statusCode())
                .isEqualTo(201);
        HttpResponse<String> withdrawn = APP.postJson(S + "/withdrawals", token("principal_investigator"),
                Map.of("respondentCode", code));
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);

        String dm = token("data_manager");
        HttpResponse<String> started = startExport(dm, exportBody(PASSPHRASE));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = APP.read(started, JsonNode.class).get("id").asText();
        JsonNode job = awaitDone(dm, id);
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
        JsonNode counts = job.get("manifest").get("counts");
        assertThat(counts.get("withdrawn").asLong()).isEqualTo(1);
        assertThat(counts.get("read").asLong()).isEqualTo(14);
        for (ExportFormat format : ExportFormat.defaults()) {
            String text = new String(download(dm, "/exports/" + id + "/files/" + format.fileName()),
                    StandardCharsets.UTF_8);
            assertThat(text).as(format.fileName()).doesNotContain(answer);
        }
    }

    @Test
    void export_wrongPassphrase_422_auditedAndNothingExported() throws IOException {
        String dm = token("data_manager");
        int requested = audited("export.requested");
        int failed = audited("key.unlock.failed");
        List<Path> before = exportDirectories();
        HttpResponse<String> refused = startExport(dm, exportBody("not the passphrase at all"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(APP.problem(refused).get("type").toString()).endsWith("key-unlock-failed");
        assertThat(refused.body()).doesNotContain("not the passphrase");
        assertThat(audited("key.unlock.failed")).isEqualTo(failed + 1);
        assertThat(audited("export.requested")).isEqualTo(requested);
        assertThat(exportDirectories()).isEqualTo(before);
    }

    private static List<Path> exportDirectories() throws IOException {
        try (var dirs = Files.list(APP.app().services().exportJobs().root())) {
            return dirs.sorted().toList();
        }
    }

    @Test
    void export_queueFull_503WithRetryAfter_nothingWritten() {
        ExportJobs jobs = APP.app().services().exportJobs();
        int taken = 0;
        while (jobs.reserve()) {
            taken++;
        }
        try {
            assertThat(taken).isEqualTo(3);
            String dm = token("data_manager");
            int before = APP.count("audit_log");
            HttpResponse<String> refused = startExport(dm, exportBody(PASSPHRASE));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(refused.body()).isEqualTo("{\"type\":\"urn:fieldsafe:problem:export-queue-full\",\"title\":"
                    + "\"Export queue full\",\"status\":503,\"detail\":\"As many exports as the server takes are running"
                    + " or waiting; try again later.\"}");
            assertThat(APP.count("audit_log")).isEqualTo(before);
        } finally {
            for (int i = 0; i < taken; i++) {
                jobs.release();
            }
        }
    }

    @Test
    void export_byAnyOtherRole_403_andEveryAttemptAudited() {
        for (String role : List.of("coordinator", "safeguarding_officer", "principal_investigator", "admin")) {
            int denied = audited("export.denied");
            int requested = audited("export.requested");
            HttpResponse<String> refused = startExport(token(role), exportBody(PASSPHRASE));
            assertThat(refused.statusCode()).as(role).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(audited("export.denied")).as(role).isEqualTo(denied + 1);
            assertThat(audited("export.requested")).isEqualTo(requested);
        }
        // text typed into the URL does not reach the audit log
        HttpResponse<String> typed = APP.postJson("/studies/Sokha%20Chan%20of%20Svay%20Rieng/exports",
                token("coordinator"), exportBody(PASSPHRASE));
        assertThat(typed.statusCode()).isEqualTo(403);
        assertThat(auditSubjects()).noneMatch(s -> s.contains("Sokha"));
    }

    @Test
    void stableCodes_grantedByAPrincipalInvestigator_usedOnce_thenRefused() throws Exception {
        String pi = token("principal_investigator");
        String dm = token("data_manager");
        int denied = audited("export.stable_codes.denied");
        int grants = APP.count("stable_code_grants");
        for (String role : List.of("data_manager", "coordinator", "safeguarding_officer", "admin")) {
            assertThat(APP.postJson(S + "/exports/stable-code-grants", token(role), Map.of("reason", "follow_up"))
                    .statusCode()).as(role).isEqualTo(403);
        }
        assertThat(audited("export.stable_codes.denied")).isEqualTo(denied + 4);
        assertThat(APP.count("stable_code_grants")).isEqualTo(grants);
        assertThat(APP.postJson(S + "/exports/stable-code-grants", pi, Map.of("reason", "because I say so"))
                .statusCode()).isEqualTo(422);

        HttpResponse<String> granted = APP.postJson(S + "/exports/stable-code-grants", pi,
                Map.of("reason", "follow_up"));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        String grant = APP.read(granted, JsonNode.class).get("id").asText();
        assertThat(APP.count("audit_log", "event = 'export.stable_codes.granted' AND subject LIKE '%" + grant + "%'"))
                .isEqualTo(1);

        Map<String, Object> body = exportBody(PASSPHRASE);
        body.put("formats", List.of("long"));
        body.put("stableCodesGrant", grant);
        HttpResponse<String> started = startExport(dm, body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = APP.read(started, JsonNode.class).get("id").asText();
        JsonNode job = awaitDone(dm, id);
        assertThat(job.get("state").asText()).isEqualTo("done");
        assertThat(job.get("manifest").get("settings").get("respondentCodes").asText()).isEqualTo("stable");
        String longCsv = new String(download(dm, "/exports/" + id + "/files/" + ExportFormat.LONG_CSV.fileName()),
                StandardCharsets.UTF_8);
        assertThat(longCsv).contains(CODES.get(0));
        assertThat(APP.count("audit_log", "event = 'export.stable_codes' AND subject LIKE '%export:" + id + "%'"))
                .isEqualTo(1);

        // used: refused, and nothing written
        int requested = audited("export.requested");
        HttpResponse<String> again = startExport(dm, body);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(422);
        assertThat(APP.problem(again).get("type").toString()).endsWith("stable-code-grant-unusable");
        body.put("stableCodesGrant", java.util.UUID.randomUUID().toString());
        assertThat(startExport(dm, body).statusCode()).isEqualTo(422);
        assertThat(audited("export.requested")).isEqualTo(requested);
        JsonNode listed = grantListed(pi, grant);
        assertThat(listed.get("state").asText()).isEqualTo("used");
        assertThat(listed.get("exportId").asText()).isEqualTo(id);
        assertThat(listed.get("reason").asText()).isEqualTo("follow_up");
    }

    /** The grant as {@code GET .../stable-code-grants} lists it (principal investigators only). */
    private static JsonNode grantListed(String pi, String grant) {
        assertThat(APP.get(S + "/exports/stable-code-grants", token("data_manager")).statusCode()).isEqualTo(403);
        JsonNode reasons = APP.read(APP.get("/reason-codes", pi), JsonNode.class);
        assertThat(reasons.get("stableCodes").toString()).contains("follow_up", "data_linkage");
        assertThat(reasons.get("identityReads").toString()).contains("recontact", "withdrawal");
        HttpResponse<String> list = APP.get(S + "/exports/stable-code-grants", pi);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (JsonNode node : APP.read(list, JsonNode.class)) {
            if (node.get("id").asText().equals(grant)) {
                return node;
            }
        }
        throw new AssertionError("grant not listed: " + list.body());
    }

    @Test
    void stableCodes_grantExpiresAfterADay() {
        String grant = APP.read(APP.postJson(S + "/exports/stable-code-grants", token("principal_investigator"),
                Map.of("reason", "data_linkage")), JsonNode.class).get("id").asText();
        APP.clock.advance(Duration.ofHours(24).plusMinutes(1));
        Map<String, Object> body = exportBody(PASSPHRASE);
        body.put("stableCodesGrant", grant);
        HttpResponse<String> refused = startExport(token("data_manager"), body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(APP.count("stable_code_grants", "used_at IS NOT NULL AND id = '" + grant + "'")).isZero();
        assertThat(grantListed(token("principal_investigator"), grant).get("state").asText()).isEqualTo("expired");
    }

    @Test
    void export_malformedBodies_4xx_writeNothing() {
        String dm = token("data_manager");
        int before = APP.count("audit_log");
        assertThat(APP.send("POST", S + "/exports", dm, "application/json", "{not json").statusCode()).isEqualTo(400);
        assertThat(APP.send("POST", S + "/exports", dm, "application/json", "").statusCode()).isBetween(400, 422);
        assertThat(APP.send("POST", S + "/exports", dm, "application/json", "[1,2]").statusCode()).isEqualTo(400);
        List<Map<String, Object>> bad = new ArrayList<>();
        bad.add(Map.of("formats", List.of("wide")));
        bad.add(with("formats", List.of("sav")));
        bad.add(with("language", "tlh"));
        bad.add(with("filter", Map.of("sites", List.of("XX-NOPE"))));
        bad.add(with("filter", Map.of("forms", List.of("no_such_form"))));
        bad.add(with("filter", Map.of("from", "2026-13-45")));
        bad.add(with("filter", Map.of("from", "2026-03-02", "to", "2026-03-01")));
        bad.add(with("stableCodesGrant", "'; DROP TABLE x"));
        for (Map<String, Object> body : bad) {
            HttpResponse<String> refused = startExport(dm, body);
            assertThat(refused.statusCode()).as(body + " " + refused.body()).isIn(400, 422);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(APP.count("audit_log")).isEqualTo(before);
        assertThat(APP.send("POST", S.replace(TestApp.STUDY, "no-such-study") + "/exports", dm, "application/json",
                APP.write(exportBody(PASSPHRASE))).statusCode()).isEqualTo(404);
    }

    @Test
    void export_looserKThanTheStudys_422NamesK_writesNothing() {
        String dm = token("data_manager");
        int before = APP.count("audit_log");
        HttpResponse<String> refused = startExport(dm, with("k", 2));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("Field 'k' is not valid");
        assertThat(APP.count("audit_log")).isEqualTo(before);
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> body = exportBody(PASSPHRASE);
        body.put(key, value);
        return body;
    }

    @Test
    void job_isItsCreatorsOnly_unknownFiles404_andExpiryDeletesIt() throws Exception {
        String dm = token("data_manager");
        String id = APP.read(startExport(dm, exportBody(PASSPHRASE)), JsonNode.class).get("id").asText();
        assertThat(awaitDone(dm, id).get("state").asText()).isEqualTo("done");
        String other = token("data_manager_2");
        assertThat(APP.get("/exports/" + id, other).statusCode()).isEqualTo(404);
        assertThat(APP.get("/exports/" + id + "/files/manifest.json", other).statusCode()).isEqualTo(404);
        assertThat(APP.get("/exports/" + id + "/files/nothing.csv", dm).statusCode()).isEqualTo(404);
        assertThat(APP.get("/exports/" + id + "/files/..%2F..%2Ffieldsafe.db", dm).statusCode()).isIn(400, 404);
        assertThat(APP.get("/exports/" + id + "/files/manifest.json", token("coordinator")).statusCode())
                .isEqualTo(403);
        Path dir = APP.app().services().exportJobs().root().resolve(id);
        assertThat(dir).isDirectory();

        APP.clock.advance(Duration.ofHours(5));
        APP.app().services().exportJobs().expire();
        assertThat(dir).doesNotExist();
        assertThat(APP.get("/exports/" + id, token("data_manager")).statusCode()).isEqualTo(404);
    }

    @Test
    void exports_listTheCallersOwnJobsNewestFirst_noOneElses() throws Exception {
        String dm = token("data_manager");
        String first = APP.read(startExport(dm, exportBody(PASSPHRASE)), JsonNode.class).get("id").asText();
        awaitDone(dm, first);
        APP.clock.advance(Duration.ofSeconds(1));
        String second = APP.read(startExport(dm, exportBody(PASSPHRASE)), JsonNode.class).get("id").asText();
        String others = APP.read(startExport(token("data_manager_2"), exportBody(PASSPHRASE)), JsonNode.class)
                .get("id").asText();
        awaitDone(dm, second);

        HttpResponse<String> mine = APP.get("/exports", dm);
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        APP.read(mine, JsonNode.class).forEach(j -> ids.add(j.get("id").asText()));
        assertThat(ids).containsSubsequence(second, first).doesNotContain(others);
        JsonNode done = APP.read(mine, JsonNode.class).get(ids.indexOf(second));
        assertThat(done.get("state").asText()).isEqualTo("done");
        assertThat(done.get("manifest").get("files")).isNotEmpty();
        assertThat(mine.body()).doesNotContain(PASSPHRASE);
        List<String> theirs = new ArrayList<>();
        APP.read(APP.get("/exports", token("data_manager_2")), JsonNode.class)
                .forEach(j -> theirs.add(j.get("id").asText()));
        assertThat(theirs).contains(others).doesNotContain(first, second);
        for (String role : List.of("coordinator", "safeguarding_officer", "principal_investigator")) {
            assertThat(APP.get("/exports", token(role)).statusCode()).as(role).isEqualTo(403);
        }
    }

    @Test
    void options_theStudysKFormatsLanguagesSitesAndForms_forDataManagersOnly() {
        HttpResponse<String> response = APP.get(S + "/exports/options", token("data_manager"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode options = APP.read(response, JsonNode.class);
        assertThat(options.get("k").asInt()).isEqualTo(5);
        assertThat(options.get("maxK").asInt()).isEqualTo(1000);
        List<String> formats = new ArrayList<>();
        options.get("formats").forEach(f -> formats.add(f.asText()));
        assertThat(formats).containsExactlyInAnyOrder("wide", "long", "jsonl", "wide-bom", "xlsx", "qdpx");
        List<String> sites = new ArrayList<>();
        options.get("sites").forEach(f -> sites.add(f.asText()));
        assertThat(sites).contains("KH-SVR", "BD-DHK");
        assertThat(options.get("forms").toString()).contains("consent");
        assertThat(options.get("masterLanguage").asText()).isEqualTo("en");
        // a k below the one offered is what the server refuses
        assertThat(startExport(token("data_manager"), with("k", options.get("k").asInt() - 1)).statusCode())
                .isEqualTo(422);
        for (String role : List.of("coordinator", "safeguarding_officer", "principal_investigator")) {
            assertThat(APP.get(S + "/exports/options", token(role)).statusCode()).as(role).isEqualTo(403);
        }
        assertThat(APP.get("/studies/no-such-study/exports/options", token("data_manager")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void sealedPull_dataManagersOnly_streamsEveryEnvelope_audited() {
        int pulled = audited("export.sealed_pulled");
        HttpResponse<String> response = APP.get(S + "/submissions/sealed", token("data_manager"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = APP.read(response, JsonNode.class);
        assertThat(body.get("count").asLong()).isEqualTo(14);
        assertThat(body.get("submissions")).hasSize(14);
        assertThat(body.get("submissions").get(0).get("envelope").get("parts").has("research")).isTrue();
        assertThat(body.get("studyDefinition").get("id").asText()).isEqualTo(TestApp.STUDY);
        assertThat(audited("export.sealed_pulled")).isEqualTo(pulled + 1);
        HttpResponse<String> filtered = APP.get(S + "/submissions/sealed?site=BD-DHK", token("data_manager"));
        assertThat(APP.read(filtered, JsonNode.class).get("submissions")).isEmpty();
        assertThat(APP.get(S + "/submissions/sealed?from=yesterday", token("data_manager")).statusCode())
                .isEqualTo(422);

        int denied = audited("export.denied");
        for (String role : List.of("coordinator", "safeguarding_officer", "principal_investigator")) {
            assertThat(APP.get(S + "/submissions/sealed", token(role)).statusCode()).as(role).isEqualTo(403);
        }
        assertThat(audited("export.denied")).isEqualTo(denied + 3);
    }

    @Test
    void wrappedKey_onlyItsHolders_audited() {
        int fetched = audited("key.wrapped.fetched");
        int denied = audited("key.wrapped.denied");
        HttpResponse<String> research = APP.get(S + "/keys/research/wrapped", token("data_manager"));
        assertThat(research.statusCode()).as(research.body()).isEqualTo(200);
        JsonNode file = APP.read(research, JsonNode.class);
        assertThat(file.get("fingerprint").asText()).isEqualTo(UPLOADS.keys.fingerprints().get("research"));
        assertThat(file.get("study").asText()).isEqualTo(TestApp.STUDY);
        assertThat(file.get("wrappedPrivateKey").asText()).contains("argon2id");
        assertThat(APP.get(S + "/keys/identity/wrapped", token("principal_investigator")).statusCode())
                .isEqualTo(200);
        assertThat(APP.get(S + "/keys/identity/wrapped", token("data_manager")).statusCode()).isEqualTo(403);
        assertThat(APP.get(S + "/keys/research/wrapped", token("coordinator")).statusCode()).isEqualTo(403);
        assertThat(APP.get(S + "/keys/research/wrapped", token("admin")).statusCode()).isEqualTo(403);
        assertThat(APP.get(S + "/keys/nonsense/wrapped", token("data_manager")).statusCode()).isEqualTo(403);
        assertThat(audited("key.wrapped.fetched")).isEqualTo(fetched + 2);
        assertThat(audited("key.wrapped.denied")).isEqualTo(denied + 4);
    }

    private static List<String> auditSubjects() {
        return APP.services().database().read(h -> h.createQuery("SELECT subject FROM audit_log")
                .mapTo(String.class).list());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
