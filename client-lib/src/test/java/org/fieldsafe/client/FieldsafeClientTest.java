package org.fieldsafe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.StoredForm;
import org.fieldsafe.client.keys.StoredKey;
import org.fieldsafe.client.store.StoredManifest;
import org.fieldsafe.client.sync.Json;
import org.fieldsafe.core.crypto.Digests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldsafeClientTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final FieldsafeClient.Settings SETTINGS = new FieldsafeClient.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));
    static final String CODE = "ABCD-EFGH-JKMN";

    @TempDir
    Path home;

    FakeServer server;
    FieldsafeClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = FakeServer.withFixtures();
        client = FieldsafeClient.open(home, SETTINGS);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    @Test
    void enrol_validCode_storesDeviceAndSendsCodeAndName() throws Exception {
        DeviceInfo device = client.enrol(server.uri(), "abcd-efgh-jkmn ", "laptop-7");

        assertThat(device.deviceId()).isEqualTo("dev-7f3a");
        assertThat(device.study()).isEqualTo("beyond-awareness");
        assertThat(device.site()).isEqualTo("KH-SVR");
        assertThat(device.enumerator()).isEqualTo("enum-kh1");
        assertThat(device.deviceName()).isEqualTo("laptop-7");
        assertThat(device.enrolledAt()).isEqualTo(NOW);
        assertThat(device.server()).isEqualTo(server.uri());
        assertThat(client.device()).contains(device);
        FakeServer.Request request = server.requests("POST", "/api/v1/devices/enrol").get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.bodyText()).contains("\"code\":\"ABCD-EFGH-JKMN\"").contains("\"deviceName\":\"laptop-7\"");
        assertThat(request.header("Authorization")).isNull();
    }

    @Test
    void enrol_valuesHoldingTheToken_neverShowIt() throws Exception {
        DeviceInfo device = client.enrol(server.uri(), CODE, "laptop-7");

        assertThat(device.toString()).doesNotContain(FakeServer.TOKEN);
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            var record = store.device().orElseThrow();
            assertThat(record.deviceToken()).isEqualTo(FakeServer.TOKEN);
            assertThat(record.toString()).doesNotContain(FakeServer.TOKEN).contains("[REDACTED]");
        }
    }

    @Test
    void enrol_serverAddressWithApiPathAndSlash_isNormalised() throws Exception {
        DeviceInfo device = client.enrol(URI.create(server.uri() + "/api/v1/"), CODE, "laptop-7");

        assertThat(device.server()).isEqualTo(server.uri());
        assertThat(server.requests("POST", "/api/v1/devices/enrol")).hasSize(1);
    }

    @Test
    void enrol_alreadyEnrolled_refusedWithoutForce() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");

        ClientException e = catchThrowableOfType(ClientException.class,
                () -> client.enrol(server.uri(), "WXYZ-WXYZ-WXYZ", "laptop-7"));

        assertThat(e.reason()).isEqualTo(Reason.ALREADY_ENROLLED);
        assertThat(e.getMessage()).contains("already enrolled").contains("dev-7f3a").contains("--force");
        assertThat(server.requests("POST", "/api/v1/devices/enrol")).hasSize(1);
    }

    @Test
    void enrol_force_rebindsAndStartsTheNextPullAfresh() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        client.pull();

        client.enrol(server.uri(), "WXYZ-WXYZ-WXYZ", "laptop-7", true);
        client.pull();

        List<FakeServer.Request> manifests = server.requests("GET", "/api/v1/sync/manifest");
        assertThat(manifests).hasSize(2);
        assertThat(manifests.get(1).header("If-None-Match")).isNull();
        assertThat(client.listForms()).hasSize(2);
    }

    @Test
    void enrol_invalidCode_problemBecomesClearMessage() throws Exception {
        server.on("POST", "/api/v1/devices/enrol", FakeServer.json(400, FakeServer.fixture("problem-code-invalid.json")));

        ClientException e = catchThrowableOfType(ClientException.class,
                () -> client.enrol(server.uri(), CODE, "laptop-7"));

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.problem()).hasValueSatisfying(p ->
                assertThat(p.type()).isEqualTo("urn:fieldsafe:problem:enrolment-code-invalid"));
        assertThat(e.getMessage()).isEqualTo("the server refused to enrol this device: Enrolment code not valid"
                + " - The code is unknown, used, revoked or expired. (HTTP 400)");
        assertThat(e.getMessage()).doesNotContain(CODE);
        assertThat(client.device()).isEmpty();
    }

    @Test
    void enrol_rateLimited_saysWhenToTryAgain() throws Exception {
        server.on("POST", "/api/v1/devices/enrol", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "30");
            FakeServer.problem(429, "rate-limited", "Too many attempts", "Wait before trying again.").respond(exchange);
        });

        assertThatThrownBy(() -> client.enrol(server.uri(), CODE, "laptop-7"))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("Too many attempts")
                .hasMessageEndingWith("(HTTP 429); try again in 30 seconds");
    }

    @Test
    void enrol_serverUnreachable_saysCannotReach() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + freePort());

        ClientException e = catchThrowableOfType(ClientException.class, () -> client.enrol(closed, CODE, "laptop-7"));

        assertThat(e.reason()).isEqualTo(Reason.NETWORK);
        assertThat(e.getMessage()).startsWith("cannot reach the server at " + closed + ": ");
        assertThat(client.device()).isEmpty();
    }

    @Test
    void enrol_badServerAddress_refusedBeforeSending() {
        assertThatThrownBy(() -> client.enrol(URI.create("ftp://example.org"), CODE, "laptop-7"))
                .isInstanceOf(ClientException.class).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> client.enrol(URI.create("http:///nohost"), CODE, "laptop-7"))
                .isInstanceOf(ClientException.class).hasMessageContaining("needs a host name");
        assertThatThrownBy(() -> client.enrol(server.uri(), "  ", "laptop-7"))
                .isInstanceOf(ClientException.class).hasMessageContaining("code is empty");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void enrol_answerWithoutToken_refused() throws Exception {
        server.on("POST", "/api/v1/devices/enrol", FakeServer.json(201,
                "{\"deviceId\":\"d1\",\"study\":\"s\",\"site\":\"KH-SVR\"}".getBytes()));

        ClientException e = catchThrowableOfType(ClientException.class,
                () -> client.enrol(server.uri(), CODE, "laptop-7"));

        assertThat(e.reason()).isEqualTo(Reason.SERVER);
        assertThat(client.device()).isEmpty();
    }

    @Test
    void pull_notEnrolled_saysEnrolFirst() {
        ClientException e = catchThrowableOfType(ClientException.class, () -> client.pull());

        assertThat(e.reason()).isEqualTo(Reason.NOT_ENROLLED);
        assertThat(e.getMessage()).contains("fieldsafe client enrol");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void pull_firstTime_storesManifestStudyAndForms() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");

        PullResult result = client.pull();

        assertThat(result.upToDate()).isFalse();
        assertThat(result.studyUpdated()).isTrue();
        assertThat(result.pulled()).extracting(FormVersion::toString).containsExactly("consent v1", "interview v1");
        assertThat(result.formsInManifest()).isEqualTo(2);
        for (FakeServer.Request r : server.requests()) {
            if (r.path().startsWith("/api/v1/sync/")) {
                assertThat(r.header("Authorization")).isEqualTo("Bearer " + FakeServer.TOKEN);
            }
        }
        client.close();
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            StoredManifest manifest = store.manifest().orElseThrow();
            assertThat(manifest.body()).isEqualTo(FakeServer.fixture("manifest.json"));
            assertThat(manifest.etag()).isEqualTo("\"" + Digests.sha256Hex(FakeServer.fixture("manifest.json")) + "\"");
            assertThat(store.study().orElseThrow().canonicalJson()).isEqualTo(FakeServer.fixture("study.json"));
            assertThat(store.study().orElseThrow().sha256()).isEqualTo(Digests.sha256Hex(FakeServer.fixture("study.json")));
            List<StoredForm> forms = store.forms();
            assertThat(forms).extracting(StoredForm::formId).containsExactly("consent", "interview");
            StoredForm consent = forms.get(0);
            assertThat(consent.kind()).isEqualTo("consent");
            assertThat(consent.version()).isEqualTo(1);
            assertThat(consent.canonicalJson()).isEqualTo(FakeServer.fixture("forms/consent-v1.json"));
            assertThat(consent.sha256()).isEqualTo(Digests.sha256Hex(FakeServer.fixture("forms/consent-v1.json")));
            assertThat(consent.languages()).containsExactly(Map.entry("en", "complete"), Map.entry("km", "draft"),
                    Map.entry("lhu", "missing"));
            assertThat(consent.pulledAt()).isEqualTo(NOW);
        } finally {
            client = FieldsafeClient.open(home, SETTINGS);
        }
    }

    @Test
    void pull_second_sendsIfNoneMatchAndHandles304() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        client.pull();
        int before = server.requests().size();

        PullResult again = client.pull();

        assertThat(again.upToDate()).isTrue();
        assertThat(again.pulled()).isEmpty();
        assertThat(again.formsInManifest()).isEqualTo(2);
        List<FakeServer.Request> after = server.requests().subList(before, server.requests().size());
        assertThat(after).hasSize(1);
        assertThat(after.get(0).path()).isEqualTo("/api/v1/sync/manifest");
        assertThat(after.get(0).header("If-None-Match"))
                .isEqualTo("\"" + Digests.sha256Hex(FakeServer.fixture("manifest.json")) + "\"");
        assertThat(client.listForms()).hasSize(2);
    }

    @Test
    void pull_newManifest_downloadsOnlyWhatIsMissingAndRefreshesStates() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        client.pull();
        server.serveManifest("manifest-v2.json");
        int before = server.requests().size();

        PullResult result = client.pull();

        assertThat(result.studyUpdated()).isFalse();
        assertThat(result.pulled()).extracting(FormVersion::toString).containsExactly("interview v2");
        assertThat(server.requests().subList(before, server.requests().size()))
                .extracting(FakeServer.Request::path)
                .containsExactly("/api/v1/sync/manifest", "/api/v1/sync/forms/interview/versions/2");
        List<FormSummary> forms = client.listForms();
        assertThat(forms).extracting(FormSummary::formId, FormSummary::version)
                .containsExactly(tuple("consent", 1),
                        tuple("interview", 2));
        assertThat(forms.get(0).languages()).containsEntry("km", "complete");
    }

    @Test
    void pull_formHashDiffersFromManifest_refusedAndStoreUnchanged() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        server.on("GET", "/api/v1/sync/forms/interview/versions/1",
                FakeServer.authorised(FakeServer.json(200, FakeServer.fixture("forms/interview-v2.json"))));

        ClientException e = catchThrowableOfType(ClientException.class, () -> client.pull());

        assertThat(e.reason()).isEqualTo(Reason.INTEGRITY);
        assertThat(e.getMessage()).startsWith("form interview v1 from the server does not match the manifest")
                .endsWith("nothing was stored");
        assertNothingPulled();
    }

    @Test
    void pull_studyHashDiffersFromManifest_refusedAndStoreUnchanged() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        server.on("GET", "/api/v1/sync/study", FakeServer.authorised(FakeServer.json(200,
                "{\"id\":\"beyond-awareness\"}".getBytes())));

        assertThatThrownBy(() -> client.pull()).isInstanceOf(ClientException.class)
                .hasMessageStartingWith("study beyond-awareness from the server does not match the manifest");
        assertNothingPulled();
    }

    @Test
    void pull_secondFormFails_leavesPreviousStateIntact() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        client.pull();
        server.serveManifest("manifest-v2.json");
        server.on("GET", "/api/v1/sync/forms/interview/versions/2",
                FakeServer.problem(500, "internal", "Internal error", "Something went wrong."));

        ClientException e = catchThrowableOfType(ClientException.class, () -> client.pull());

        assertThat(e.reason()).isEqualTo(Reason.SERVER);
        assertThat(e.getMessage()).isEqualTo("the server failed to send form interview v2: Internal error"
                + " - Something went wrong. (HTTP 500)");
        assertStillAtFirstPull();
    }

    @Test
    void pull_connectionDroppedHalfway_leavesPreviousStateIntact() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        client.pull();
        server.serveManifest("manifest-v2.json");
        server.on("GET", "/api/v1/sync/forms/interview/versions/2", server.dropConnection());

        ClientException e = catchThrowableOfType(ClientException.class, () -> client.pull());

        assertThat(e.reason()).isEqualTo(Reason.NETWORK);
        assertThat(e.getMessage()).startsWith("cannot reach the server at " + server.uri() + ": ");
        assertStillAtFirstPull();
    }

    @Test
    void pull_serverStallsInTheMiddleOfABody_timesOutAndKeepsPreviousState() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        client.pull();
        client.close();
        client = FieldsafeClient.open(home, new FieldsafeClient.Settings(Duration.ofMillis(500), Duration.ofMillis(500),
                SETTINGS.clock()));
        server.serveManifest("manifest-v2.json");
        server.on("GET", "/api/v1/sync/forms/interview/versions/2", FakeServer.stall());

        ClientException e = catchThrowableOfType(ClientException.class, () -> client.pull());

        assertThat(e.reason()).isEqualTo(Reason.NETWORK);
        assertThat(e.getMessage()).contains("no complete answer within");
        assertStillAtFirstPull();
    }

    @Test
    void pull_firstPullFailsHalfway_storesNothing() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        server.on("GET", "/api/v1/sync/forms/interview/versions/1", FakeServer.text(502, "<html>Bad gateway</html>"));

        ClientException e = catchThrowableOfType(ClientException.class, () -> client.pull());

        assertThat(e.getMessage()).isEqualTo("the server failed to send form interview v1 (HTTP 502)");
        assertNothingPulled();
    }

    @Test
    void pull_unauthorised_saysRevokedAndEnrolAgain() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        server.on("GET", "/api/v1/sync/manifest",
                FakeServer.problem(401, "unauthorised", "Not authenticated", "Missing, unknown or revoked token."));

        ClientException e = catchThrowableOfType(ClientException.class, () -> client.pull());

        assertThat(e.reason()).isEqualTo(Reason.UNAUTHORISED);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("revoked or its token is invalid").contains("enrol it again")
                .doesNotContain(FakeServer.TOKEN);
    }

    @Test
    void pull_manifestForAnotherStudy_refused() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        String other = new String(FakeServer.fixture("manifest.json")).replace("\"beyond-awareness\"", "\"other\"");
        server.on("GET", "/api/v1/sync/manifest", FakeServer.authorised(FakeServer.json(200, other.getBytes())));

        assertThatThrownBy(() -> client.pull()).isInstanceOf(ClientException.class)
                .hasMessageContaining("it is for study 'other' but this device is enrolled for study 'beyond-awareness'");
        assertNothingPulled();
    }

    @Test
    void pull_unreadableManifest_clearMessage() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        server.on("GET", "/api/v1/sync/manifest", FakeServer.authorised(FakeServer.json(200, "{\"forms\": [".getBytes())));

        assertThatThrownBy(() -> client.pull()).isInstanceOf(ClientException.class)
                .hasMessageStartingWith("the server sent an unreadable manifest");
        assertNothingPulled();
    }

    @Test
    void pull_manifestWithFieldsThisClientDoesNotKnow_isAccepted() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        server.serveManifest("manifest-v2.json");

        PullResult result = client.pull();

        assertThat(result.pulled()).extracting(FormVersion::toString).containsExactly("consent v1", "interview v2");
    }

    @Test
    void pull_firstManifestWithKeys_pinsThem() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        server.serveManifest(withKeys("manifest.json", key("research", "aa"), key("safeguarding", "bb")));

        PullResult result = client.pull();

        assertThat(result.keysPinned()).isEqualTo(2);
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            assertThat(store.studyKeys()).extracting(StoredKey::purpose, StoredKey::fingerprint)
                    .containsExactly(tuple("research", fp("aa")), tuple("safeguarding", fp("bb")));
        }
    }

    @Test
    void pull_manifestOfferingAnotherKey_refusedAndStoreUnchanged() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        server.serveManifest(withKeys("manifest.json", key("research", "aa")));
        client.pull();
        server.serveManifest(withKeys("manifest-v2.json", key("research", "cc")));

        ClientException e = catchThrowableOfType(ClientException.class, () -> client.pull());

        assertThat(e.reason()).isEqualTo(Reason.INTEGRITY);
        assertThat(e.getMessage()).contains("research study key").contains("differs from the keys this device pinned")
                .contains("enrol the device again");
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            assertThat(store.studyKeys()).extracting(StoredKey::fingerprint).containsExactly(fp("aa"));
            assertThat(store.forms()).extracting(StoredForm::version).containsExactly(1, 1);
        }
    }

    @Test
    void pull_pinnedKeysOfferedAgain_accepted() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        server.serveManifest(withKeys("manifest.json", key("research", "aa")));
        client.pull();
        server.serveManifest(withKeys("manifest-v2.json", key("research", "aa")));

        PullResult result = client.pull();

        assertThat(result.keysPinned()).isZero();
        assertThat(result.pulled()).extracting(FormVersion::toString).containsExactly("interview v2");
    }

    @Test
    void enrolForce_outboxNotEmpty_refusedUntilSynced() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            store.outbox().put("0190a1b2-0000-7000-8000-000000000001", "{}".getBytes(StandardCharsets.UTF_8), NOW);
        }

        ClientException e = catchThrowableOfType(ClientException.class,
                () -> client.enrol(server.uri(), "WXYZ-WXYZ-WXYZ", "laptop-7", true));

        assertThat(e.reason()).isEqualTo(Reason.OUTBOX_NOT_EMPTY);
        assertThat(e.getMessage()).contains("1 sealed interview(s)").contains("client sync").contains("dev-7f3a");
        assertThat(server.requests("POST", "/api/v1/devices/enrol")).hasSize(1);
        assertThat(client.device()).hasValueSatisfying(d -> assertThat(d.deviceId()).isEqualTo("dev-7f3a"));

        try (DeviceStore store = DeviceStore.openExisting(home)) {
            store.outbox().discard("0190a1b2-0000-7000-8000-000000000001");
        }
        client.enrol(server.uri(), "WXYZ-WXYZ-WXYZ", "laptop-7", true);
        assertThat(server.requests("POST", "/api/v1/devices/enrol")).hasSize(2);
    }

    @Test
    void enrol_force_letsTheNextManifestPinNewKeys() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        server.serveManifest(withKeys("manifest.json", key("research", "aa")));
        client.pull();

        client.enrol(server.uri(), "WXYZ-WXYZ-WXYZ", "laptop-7", true);
        server.serveManifest(withKeys("manifest.json", key("research", "cc")));
        PullResult result = client.pull();

        assertThat(result.keysPinned()).isEqualTo(1);
    }

    @Test
    void listForms_afterPull_givesTitlesLanguagesAndStates() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        client.pull();

        List<FormSummary> forms = client.listForms();

        assertThat(forms).hasSize(2);
        FormSummary consent = forms.get(0);
        assertThat(consent.formId()).isEqualTo("consent");
        assertThat(consent.kind()).isEqualTo("consent");
        assertThat(consent.version()).isEqualTo(1);
        assertThat(consent.title()).isEqualTo("Informed consent");
        assertThat(consent.shortHash()).isEqualTo(Digests.sha256Hex(FakeServer.fixture("forms/consent-v1.json")).substring(0, 12));
        assertThat(consent.languages()).containsExactly(Map.entry("en", "complete"), Map.entry("km", "draft"),
                Map.entry("lhu", "missing"));
        assertThat(forms.get(1).title()).isEqualTo("Perceptions of trafficking");
    }

    @Test
    void listForms_beforeAnyPull_isEmpty() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");

        assertThat(client.listForms()).isEmpty();
    }

    @Test
    void title_withoutMasterLanguage_fallsBackToAnyText() {
        assertThat(FieldsafeClient.title("{\"title\":{\"km\":\"ក\"}}".getBytes(StandardCharsets.UTF_8),
                "en")).isEqualTo("ក");
        assertThat(FieldsafeClient.title("{\"id\":\"x\"}".getBytes(), "en")).isNull();
    }

    private void assertNothingPulled() throws Exception {
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            assertThat(store.manifest()).isEmpty();
            assertThat(store.study()).isEmpty();
            assertThat(store.forms()).isEmpty();
        }
        assertThat(client.listForms()).isEmpty();
    }

    private void assertStillAtFirstPull() throws Exception {
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            assertThat(store.manifest().orElseThrow().body()).isEqualTo(FakeServer.fixture("manifest.json"));
            assertThat(store.forms()).extracting(StoredForm::formId, StoredForm::version)
                    .containsExactly(tuple("consent", 1),
                            tuple("interview", 1));
            assertThat(store.forms().get(0).languages()).containsEntry("km", "draft");
        }
        assertThat(client.listForms()).extracting(FormSummary::version).containsExactly(1, 1);
    }

    /** A study key whose 32 raw bytes are all {@code hexByte}, with its true fingerprint. */
    static Map<String, String> key(String purpose, String hexByte) {
        return Map.of("purpose", purpose, "algorithm", "X25519", "publicKey",
                Base64.getEncoder().encodeToString(rawKey(hexByte)), "fingerprint", fp(hexByte));
    }

    static byte[] rawKey(String hexByte) {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) Integer.parseInt(hexByte, 16));
        return raw;
    }

    static String fp(String hexByte) {
        return Digests.sha256Hex(rawKey(hexByte));
    }

    @Test
    void enrol_answerWithKeys_pinsThemAndKeepsTheCodeKey() throws Exception {
        ObjectNode answer = (ObjectNode) Json.mapper().readTree(FakeServer.fixture("enrolment.json"));
        answer.set("keys", Json.mapper().valueToTree(List.of(key("research", "aa"), key("receipt", "bb"))));
        byte[] codeKey = rawKey("cc");
        answer.put("respondentCodeKey", Base64.getEncoder().encodeToString(codeKey));
        server.on("POST", "/api/v1/devices/enrol", FakeServer.json(201, Json.mapper().writeValueAsBytes(answer)));

        client.enrol(server.uri(), CODE, "laptop-7");

        try (DeviceStore store = DeviceStore.openExisting(home)) {
            assertThat(store.studyKeys()).extracting(StoredKey::purpose, StoredKey::fingerprint)
                    .containsExactlyInAnyOrder(tuple("research", fp("aa")), tuple("receipt", fp("bb")));
            assertThat(store.respondentCodeKey()).hasValueSatisfying(k -> assertThat(k).isEqualTo(codeKey));
        }
        server.serveManifest(withKeys("manifest.json", key("research", "dd")));
        assertThat(catchThrowableOfType(ClientException.class, () -> client.pull()).reason())
                .as("a manifest offering another key than those pinned at enrolment").isEqualTo(Reason.INTEGRITY);
    }

    @Test
    void pull_keyWhoseFingerprintIsNotItsHash_refused() throws Exception {
        client.enrol(server.uri(), CODE, "laptop-7");
        Map<String, String> forged = new java.util.HashMap<>(key("research", "aa"));
        forged.put("fingerprint", fp("bb"));
        server.serveManifest(withKeys("manifest.json", forged));

        ClientException e = catchThrowableOfType(ClientException.class, () -> client.pull());

        assertThat(e.getMessage()).contains("fingerprint is not the SHA-256 of its public key");
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            assertThat(store.studyKeys()).isEmpty();
        }
    }

    @SafeVarargs
    static byte[] withKeys(String manifestFixture, Map<String, String>... keys) throws IOException {
        ObjectNode manifest = (ObjectNode) Json.mapper().readTree(FakeServer.fixture(manifestFixture));
        ArrayNode array = manifest.putArray("keys");
        for (Map<String, String> key : keys) {
            array.add(Json.mapper().valueToTree(key));
        }
        return Json.mapper().writeValueAsBytes(manifest);
    }

    @Test
    void enrolHome_firstEnrolmentFails_leavesNoStoreBehind() throws Exception {
        Path fresh = home.resolve("new-laptop");
        URI nobody = URI.create("http://127.0.0.1:" + freePort());
        assertThatThrownBy(() -> FieldsafeClient.enrolHome(fresh, SETTINGS, nobody, CODE, "laptop", false))
                .isInstanceOf(ClientException.class);
        assertThat(fresh).doesNotExist();
    }

    @Test
    void cleartextOverNetwork_plainHttpToAnotherMachineOnly() {
        assertThat(FieldsafeClient.cleartextOverNetwork(URI.create("http://192.0.2.10:8080"))).isTrue();
        assertThat(FieldsafeClient.cleartextOverNetwork(URI.create("https://192.0.2.10"))).isFalse();
        assertThat(FieldsafeClient.cleartextOverNetwork(URI.create("http://localhost:8080"))).isFalse();
        assertThat(FieldsafeClient.cleartextOverNetwork(URI.create("http://127.0.0.1:8080"))).isFalse();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
