package org.fieldsafe.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.Envelope.SealedPart;
import org.fieldsafe.core.wire.Envelope.WrappedKey;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionHeader.ConsentAssertion;
import org.fieldsafe.core.wire.SubmissionHeader.RespondentAssertion;
import org.fieldsafe.core.wire.SubmissionIds;

/**
 * Realistic uploads: a header valid per docs/sealing.md for the device and study (adult respondent, verbal
 * consent to participate, no recording, no disclosure) and sealed parts of random bytes, which the server treats
 * as opaque, each addressed to the study key of its purpose. One in five also carries an {@code identity} part
 * when the study has an identity key. Sizes are uniform in [minBytes, maxBytes].
 */
final class EnvelopeFactory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CATEGORIES = List.of("RH", "DB", "CS");

    private final StudyContext study;
    private final int minBytes;
    private final int maxBytes;

    EnvelopeFactory(StudyContext study, int minBytes, int maxBytes) {
        if (minBytes < 2048 || maxBytes < minBytes) {
            throw new IllegalArgumentException("need 2048 <= minBytes <= maxBytes");
        }
        this.study = study;
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
    }

    /** A sealed upload: its id and its exact bytes. */
    record Upload(String submissionId, byte[] body) {
    }

    Upload next(Device device, Random random) {
        return build(device, random, newId(), hex(random, 32));
    }

    /** A new submission id, made as the client makes it (time-ordered, {@link SubmissionIds}). */
    static String newId() {
        return SubmissionIds.next();
    }

    /** An upload with the given submission id and respondent code (64 hex digits). */
    Upload build(Device device, Random random, String id, String respondentCode) {
        boolean identity = random.nextInt(5) == 0 && study.keyIds().containsKey(Envelope.IDENTITY);
        List<String> parts = identity ? List.of(Envelope.IDENTITY, Envelope.RESEARCH) : List.of(Envelope.RESEARCH);
        String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        RespondentAssertion respondent = new RespondentAssertion(respondentCode, category,
                new ConsentAssertion(true, false, "verbal", false, null, null));
        SubmissionHeader header = new SubmissionHeader(SubmissionHeader.VERSION, id, study.study(), study.interview(),
                study.consent(), device.site(), device.deviceId(), device.enumerator(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "en", List.of(respondent), null, parts);
        int target = minBytes + random.nextInt(maxBytes - minBytes + 1);
        Map<String, SealedPart> sealed = new TreeMap<>();
        if (identity) {
            sealed.put(Envelope.IDENTITY, part(Envelope.IDENTITY, random, 180));
        }
        sealed.put(Envelope.RESEARCH, part(Envelope.RESEARCH, random, 0));
        int overhead = write(new Envelope(header, sealed)).length;
        int researchBytes = Math.max(16, (target - overhead) * 3 / 4);
        sealed.put(Envelope.RESEARCH, part(Envelope.RESEARCH, random, researchBytes));
        return new Upload(id, write(new Envelope(header, sealed)));
    }

    /** A part sealed to the study key of its purpose (parts are named after their key's purpose). */
    private SealedPart part(String name, Random random, int ciphertextBytes) {
        String keyId = study.keyIds().getOrDefault(name, "0".repeat(64));
        List<WrappedKey> recipients = List.of(new WrappedKey(keyId, b64(random, 32), b64(random, 48)));
        return new SealedPart(b64(random, 12), b64(random, ciphertextBytes + 16), recipients);
    }

    private static byte[] write(Envelope envelope) {
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an envelope", e);
        }
    }

    private static String b64(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    static String hex(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
