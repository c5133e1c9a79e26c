package org.fieldsafe.server.keys;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.fieldsafe.core.crypto.CryptoException;
import org.fieldsafe.core.crypto.KeyWrap;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.server.storage.SecretFiles;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.storage.Database;

/**
 * Respondent-code keys at rest (docs/sealing.md, "What a stolen copy reveals"): the database holds each study's code
 * key only wrapped ({@link KeyWrap}, bound to the study id) under a key-encryption key kept in a file outside the
 * database ({@code respondentCodes.keyFile}), so a copy of the database alone cannot test a code against the stored
 * code hashes. The server unwraps a key in memory when a device enrols or a withdrawal hashes a typed code.
 */
public final class CodeKeyVault {
    /** Who the audit log names for the start-up step that wraps keys left in plaintext by older versions. */
    public static final String ACTOR = "system:code-keys";

    private final byte[] kek;
    private final Path file;

    private CodeKeyVault(byte[] kek, Path file) {
        this.kek = kek;
        this.file = file;
    }

    /** The key-encryption key in {@code file}, made now if the file does not exist. */
    public static CodeKeyVault loadOrCreate(Path file) {
        return new CodeKeyVault(SecretFiles.loadOrCreate(file, "respondent-code key-encryption key",
                KeyWrap.KEY_BYTES), file);
    }

    /** For tests: a key-encryption key held in memory only. */
    public static CodeKeyVault of(byte[] kek) {
        return new CodeKeyVault(kek.clone(), null);
    }

    /** The study's code key (raw bytes) as the database stores it. */
    String wrap(String studyId, byte[] codeKey) {
        return KeyWrap.wrap(kek, codeKey, context(studyId));
    }

    /** The study's code key (raw bytes) from its stored wrapped form. */
    byte[] unwrap(String studyId, String wrapped) {
        try {
            return KeyWrap.unwrap(kek, wrapped, context(studyId));
        } catch (CryptoException e) {
            throw new IllegalStateException("The respondent-code key of study " + studyId + " does not open with "
                    + "the key-encryption key" + (file == null ? "" : " in " + file) + " (wrong or replaced file?)");
        }
    }

    /**
     * Wraps every code key an older version stored in plaintext and clears the plaintext column, auditing each;
     * on SQLite ({@code secure_delete} is on for every connection) the write-ahead log is truncated afterwards, so
     * the old bytes do not linger in free pages ({@code truncateLog}: the shredder's). Idempotent: a second run finds nothing. Then checks that every wrapped key opens, so
     * a wrong key file stops the server at start rather than at the first enrolment. Returns how many it wrapped.
     */
    public int wrapPlaintextKeys(Database database, Runnable truncateLog, AuditLog audit) {
        int wrapped = database.write(handle -> {
            // every SQLite connection has secure_delete on (Database.SQLITE_PROPERTIES): the old bytes are zeroed
            StudyKeyDao dao = handle.attach(StudyKeyDao.class);
            List<StudyKeyDao.PlaintextCodeKey> plain = dao.plaintextCodeKeys();
            for (StudyKeyDao.PlaintextCodeKey row : plain) {
                byte[] key = Base64.getDecoder().decode(row.codeKey());
                if (key.length != RespondentCodes.KEY_BYTES) {
                    throw new IllegalStateException("The stored respondent-code key of study " + row.studyId()
                            + " is not " + RespondentCodes.KEY_BYTES + " bytes");
                }
                dao.wrapCodeKey(row.studyId(), wrap(row.studyId(), key));
                Arrays.fill(key, (byte) 0);
                audit.append(handle, ACTOR, "study.code-key.wrapped", "study:" + row.studyId());
            }
            return plain.size();
        });
        if (wrapped > 0) {
            truncateLog.run();
        }
        database.read(h -> h.attach(StudyKeyDao.class).wrappedCodeKeys())
                .forEach(row -> Arrays.fill(unwrap(row.studyId(), row.wrappedCodeKey()), (byte) 0));
        return wrapped;
    }

    private static String context(String studyId) {
        return "respondent-code-key/" + studyId;
    }

    @Override
    public String toString() {
        return "CodeKeyVault[" + (file == null ? "in memory" : file) + ", key=[REDACTED]]";
    }
}
