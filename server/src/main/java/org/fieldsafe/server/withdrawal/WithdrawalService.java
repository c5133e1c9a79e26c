package org.fieldsafe.server.withdrawal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.WithdrawalRequest;
import org.fieldsafe.core.wire.WithdrawalResult;
import org.fieldsafe.server.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.shredding.ShreddingDao;
import org.fieldsafe.server.shredding.SubmissionShredder;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.submissions.SubmissionDao;
import org.jdbi.v3.core.Handle;

/**
 * A respondent's withdrawal (DESIGN.md section 7): the code is checked against the study's pattern and hashed with
 * the study's respondent-code key (the server keeps only the keyed hash, as devices send it); then, in one write
 * transaction, every submission of that respondent is crypto-shredded - every sealed part and attachment, a joint
 * interview whole - and its chunks deleted, the rows marked as tombstones, the withdrawal recorded (later uploads
 * get 410) and audited with counts only. Asking again shreds whatever is not yet shredded and answers the same.
 */
public final class WithdrawalService {
    private static final Set<String> ALL_PARTS = Set.copyOf(Envelope.PART_NAMES);

    private final Database database;
    private final StudyStore studies;
    private final StudyKeyService keys;
    private final SubmissionShredder shredder;
    private final AuditLog audit;
    private final Clock clock;

    public WithdrawalService(Database database, StudyStore studies, StudyKeyService keys, SubmissionShredder shredder,
                             AuditLog audit, Clock clock) {
        this.database = database;
        this.studies = studies;
        this.keys = keys;
        this.shredder = shredder;
        this.audit = audit;
        this.clock = clock;
    }

    /** The result, and whether this call recorded the withdrawal (false: it was recorded before). */
    public record Outcome(WithdrawalResult result, boolean recordedNow) {
    }

    /**
     * Withdraws a respondent: 404 for an unknown study, 422 for a code missing or not matching the study's pattern
     * (never echoed), 409 when the study has no keys yet (no code key: nothing can have been uploaded).
     */
    public Outcome withdraw(String actor, String studyId, WithdrawalRequest request) {
        CompiledStudy compiled = studies.current(studyId);
        Study study = Study.fromCanonicalJson(compiled.canonicalJson().getBytes(StandardCharsets.UTF_8));
        String code = request == null ? null : request.respondentCode();
        if (code == null || code.isBlank() || code.length() > 256 || !study.respondentCode().matches(code.trim())) {
            throw ProblemException.invalidField("withdrawal-invalid", "Withdrawal not valid", "respondentCode");
        }
        byte[] codeKey = keys.respondentCodeKey(compiled.id()).map(Base64.getDecoder()::decode)
                .orElseThrow(() -> ProblemException.conflict("study-keys-missing", "Study has no keys",
                        "The study has no keys yet, so no submission can name a respondent; run 'admin keys init'."));
        String codeHash = RespondentCodes.hash(codeKey, code);
        Tally tally = new Tally();
        Outcome outcome = database.write(h -> withdraw(h, actor, compiled.id(), codeHash, tally));
        if (tally.rowsChanged) {
            shredder.truncateLog();
        }
        return outcome;
    }

    private Outcome withdraw(Handle h, String actor, String studyId, String codeHash, Tally tally) {
        ShreddingDao dao = h.attach(ShreddingDao.class);
        Optional<Instant> recorded = dao.withdrawnAt(studyId, codeHash);
        Instant now = Instant.ofEpochMilli(clock.millis());
        Instant withdrawnAt = recorded.orElse(now);
        List<String> newlyShredded = new ArrayList<>();
        shredder.secureDelete(h, true);
        try {
            for (ShreddingDao.RespondentSubmission s : dao.ofRespondent(studyId, codeHash)) {
                SubmissionShredder.Shredded shredded = shredder.shred(h, s.id(), ALL_PARTS, true);
                tally.add(s, shredded);
                if (s.withdrawnAt() == null) {
                    newlyShredded.add(s.id());
                }
            }
        } finally {
            shredder.secureDelete(h, false);
        }
        if (!newlyShredded.isEmpty()) {
            dao.markWithdrawn(newlyShredded, withdrawnAt);
        }
        if (recorded.isEmpty()) {
            h.attach(SubmissionDao.class).insertWithdrawal(studyId, codeHash, withdrawnAt, actor);
        }
        WithdrawalResult result = new WithdrawalResult(studyId, tally.interviews, tally.joint, tally.parts,
                tally.attachments, withdrawnAt);
        audit.append(h, actor, "respondent.withdrawn", "study:" + studyId + " interviews:" + tally.interviews
                + " joint:" + tally.joint + " parts:" + tally.parts + " attachments:" + tally.attachments
                + " newly-shredded:" + newlyShredded.size() + (recorded.isEmpty() ? "" : " repeated"));
        return new Outcome(result, recorded.isEmpty());
    }

    /** Counts over all of the respondent's submissions, shredded now or before. */
    private static final class Tally {
        int interviews;
        int joint;
        int parts;
        int attachments;
        boolean rowsChanged;

        void add(ShreddingDao.RespondentSubmission s, SubmissionShredder.Shredded shredded) {
            if (s.respondents() > 1) {
                joint++;
            } else {
                interviews++;
            }
            parts += shredded.found().parts().size();
            attachments += shredded.found().attachments();
            rowsChanged |= shredded.rowsChanged();
        }
    }
}
