package org.fieldsafe.server.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.core.util.Base64Fields;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.auth.UserDao;
import org.fieldsafe.server.auth.UserRow;
import org.jdbi.v3.core.Handle;

/**
 * A study's keys (docs/sealing.md): three X25519 public keys, set once, each private key kept only as its holders'
 * own wrapped copies ({@code study_key_holders}), and the respondent-code key (stored only wrapped, {@link
 * CodeKeyVault}). Devices get the public keys, the receipt key and the code key at enrolment.
 */
public final class StudyKeyService {
    public static final String RESEARCH = "research";
    public static final String SAFEGUARDING = "safeguarding";
    public static final String IDENTITY = "identity";
    /** The study key purposes, in the order they are listed. */
    public static final List<String> PURPOSES = List.of(RESEARCH, SAFEGUARDING, IDENTITY);
    /**
     * The study's RSA key for ODK-encrypted (OpenRosa) submissions ({@link OdkKeys}): held by the research key's
     * holders, added after the three above, never pinned by Fieldsafe devices.
     */
    public static final String ODK = "odk";
    /**
     * The study-level X25519 key transcripts and translations are also sealed to ({@link TranscriptionKeys}): held by
     * transcribers, it opens no envelope part, attachment or export; never pinned by devices.
     */
    public static final String TRANSCRIPTION = "transcription";
    /** Every purpose a holder may hold a wrapped copy of. */
    public static final List<String> HELD_PURPOSES = List.of(RESEARCH, SAFEGUARDING, IDENTITY, ODK, TRANSCRIPTION);
    public static final String X25519 = "X25519";

    /** What {@code study_keys.wrapped_private_key} holds once no shared copy is left (docs/sealing.md). */
    static final String NO_SHARED_COPY = "";
    private static final int KEY_BYTES = 32;
    private static final int MAX_WRAPPED_CHARS = 8192;
    private static final Comparator<StudyKeyRow> LISTING_ORDER =
            Comparator.comparingInt(row -> HELD_PURPOSES.indexOf(row.purpose()));

    private final Database database;
    private final StudyStore studies;
    private final ReceiptKey receiptKey;
    private final CodeKeyVault codeKeys;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher.Cost minimumCost;
    private final KeyHolderRoles roles = new KeyHolderRoles();

    /** @param minimumCost the least Argon2id cost of an uploaded wrapped key (config {@code keys.minArgon2}) */
    public StudyKeyService(Database database, StudyStore studies, ReceiptKey receiptKey, CodeKeyVault codeKeys,
                           AuditLog audit, Clock clock, PasswordHasher.Cost minimumCost) {
        this.database = database;
        this.studies = studies;
        this.receiptKey = receiptKey;
        this.codeKeys = codeKeys;
        this.audit = audit;
        this.clock = clock;
        this.minimumCost = minimumCost;
    }

    /**
     * Stores a study's keys, each private key only as its first holder's pending copy (wrapped under a one-time
     * secret on the admin's machine; the holder sets their own passphrase at first use). 409 when the study has keys
     * already, 422 naming the first field that is not valid (a holder must be a person whose role study.yaml's
     * {@code key_holders} names for the purpose; a wrapped key must be a passphrase-sealed value whose Argon2id cost
     * is at least the configured minimum); nothing is written then.
     */
    public List<Manifest.StudyKey> create(String actor, String studyId, StudyKeysRequest request) {
        CompiledStudy compiled = studies.current(studyId);
        String study = compiled.id();
        validate(request, minimumCost);
        String wrappedCodeKey = codeKeys.wrap(study, Base64.getDecoder().decode(request.respondentCodeKey()));
        Instant now = Instant.ofEpochMilli(clock.millis());
        List<StudyKeyRow> rows = request.keys().stream()
                .map(k -> new StudyKeyRow(study, k.purpose(), k.algorithm(), k.publicKey(), k.fingerprint(),
                        NO_SHARED_COPY, actor, now))
                .sorted(LISTING_ORDER)
                .toList();
        database.write(handle -> {
            StudyKeyDao dao = handle.attach(StudyKeyDao.class);
            if (dao.list(study).stream().anyMatch(row -> PURPOSES.contains(row.purpose()))
                    || dao.countCodeKeys(study) > 0) {
                throw ProblemException.conflict("study-keys-exist", "Study keys exist",
                        "The study has keys already; they cannot be replaced.");
            }
            if (dao.countFingerprints(rows.stream().map(StudyKeyRow::fingerprint).toList()) > 0) {
                throw invalid("keys");
            }
            checkHolders(handle, compiled, request);
            rows.forEach(dao::insert);
            dao.insertCodeKey(study, wrappedCodeKey, now);
            StringBuilder subject = new StringBuilder("study:" + study);
            rows.forEach(r -> subject.append(' ').append(r.purpose()).append(':').append(r.fingerprint()));
            audit.append(handle, actor, "study.keys.created", subject.toString());
            KeyHolderDao holders = handle.attach(KeyHolderDao.class);
            for (StudyKeysRequest.Key key : request.keys()) {
                holders.insert(new KeyHolderRow(study, key.purpose(), key.holder(), KeyHolderRow.PENDING,
                        key.wrappedPrivateKey(), actor, now));
                audit.append(handle, actor, "key.holder.granted", "study:" + study + " purpose:" + key.purpose()
                        + " key:" + key.fingerprint() + " holder:" + key.holder() + " state:pending");
            }
            return null;
        });
        return rows.stream().map(StudyKeyService::listing).toList();
    }

    private void checkHolders(Handle handle, CompiledStudy study, StudyKeysRequest request) {
        UserDao users = handle.attach(UserDao.class);
        for (int i = 0; i < request.keys().size(); i++) {
            StudyKeysRequest.Key key = request.keys().get(i);
            String role = key.holder() == null ? null
                    : users.find(key.holder()).map(UserRow::role).orElse(null);
            if (role == null || !roles.allows(study, key.purpose(), role)) {
                throw invalid("keys[" + i + "].holder");
            }
        }
    }

    /** The study's public keys (none before {@code admin keys init}); 404 for an unknown study. */
    public List<Manifest.StudyKey> publicKeys(String studyId) {
        String study = studies.current(studyId).id();
        return database.read(h -> rows(h, study)).stream().map(StudyKeyService::listing).toList();
    }

    /** What devices pin: the study's public keys, then the server's receipt key. */
    public List<Manifest.StudyKey> deviceKeys(String studyId) {
        List<Manifest.StudyKey> keys = new ArrayList<>(
                database.read(h -> rows(h, studyId)).stream().filter(row -> !ODK.equals(row.purpose())
                        && !TRANSCRIPTION.equals(row.purpose()))
                        .map(StudyKeyService::listing).toList());
        keys.add(receiptKey.listing());
        return List.copyOf(keys);
    }

    /** The study's respondent-code key (base64), once the study has keys: unwrapped now, in memory only. */
    public Optional<String> respondentCodeKey(String studyId) {
        return database.read(h -> h.attach(StudyKeyDao.class).wrappedCodeKey(studyId))
                .map(wrapped -> Base64.getEncoder().encodeToString(codeKeys.unwrap(studyId, wrapped)));
    }

    /** Purpose to fingerprint of the study's keys, read with {@code handle}. */
    public static Map<String, String> fingerprints(Handle handle, String studyId) {
        Map<String, String> fingerprints = new TreeMap<>();
        rows(handle, studyId).forEach(row -> fingerprints.put(row.purpose(), row.fingerprint()));
        return fingerprints;
    }

    private static List<StudyKeyRow> rows(Handle handle, String studyId) {
        return handle.attach(StudyKeyDao.class).list(studyId).stream().sorted(LISTING_ORDER).toList();
    }

    private static Manifest.StudyKey listing(StudyKeyRow row) {
        return new Manifest.StudyKey(row.purpose(), row.algorithm(), row.publicKey(), row.fingerprint());
    }

    static void validate(StudyKeysRequest request, PasswordHasher.Cost minimumCost) {
        if (request.keys() == null || request.keys().size() != PURPOSES.size()) {
            throw invalid("keys");
        }
        Set<String> purposes = new HashSet<>();
        Set<String> fingerprints = new HashSet<>();
        for (int i = 0; i < request.keys().size(); i++) {
            StudyKeysRequest.Key key = request.keys().get(i);
            String field = "keys[" + i + "]";
            if (key == null) {
                throw invalid(field);
            }
            if (!PURPOSES.contains(key.purpose()) || !purposes.add(key.purpose())) {
                throw invalid(field + ".purpose");
            }
            if (!X25519.equals(key.algorithm())) {
                throw invalid(field + ".algorithm");
            }
            byte[] publicKey = Base64Fields.decodeOrNull(key.publicKey());
            if (publicKey == null || publicKey.length != KEY_BYTES) {
                throw invalid(field + ".publicKey");
            }
            if (!Digests.sha256Hex(publicKey).equals(key.fingerprint()) || !fingerprints.add(key.fingerprint())) {
                throw invalid(field + ".fingerprint");
            }
            if (key.wrappedPrivateKey() == null || key.wrappedPrivateKey().isBlank()
                    || key.wrappedPrivateKey().length() > MAX_WRAPPED_CHARS
                    || !wrappedAtLeast(key.wrappedPrivateKey(), minimumCost)) {
                throw invalid(field + ".wrappedPrivateKey");
            }
        }
        byte[] codeKey = Base64Fields.decodeOrNull(request.respondentCodeKey());
        if (codeKey == null || codeKey.length != KEY_BYTES) {
            throw invalid("respondentCodeKey");
        }
    }

    /**
     * True when {@code wrapped} is a passphrase-sealed value (docs/sealing.md) of the supported version whose
     * Argon2id cost is at least {@code minimum}: a cheaper wrapping would let a stolen database be guessed faster.
     */
    static boolean wrappedAtLeast(String wrapped, PasswordHasher.Cost minimum) {
        try {
            PassphraseCipher.Sealed sealed = PassphraseCipher.Sealed.fromJson(wrapped);
            return sealed != null && sealed.v() == PassphraseCipher.VERSION
                    && PassphraseCipher.KDF.equals(sealed.kdf()) && sealed.cost().atLeast(minimum);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ProblemException invalid(String field) {
        return ProblemException.invalidField("study-keys-invalid", "Study keys not valid", field);
    }
}
