package org.fieldsafe.client.fieldwork;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.keys.StoredKey;
import org.fieldsafe.client.store.DeviceRecord;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.PullUpdate;
import org.fieldsafe.client.store.StoredForm;
import org.fieldsafe.client.store.StoredStudy;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.wire.Envelope;

/** A device store enrolled at KH-SVR holding the reference study, for the {@code client interview} tests. */
public final class TestDevice {
    public static final Path STUDY_DIR = Path.of("..", "forms", "beyond-awareness");

    private TestDevice() {
    }

    /** Enrols the device at KH-SVR, stores the reference study and forms and a respondent-code key. */
    public static void prepare(Path home, Instant now) throws Exception {
        prepare(home, now, STUDY_DIR);
    }

    /** As {@link #prepare(Path, Instant)}, with the study in {@code studyDir} (a benchmark's generated one). */
    public static void prepare(Path home, Instant now, Path studyDir) throws Exception {
        StudyBundle b = StudyLoader.load(studyDir);
        try (DeviceStore store = DeviceStore.open(home)) {
            store.saveEnrolment(new DeviceRecord(URI.create("http://localhost:1"), "dev-7f3a", "token",
                    b.study().id(), "KH-SVR", "enum-kh1", "laptop-7", now), false);
            List<StoredForm> forms = new ArrayList<>();
            for (FormDefinition f : b.forms()) {
                forms.add(new StoredForm(f.id(), 1, f.kind().toString(), f.sha256(), Map.of(), f.canonicalJson(), now));
            }
            store.applyPull(new PullUpdate(null, "{}".getBytes(StandardCharsets.UTF_8), new StoredStudy(b.study().id(),
                    b.study().sha256(), b.study().canonicalJson(), now), forms, List.of(), List.of(), now));
        }
        sql(home, "UPDATE device SET respondent_code_key = '" + Base64.getEncoder().encodeToString(new byte[32]) + "'");
    }

    /** Pins fresh research, identity and safeguarding keys, as a pull would; returns the key pairs by purpose. */
    public static Map<String, KeyPairBytes> pinStudyKeys(Path home, Instant now) throws Exception {
        Map<String, KeyPairBytes> keys = new LinkedHashMap<>();
        List<StoredKey> pinned = new ArrayList<>();
        for (String purpose : List.of("research", "identity", "safeguarding")) {
            KeyPairBytes pair = StudyKeys.generateX25519();
            keys.put(purpose, pair);
            pinned.add(new StoredKey(purpose, "X25519", Base64.getEncoder().encodeToString(pair.publicKey()),
                    pair.fingerprint(), now));
        }
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            store.applyPull(new PullUpdate(null, "{}".getBytes(StandardCharsets.UTF_8), null, List.of(), List.of(),
                    pinned, now));
        }
        return keys;
    }

    /** A stand-in sealer that records the plaintext parts and puts no plaintext in the envelope. */
    public static InterviewCrypto.SealerFactory recordingSealer(Map<String, byte[]> sealedPlaintexts) {
        return keys -> (header, parts) -> {
            sealedPlaintexts.putAll(parts);
            Map<String, Envelope.SealedPart> sealed = new LinkedHashMap<>();
            parts.keySet().forEach(name -> sealed.put(name, new Envelope.SealedPart("bm9uY2U=", "c2VhbGVk", List.of())));
            return new Envelope(header, sealed);
        };
    }

    public static void sql(Path home, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(DeviceStore.DATABASE_FILE));
             Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
