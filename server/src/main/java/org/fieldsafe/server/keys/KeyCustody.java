package org.fieldsafe.server.keys;

import java.nio.CharBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.fieldsafe.core.crypto.CryptoException;
import org.fieldsafe.core.crypto.PassphraseCipher;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.HashingPermits;
import org.fieldsafe.server.auth.RateLimiter;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;

/**
 * The one way the server ever holds a study private key: unwrapped for one request from the caller's own copy
 * ({@code study_key_holders}, wrapped under their own passphrase), by a person whose role holds that key in the
 * study's {@code key_holders}, and forgotten when the {@link UnlockedKey} is closed. A person with the role but no
 * copy, or whose copy is still pending (wrapped under a one-time secret until they set their passphrase), unlocks
 * nothing. Every unlock is audited ({@code key.unlocked}, {@code key.unlock.failed},
 * {@code key.unlock.denied}; the subject names the study, the purpose, the key and what it was unlocked for, never
 * the passphrase). Wrong passphrases are rate-limited per person, study and purpose, in memory like logins.
 *
 * <p>Passphrases are {@code char[]} so that they can be wiped: this class never keeps or wipes them; the caller
 * owns the array and zeroes it (in a {@code finally}) once the call returns.
 */
public final class KeyCustody {
    /** Wrong passphrases allowed per person, study and purpose within {@link #FAILURE_WINDOW}; then 429. */
    public static final int MAX_FAILURES = 5;
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    /** A new passphrase needs at least this many characters (as the admin CLI asks)... */
    public static final int MIN_PASSPHRASE_LENGTH = 12;
    /** ...of which at least this many different ones. */
    public static final int MIN_DISTINCT_CHARACTERS = 5;

    /**
     * Unwraps run at most this many at a time: each costs the wrapping's Argon2id memory (64 MiB by default), so a
     * burst of requests cannot take the heap; waiting ones are counted against the rate limit only once they run.
     */
    static final int CONCURRENT_UNWRAPS = 2;
    private static final Duration UNWRAP_WAIT = Duration.ofSeconds(30);

    /** What an unlock may be for: a short code that goes into the audit log as is, never free text. */
    private static final Pattern PURPOSE_CODE = Pattern.compile("^[a-z][a-z0-9._:-]{0,63}$");

    private final Database database;
    private final StudyStore studies;
    private final AuditLog audit;
    private final RateLimiter failures;
    private final Clock clock;
    private final PasswordHasher.Cost wrapCost;
    private final KeyHolderRoles roles = new KeyHolderRoles();
    private final HashingPermits unwraps = new HashingPermits(CONCURRENT_UNWRAPS, UNWRAP_WAIT, KeyCustody::busy);

    /**
     * @param wrapCost the Argon2id cost every copy this class wraps gets (config {@code keys.minArgon2}), whatever
     *                 the cost of the copy it was unwrapped from: a passphrase change brings an old copy up to it
     */
    public KeyCustody(Database database, StudyStore studies, AuditLog audit, RateLimiter failures, Clock clock,
                      PasswordHasher.Cost wrapCost) {
        this.database = database;
        this.clock = clock;
        this.studies = studies;
        this.audit = audit;
        this.failures = failures;
        this.wrapCost = wrapCost;
    }

    /**
     * Unwraps the study's {@code purpose} key for {@code who}, for one request.
     *
     * @param passphrase the key holder's passphrase; not kept, not wiped: the caller zeroes it afterwards
     * @param forWhat    what the key is unlocked for, a code such as {@code export} or {@code identity.read}
     * @return the key, to be closed (try-with-resources) as soon as the request is done with it
     * @throws ProblemException 404 unknown study or key; 403 {@code key-not-held} when {@code who}'s role does not
     *                          hold the key, {@code key-copy-missing} when {@code who} has no copy of it; 409
     *                          {@code key-copy-pending} when their copy waits for their own passphrase; 429 after too many wrong passphrases; 422 {@code key-unlock-failed}
     *                          for a wrong passphrase
     */
    public UnlockedKey unlock(String studyId, String purpose, char[] passphrase, FieldsafePrincipal who,
                              String forWhat) {
        StudyKeyRow row = held(studyId, purpose, who, forWhat);
        KeyHolderRow copy = ownCopy(row, who, forWhat);
        byte[] privateKey = withPermit(() -> unwrapNow(row, copy.wrappedPrivateKey(), passphrase, who, forWhat));
        UnlockedKey key = new UnlockedKey(row.studyId(), purpose, row.fingerprint(), privateKey);
        try {
            audit.append(who.actor(), "key.unlocked", subject(row, forWhat));
        } catch (RuntimeException e) {
            key.close();
            throw e;
        }
        return key;
    }

    /**
     * Re-wraps {@code who}'s own copy of the study's {@code purpose} key under {@code next}: the same key (same
     * fingerprint), unwrapped with {@code current}, wrapped again at the configured Argon2id cost (not the cost of the
     * copy it replaces, so a copy wrapped more cheaply before the minimum was raised comes up to it), stored and
     * audited.
     * This is also how a holder takes up a pending copy ({@code current} is the one-time secret it was wrapped
     * under; audited {@code key.holder.claimed}) and, for a study whose keys predate per-holder copies, how the
     * first holder turns the shared copy into their own (the shared copy is then emptied). Otherwise audited
     * {@code key.rewrapped}. Both passphrases stay the caller's to zero.
     *
     * @return the key as listed (its fingerprint unchanged)
     * @throws ProblemException as {@link #unlock}; 422 {@code passphrase-weak} for a {@code next} passphrase that is
     *                          too short, too uniform or the current one; 409 when the copy changed meanwhile
     */
    public Manifest.StudyKey rewrap(String studyId, String purpose, char[] current, char[] next,
                                    FieldsafePrincipal who) {
        String forWhat = "passphrase.change";
        StudyKeyRow row = held(studyId, purpose, who, forWhat);
        Optional<KeyHolderRow> own = database.read(h -> h.attach(KeyHolderDao.class)
                .find(row.studyId(), purpose, who.name()));
        boolean shared = own.isEmpty() && !StudyKeyService.NO_SHARED_COPY.equals(row.wrappedPrivateKey());
        String wrappedNow = own.map(KeyHolderRow::wrappedPrivateKey)
                .orElseGet(() -> shared ? row.wrappedPrivateKey() : ownCopy(row, who, forWhat).wrappedPrivateKey());
        checkStrength(next, current);
        String rewrapped = rewrapNow(row, wrappedNow, current, next, who, forWhat);
        boolean claimed = shared || own.get().pending();
        database.write(handle -> {
            KeyHolderDao copies = handle.attach(KeyHolderDao.class);
            int changed = shared
                    ? handle.attach(StudyKeyDao.class).rewrap(row.studyId(), purpose, wrappedNow,
                    StudyKeyService.NO_SHARED_COPY)
                    : copies.rewrap(row.studyId(), purpose, who.name(), wrappedNow, rewrapped);
            if (changed != 1) {
                throw ProblemException.conflict("study-key-changed", "Key changed meanwhile",
                        "Your copy of the " + purpose + " key was changed by another request; try again.");
            }
            if (shared) {
                copies.insert(new KeyHolderRow(row.studyId(), purpose, who.name(), KeyHolderRow.ACTIVE, rewrapped,
                        who.actor(), Instant.ofEpochMilli(clock.millis())));
            }
            audit.append(handle, who.actor(), claimed ? "key.holder.claimed" : "key.rewrapped",
                    subject(row, forWhat) + (shared ? " from:shared" : ""));
            return null;
        });
        return new Manifest.StudyKey(row.purpose(), row.algorithm(), row.publicKey(), row.fingerprint());
    }

    /**
     * {@code who}'s own active copy of the key; 403 {@code key-copy-missing} without one, 409
     * {@code key-copy-pending} while it waits for their own passphrase (both audited {@code key.unlock.denied}).
     */
    KeyHolderRow ownCopy(StudyKeyRow row, FieldsafePrincipal who, String forWhat) {
        KeyHolderRow copy = database.read(h -> h.attach(KeyHolderDao.class)
                .find(row.studyId(), row.purpose(), who.name())).orElse(null);
        if (copy == null || copy.pending()) {
            audit.append(who.actor(), "key.unlock.denied", "study:" + row.studyId() + " purpose:" + row.purpose()
                    + " for:" + forWhat + " copy:" + (copy == null ? "none" : KeyHolderRow.PENDING));
        }
        if (copy == null) {
            throw ProblemException.forbidden("key-copy-missing", "No copy of the key",
                    "You hold no copy of the " + row.purpose() + " key of this study; an existing holder adds you "
                            + "(admin keys grant).");
        }
        if (copy.pending()) {
            throw ProblemException.conflict("key-copy-pending", "Set your passphrase first",
                    "Your copy of the " + row.purpose() + " key is still wrapped under the one-time secret you were "
                            + "given: set your own passphrase with it first (admin keys passphrase).");
        }
        return copy;
    }

    /**
     * The key in {@code wrapped}, unwrapped with {@code current} (rate-limited, failures audited) and wrapped again
     * under {@code target} at the configured Argon2id cost; the unwrapped key is zeroed before this returns.
     */
    String rewrapNow(StudyKeyRow row, String wrapped, char[] current, char[] target, FieldsafePrincipal who,
                     String forWhat) {
        return withPermit(() -> {
            byte[] privateKey = unwrapNow(row, wrapped, current, who, forWhat);
            try {
                return PassphraseCipher.wrapPrivateKey(privateKey, target, row.purpose(), row.fingerprint(), wrapCost)
                        .toJson();
            } finally {
                Arrays.fill(privateKey, (byte) 0);
            }
        });
    }

    /** The stored key, once the study, the purpose and {@code who}'s right to hold that key are checked. */
    StudyKeyRow held(String studyId, String purpose, FieldsafePrincipal who, String forWhat) {
        if (forWhat == null || !PURPOSE_CODE.matcher(forWhat).matches()) {
            throw new IllegalArgumentException("what a key is unlocked for must be a short code");
        }
        CompiledStudy study = studies.current(studyId);
        if (!StudyKeyService.HELD_PURPOSES.contains(purpose)) {
            throw ProblemException.notFound("Study key");
        }
        if (!holds(study, purpose, who)) {
            audit.append(who.actor(), "key.unlock.denied", "study:" + study.id() + " purpose:" + purpose
                    + " for:" + forWhat);
            throw ProblemException.forbidden("key-not-held", "Not a key holder",
                    "Your role does not hold the " + purpose + " key of this study.");
        }
        return database.read(h -> h.attach(StudyKeyDao.class).find(study.id(), purpose))
                .orElseThrow(() -> ProblemException.notFound("study-key-missing", "No such key",
                        "The study has no " + purpose + " key yet (admin keys init)."));
    }

    /** True when {@code who} is a person whose role the study's {@code key_holders} lists for {@code purpose}. */
    public boolean holds(CompiledStudy study, String purpose, FieldsafePrincipal who) {
        return !who.isDevice() && roles.allows(study, purpose, who.role().wire());
    }

    /** Runs {@code work} (Argon2id, so memory-hungry) holding one of the {@link #CONCURRENT_UNWRAPS} permits. */
    <T> T withPermit(Supplier<T> work) {
        return unwraps.run(work);
    }

    private byte[] unwrapNow(StudyKeyRow row, String wrapped, char[] passphrase, FieldsafePrincipal who,
                             String forWhat) {
        String limitKey = who.name() + "|" + row.studyId() + "|" + row.purpose();
        failures.check(limitKey);
        try {
            byte[] key = PassphraseCipher.unwrapPrivateKey(PassphraseCipher.Sealed.fromJson(wrapped),
                    passphrase == null ? new char[0] : passphrase, row.purpose(), row.fingerprint());
            failures.reset(limitKey);
            return key;
        } catch (CryptoException | IllegalArgumentException e) {
            failures.recordFailure(limitKey);
            audit.append(who.actor(), "key.unlock.failed", subject(row, forWhat));
            throw new KeyUnlockFailedException(row.purpose());
        }
    }

    private static KeyCustodyBusyException busy() {
        return new KeyCustodyBusyException();
    }

    private static void checkStrength(char[] next, char[] current) {
        String rule = "the new passphrase needs at least " + MIN_PASSPHRASE_LENGTH + " characters, "
                + MIN_DISTINCT_CHARACTERS + " of them different, and must differ from the current one.";
        if (next == null) {
            throw weak(rule);
        }
        int length = Character.codePointCount(next, 0, next.length);
        long distinct = CharBuffer.wrap(next).codePoints().distinct().count();
        boolean blank = CharBuffer.wrap(next).codePoints().allMatch(Character::isWhitespace);
        if (length < MIN_PASSPHRASE_LENGTH || distinct < MIN_DISTINCT_CHARACTERS || blank
                || (current != null && Arrays.equals(next, current))) {
            throw weak(rule);
        }
    }

    private static ProblemException weak(String rule) {
        return ProblemException.unprocessable("passphrase-weak", "Passphrase too weak",
                "Field 'next' is not valid: " + rule);
    }

    static String subject(StudyKeyRow row, String forWhat) {
        return "study:" + row.studyId() + " purpose:" + row.purpose() + " key:" + row.fingerprint() + " for:"
                + forWhat;
    }
}
