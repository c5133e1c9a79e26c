package org.fieldsafe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.json.ServerJson;

/**
 * Test envelopes and study keys. The server treats sealed parts as opaque, so parts here are random bytes of
 * the right sizes, addressed to the study's key fingerprints; the keys are real X25519 key pairs
 * ({@code StudyKeys}) with private keys wrapped under {@link #PASSPHRASE}, so a test can also seal for real.
 */
public final class Envelopes {
    private static final ObjectMapper JSON = ServerJson.api();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private Envelopes() {
    }

    /**
     * Passphrase of the test key holders' own copies: {@link TestApp#postStudyKeys} gives every person whose role
     * holds a key a copy wrapped under it (as if each had set it), so tests of other features unlock with it.
     */
    public static final String PASSPHRASE = "correct horse battery staple";
    /** The one-time secret the first holders' pending copies ({@link #FIRST_HOLDERS}) are wrapped under. */
    public static final String FIRST_SECRET = "one-time secret of the first holders";
    /** Purpose to the first holder {@link #newStudyKeys} names for it, and that holder's role. */
    public static final Map<String, List<String>> FIRST_HOLDERS = Map.of(
            "research", List.of("kh-research", "data_manager"),
            "safeguarding", List.of("kh-safeguarding", "safeguarding_officer"),
            "identity", List.of("kh-identity", "principal_investigator"));
    public static final PasswordHasher.Cost CHEAP = new PasswordHasher.Cost(64, 1, 1);

    /**
     * A study's keys as {@code POST /studies/{study}/keys} takes them, with purpose to fingerprint and, for tests
     * that open parts, the key pairs.
     */
    public record StudyKeys(StudyKeysRequest request, Map<String, String> fingerprints, byte[] codeKey,
                            Map<String, KeyPairBytes> pairs) {
    }

    /**
     * Three fresh X25519 key pairs (research, safeguarding, identity), each wrapped under {@link #FIRST_SECRET} as
     * the pending copy of its {@link #FIRST_HOLDERS first holder}.
     */
    public static StudyKeys newStudyKeys() {
        return newStudyKeys(CHEAP);
    }

    /** As {@link #newStudyKeys()}, each private key wrapped at Argon2id cost {@code cost}. */
    public static StudyKeys newStudyKeys(PasswordHasher.Cost cost) {
        List<StudyKeysRequest.Key> keys = new ArrayList<>();
        Map<String, String> fingerprints = new TreeMap<>();
        Map<String, KeyPairBytes> pairs = new TreeMap<>();
        for (String purpose : List.of("research", "safeguarding", "identity")) {
            KeyPairBytes pair = org.fieldsafe.core.crypto.StudyKeys.generateX25519();
            String fingerprint = pair.fingerprint();
            keys.add(new StudyKeysRequest.Key(purpose, "X25519", B64.encodeToString(pair.publicKey()), fingerprint,
                    PassphraseCipher.wrapPrivateKey(pair.privateKey(), FIRST_SECRET.toCharArray(), purpose,
                            fingerprint, cost).toJson(), FIRST_HOLDERS.get(purpose).get(0)));
            fingerprints.put(purpose, fingerprint);
            pairs.put(purpose, pair);
        }
        byte[] codeKey = RespondentCodes.newKey();
        return new StudyKeys(new StudyKeysRequest(keys, B64.encodeToString(codeKey)), fingerprints, codeKey, pairs);
    }

    /** The keyed hash of a respondent code under the study's code key, as devices compute it. */
    public static String codeHash(byte[] codeKey, String code) {
        return RespondentCodes.hash(codeKey, code);
    }

    /** Where an envelope goes: the device's study, site, device id and enumerator, the forms and the keys. */
    public record Target(String study, String site, String deviceId, String enumerator,
                         SubmissionHeader.FormRef form, SubmissionHeader.FormRef consentForm,
                         Map<String, String> fingerprints) {
    }

    /** A valid envelope (as a JSON tree, for tests to alter) of one adult RH respondent, research part only. */
    public static ObjectNode valid(Target target, String codeHash) {
        return valid(target, UUID.randomUUID().toString(), "RH", codeHash);
    }

    public static ObjectNode valid(Target target, String submissionId, String category, String codeHash) {
        SubmissionHeader.ConsentAssertion consent = new SubmissionHeader.ConsentAssertion(true, false, "verbal",
                false, null, null);
        SubmissionHeader header = new SubmissionHeader(1, submissionId, target.study(), target.form(),
                target.consentForm(), target.site(), target.deviceId(), target.enumerator(), "2026-03-01T07:30:00Z",
                "km", List.of(new SubmissionHeader.RespondentAssertion(codeHash, category, consent)), null,
                List.of(Envelope.RESEARCH));
        Map<String, Envelope.SealedPart> parts = new LinkedHashMap<>();
        parts.put(Envelope.RESEARCH, part(target.fingerprints().get("research")));
        return JSON.valueToTree(new Envelope(header, parts));
    }

    /** A sealed-looking part: 12-byte nonce, random ciphertext, one recipient with a 32-byte enc and 48-byte key. */
    public static Envelope.SealedPart part(String keyId) {
        return new Envelope.SealedPart(random(12), random(200),
                List.of(new Envelope.WrappedKey(keyId, random(32), random(48))));
    }

    /** Adds a part, keeping {@code header.parts} sorted and equal to the part names. */
    public static ObjectNode withPart(ObjectNode envelope, String name, String keyId) {
        ((ObjectNode) envelope.get("parts")).set(name, JSON.valueToTree(part(keyId)));
        List<String> names = new ArrayList<>();
        envelope.get("parts").fieldNames().forEachRemaining(names::add);
        names.sort(null);
        ArrayNode list = ((ObjectNode) envelope.get("header")).putArray("parts");
        names.forEach(list::add);
        return envelope;
    }

    /** Sets the value at a dotted path such as {@code header.respondents.0.consent.minor}. */
    public static ObjectNode set(ObjectNode envelope, String path, Object value) {
        String[] steps = path.split("\\.");
        JsonNode parent = envelope;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
        }
        JsonNode node = value == null ? NullNode.getInstance() : JSON.valueToTree(value);
        String last = steps[steps.length - 1];
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), node);
        } else {
            ((ObjectNode) parent).set(last, node);
        }
        return envelope;
    }

    /** Removes the field at a dotted path. */
    public static ObjectNode remove(ObjectNode envelope, String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? envelope : envelope.at("/" + path.substring(0, dot).replace('.', '/'));
        ((ObjectNode) parent).remove(path.substring(dot + 1));
        return envelope;
    }

    public static String submissionId(ObjectNode envelope) {
        return envelope.get("header").get("submissionId").asText();
    }

    public static byte[] bytes(JsonNode envelope) {
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String random(int bytes) {
        return B64.encodeToString(Secrets.randomBytes(bytes));
    }
}
