package org.fieldsafe.server.openrosa;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.fieldsafe.core.crypto.CryptoException;
import org.fieldsafe.core.crypto.odk.OdkRsaKeys;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.keys.KeyCustody;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.keys.UnlockedKey;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.shredding.SubmissionShredder;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.StudyStore;
import org.jdbi.v3.core.Handle;

/**
 * Withdrawal for OpenRosa submissions. Their respondent code is inside ODK's encryption, so the server finds them by
 * an index it builds whenever a holder of the study's ODK key opens them: the code's keyed hash (the HMAC a Fieldsafe
 * header carries) recorded per submission ({@code code_hash}, V43). A research key holder's export records it for
 * every submission it opens; a principal investigator holding the ODK key may give its passphrase with a withdrawal
 * to index what is not yet ({@link #index}). A submission indexed to a respondent who withdrew is shredded at once
 * (its encrypted files deleted, its manifest with the RSA-wrapped AES key emptied), and a re-upload of it is 410.
 */
public final class OpenRosaWithdrawals {
    private final Database database;
    private final StudyStore studies;
    private final FormStore forms;
    private final KeyCustody custody;
    private final StudyKeyService keys;
    private final SubmissionShredder shredder;
    private final AuditLog audit;
    private final Clock clock;

    public OpenRosaWithdrawals(Database database, StudyStore studies, FormStore forms, KeyCustody custody,
                               StudyKeyService keys, SubmissionShredder shredder, AuditLog audit, Clock clock) {
        this.database = database;
        this.studies = studies;
        this.forms = forms;
        this.custody = custody;
        this.keys = keys;
        this.shredder = shredder;
        this.audit = audit;
        this.clock = clock;
    }

    /** Complete, not withdrawn OpenRosa submissions of the study whose respondent is not known yet. */
    public int unindexed(String studyId) {
        return database.read(h -> h.attach(OpenRosaDao.class).countUnindexed(studyId));
    }

    /**
     * Opens every un-indexed submission of the study with {@code who}'s copy of the ODK key (unwrapped with
     * {@code passphrase} for this request only; custody audits the unlock and refuses a non-holder) and records each
     * one's code hash. Audited {@code openrosa.indexed} with the count.
     *
     * @return how many were indexed
     */
    public int index(FieldsafePrincipal who, String studyId, char[] passphrase) {
        List<OpenRosaSubmissionRow> pending = database.read(h -> h.attach(OpenRosaDao.class).list(studyId)).stream()
                .filter(r -> OpenRosaSubmissionRow.COMPLETE.equals(r.state()) && r.codeHash() == null
                        && r.withdrawnAt() == null).toList();
        if (pending.isEmpty()) {
            return 0;
        }
        var versions = FormVersions.of(forms.list(studyId));
        byte[] codeKey = Base64.getDecoder().decode(keys.respondentCodeKey(studyId).orElseThrow());
        int indexed = 0;
        try (UnlockedKey odk = custody.unlock(studyId, StudyKeyService.ODK, passphrase, who, "withdrawal.index")) {
            PrivateKey key = privateKey(odk);
            for (OpenRosaSubmissionRow row : pending) {
                String hash = OdkOpening.open(database, row, versions, key).map(o -> o.codeHash(codeKey))
                        .orElse(OpenRosaSubmissionRow.NO_CODE);
                record(studyId, row.id(), hash);
                indexed++;
            }
        } finally {
            Arrays.fill(codeKey, (byte) 0);
        }
        int count = indexed;
        audit.append(who.actor(), "openrosa.indexed", "study:" + studyId + " submissions:" + count);
        return count;
    }

    /**
     * Records an opened submission's code hash; when that respondent withdrew, the submission is shredded now.
     *
     * @return true when the submission belongs to a withdrawn respondent (and is shredded)
     */
    public boolean record(String studyId, String submissionId, String codeHash) {
        boolean withdrawn = database.write(h -> {
            OpenRosaDao dao = h.attach(OpenRosaDao.class);
            dao.index(submissionId, codeHash);
            if (OpenRosaSubmissionRow.NO_CODE.equals(codeHash) || dao.countWithdrawn(studyId, codeHash) == 0) {
                return false;
            }
            int files = shred(h, studyId, codeHash);
            audit.append(h, "system", "openrosa.withdrawn.shredded", "study:" + studyId + " openrosa:" + submissionId
                    + " files:" + files);
            return true;
        });
        if (withdrawn) {
            shredder.truncateLog();
        }
        return withdrawn;
    }

    /**
     * Inside the caller's write transaction: shreds every OpenRosa submission indexed to the respondent that is not
     * shredded yet (files deleted, manifest emptied, tombstone kept).
     *
     * @return how many encrypted files were deleted
     */
    public int shred(Handle handle, String studyId, String codeHash) {
        OpenRosaDao dao = handle.attach(OpenRosaDao.class);
        Instant now = Instant.ofEpochMilli(clock.millis());
        int files = 0;
        for (OpenRosaSubmissionRow row : dao.ofRespondent(studyId, codeHash)) {
            if (row.withdrawnAt() == null) {
                files += dao.deleteFiles(row.id());
                dao.markWithdrawn(row.id(), now);
            }
        }
        return files;
    }

    /** How many OpenRosa submissions (shredded or not) are indexed to the respondent. */
    public int count(Handle handle, String studyId, String codeHash) {
        return handle.attach(OpenRosaDao.class).ofRespondent(studyId, codeHash).size();
    }

    /**
     * 409 {@code withdrawal-openrosa-unindexed} when the study has OpenRosa submissions whose respondent is not known
     * yet: a withdrawal cannot tell whether they are the respondent's.
     */
    public void requireIndexed(String studyId) {
        int unindexed = unindexed(studies.current(studyId).id());
        if (unindexed > 0) {
            throw ProblemException.conflict("withdrawal-openrosa-unindexed", "OpenRosa submissions not indexed",
                    unindexed + " OpenRosa (ODK Collect) submission(s) of this study have not been opened by a holder "
                            + "of the study's ODK key yet, so the server cannot tell whose they are. Ask again with "
                            + "the ODK key's passphrase (odkPassphrase; 'admin withdraw --odk-key') if you hold it, or "
                            + "have a research key holder run an export first (it indexes them), then ask again.");
        }
    }

    private static PrivateKey privateKey(UnlockedKey odk) {
        try {
            return OdkRsaKeys.privateKey(odk.privateKey());
        } catch (CryptoException e) {
            throw ProblemException.unprocessable("odk-key-invalid", "ODK key not readable",
                    "The study's ODK key did not read as an RSA private key.");
        }
    }
}
