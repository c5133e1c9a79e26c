package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Study keys: set once, public parts listed to the study team, handed to devices in manifest and enrolment. */
@ExtendWith(DropwizardExtensionsSupport.class)
class StudyKeysIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String KEYS = "/studies/" + TestApp.STUDY + "/keys";
    private static final TypeReference<List<Manifest.StudyKey>> KEY_LIST = new TypeReference<>() {
    };

    private static String admin;
    private static Envelopes.StudyKeys keys;
    private static HttpResponse<String> created;

    @BeforeAll
    static void setUp() {
        admin = APP.adminToken();
        APP.createUser(admin, "enum1", "enumerator", List.of("KH-SVR"));
        keys = Envelopes.newStudyKeys();
        created = APP.postStudyKeys(admin, TestApp.STUDY, keys);
    }

    @Test
    void post_validKeys_201AndListedWithoutPrivateParts() {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        List<Manifest.StudyKey> listed = APP.read(APP.get(KEYS, admin), KEY_LIST);
        assertThat(listed).extracting(Manifest.StudyKey::purpose).containsExactly("research", "safeguarding", "identity");
        assertThat(listed).allSatisfy(k -> {
            assertThat(k.algorithm()).isEqualTo("X25519");
            assertThat(k.fingerprint()).isEqualTo(Digests.sha256Hex(Base64.getDecoder().decode(k.publicKey())));
            assertThat(k.fingerprint()).isEqualTo(keys.fingerprints().get(k.purpose()));
        });
        assertThat(APP.get(KEYS, admin).body()).doesNotContain("argon2id").doesNotContain("wrapped")
                .doesNotContain(keys.request().respondentCodeKey());
        assertThat(APP.services().audit().verify().intact()).isTrue();
        assertThat(APP.count("audit_log", "event = 'study.keys.created'")).isEqualTo(1);
    }

    @Test
    void post_again_409AndKeysUnchanged() {
        HttpResponse<String> again = APP.postJson(KEYS, admin, Envelopes.newStudyKeys().request());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(APP.problem(again)).containsEntry("type", "urn:fieldsafe:problem:study-keys-exist");
        assertThat(APP.read(APP.get(KEYS, admin), KEY_LIST)).extracting(Manifest.StudyKey::fingerprint)
                .containsExactlyElementsOf(keys.fingerprints().values().stream().sorted(
                        java.util.Comparator.comparing(fp -> List.of("research", "safeguarding", "identity")
                                .indexOf(purposeOf(fp)))).toList());
    }

    @Test
    void manifestAndEnrolment_listStudyKeysAndReceiptKey() {
        DeviceEnrolment enrolment = APP.enrolDevice(APP.enrolmentCode(admin, "KH-SVR", "enum1").code());
        assertThat(enrolment.keys()).extracting(Manifest.StudyKey::purpose)
                .containsExactly("research", "safeguarding", "identity", "receipt");
        assertThat(enrolment.respondentCodeKey()).isEqualTo(keys.request().respondentCodeKey());
        Manifest.StudyKey receipt = enrolment.keys().get(3);
        assertThat(receipt.algorithm()).isEqualTo("Ed25519");
        assertThat(receipt.fingerprint()).isEqualTo(APP.services().receiptKey().keyId())
                .isEqualTo(Digests.sha256Hex(Base64.getDecoder().decode(receipt.publicKey())));
        Manifest manifest = APP.read(APP.get("/sync/manifest", enrolment.deviceToken()), Manifest.class);
        assertThat(manifest.keys()).isEqualTo(enrolment.keys());
        assertThat(enrolment.toString()).doesNotContain(enrolment.respondentCodeKey());
    }

    @Test
    void post_invalidKeys_422NamingTheFieldAndNothingWritten() {
        int keyRows = APP.count("study_keys");
        int audit = APP.count("audit_log");
        assertInvalid(r -> new StudyKeysRequest(r.keys().subList(0, 2), r.respondentCodeKey()), "keys");
        assertInvalid(r -> replaceKey(r, 1, k -> new StudyKeysRequest.Key("research", k.algorithm(), k.publicKey(),
                k.fingerprint(), k.wrappedPrivateKey(), k.holder())), "keys[1].purpose");
        assertInvalid(r -> replaceKey(r, 0, k -> new StudyKeysRequest.Key(k.purpose(), "Ed25519", k.publicKey(),
                k.fingerprint(), k.wrappedPrivateKey(), k.holder())), "keys[0].algorithm");
        String short31 = Base64.getEncoder().encodeToString(new byte[31]);
        assertInvalid(r -> replaceKey(r, 0, k -> new StudyKeysRequest.Key(k.purpose(), k.algorithm(), short31,
                Digests.sha256Hex(new byte[31]), k.wrappedPrivateKey(), k.holder())), "keys[0].publicKey");
        assertInvalid(r -> replaceKey(r, 2, k -> new StudyKeysRequest.Key(k.purpose(), k.algorithm(), "%%%",
                k.fingerprint(), k.wrappedPrivateKey(), k.holder())), "keys[2].publicKey");
        assertInvalid(r -> replaceKey(r, 1, k -> new StudyKeysRequest.Key(k.purpose(), k.algorithm(), k.publicKey(),
                "0".repeat(64), k.wrappedPrivateKey(), k.holder())), "keys[1].fingerprint");
        assertInvalid(r -> replaceKey(r, 1, k -> new StudyKeysRequest.Key(k.purpose(), k.algorithm(), k.publicKey(),
                k.fingerprint(), " ", k.holder())), "keys[1].wrappedPrivateKey");
        assertInvalid(r -> new StudyKeysRequest(r.keys(), Base64.getEncoder().encodeToString(new byte[16])),
                "respondentCodeKey");
        assertInvalid(r -> new StudyKeysRequest(r.keys(), "not base64!"), "respondentCodeKey");
        assertThat(APP.count("study_keys")).isEqualTo(keyRows);
        assertThat(APP.count("audit_log")).isEqualTo(audit);
    }

    @Test
    void post_unknownStudy_404() {
        assertThat(APP.postJson("/studies/nope/keys", admin, Envelopes.newStudyKeys().request()).statusCode())
                .isEqualTo(404);
        assertThat(APP.get("/studies/nope/keys", admin).statusCode()).isEqualTo(404);
    }

    private static void assertInvalid(UnaryOperator<StudyKeysRequest> change, String field) {
        HttpResponse<String> response = APP.postJson(KEYS, admin, change.apply(Envelopes.newStudyKeys().request()));
        assertThat(response.statusCode()).as(field + ": " + response.body()).isEqualTo(422);
        assertThat(APP.problem(response)).containsEntry("type", "urn:fieldsafe:problem:study-keys-invalid")
                .containsEntry("detail", "Field '" + field + "' is not valid.");
    }

    private static StudyKeysRequest replaceKey(StudyKeysRequest request, int index,
                                               UnaryOperator<StudyKeysRequest.Key> change) {
        List<StudyKeysRequest.Key> changed = new ArrayList<>(request.keys());
        changed.set(index, change.apply(changed.get(index)));
        return new StudyKeysRequest(changed, request.respondentCodeKey());
    }

    private static String purposeOf(String fingerprint) {
        return keys.fingerprints().entrySet().stream().filter(e -> e.getValue().equals(fingerprint))
                .findFirst().orElseThrow().getKey();
    }
}
