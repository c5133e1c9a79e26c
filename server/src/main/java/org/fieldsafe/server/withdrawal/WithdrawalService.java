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
import org.fieldsafe.core.wire.WithdrawalPreview;
import org.fieldsafe.core.wire.WithdrawalRequest;
import org.fieldsafe.core.wire.WithdrawalResult;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.openrosa.OpenRosaDao;
import org.fieldsafe.server.openrosa.OpenRosaWithdrawals;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.referral.ReferralCaseDao;
import org.fieldsafe.server.shredding.EnvelopeShredder;
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
    private final OpenRosaWithdrawals openRosa;
    private final AuditLog audit;
    private final Clock clock;

    public WithdrawalService(Database database, StudyStore studies, StudyKeyService keys, SubmissionShredder shredder,
                             OpenRosaWithdrawals openRosa, AuditLog audit, Clock clock) {
        this.openRosa = openRosa;
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
     * (never echoed), 409 when the study has no keys yet (no code key: nothing can have been uploaded), 422
     * {@code withdrawal-no-submission} for a code no submission names unless the request says
     * {@code notYetReceived} (then later uploads that hit it are reported to the coordinators). The study's OpenRosa
     * submissions must all be indexed first ({@link OpenRosaWithdrawals}): with the request's {@code odkPassphrase}
     * {@code who}'s ODK key indexes them now; without it, while any is not, 409
     * {@code withdrawal-openrosa-unindexed} (with their count) and nothing is written.
     */
    public Outcome withdraw(FieldsafePrincipal who, String studyId, WithdrawalRequest request) {
        Target target = target(studyId, request);
        if (request.odkPassphrase() != null && request.odkPassphrase().length > 0) {
            openRosa.index(who, target.studyId(), request.odkPassphrase());
        }
        openRosa.requireIndexed(target.studyId());
        return withdraw(who.actor(), target, request);
    }

    private Outcome withdraw(String actor, Target target, WithdrawalRequest request) {
        Tally tally = new Tally();
        Outcome outcome = database.write(h -> withdraw(h, actor, target.studyId(), target.codeHash(),
                request.saysNotYetReceived(), tally));
        if (tally.rowsChanged) {
            shredder.truncateLog();
        }
        return outcome;
    }

    /**
     * What {@link #withdraw} would shred, writing nothing (no audit entry either: nothing changes); the same
     * checks of the study and the code.
     */
    public WithdrawalPreview preview(String studyId, WithdrawalRequest request) {
        Target target = target(studyId, request);
        return database.read(h -> {
            ShreddingDao dao = h.attach(ShreddingDao.class);
            List<ShreddingDao.RespondentSubmission> all = dao.ofRespondent(target.studyId(), target.codeHash());
            int interviews = 0;
            int joint = 0;
            int parts = 0;
            int identity = 0;
            int attachments = 0;
            List<String> pending = new ArrayList<>();
            for (ShreddingDao.RespondentSubmission s : all) {
                if (s.withdrawnAt() != null) {
                    continue;
                }
                pending.add(s.id());
                if (s.respondents() > 1) {
                    joint++;
                } else {
                    interviews++;
                }
                EnvelopeShredder.Result found = shredder.inspect(h, s.id(), ALL_PARTS, true);
                parts += found.parts().size();
                identity += found.parts().contains(Envelope.IDENTITY) ? 1 : 0;
                attachments += found.attachmentsPresent();
            }
            int openCases = pending.isEmpty() ? 0 : h.attach(ReferralCaseDao.class).countOpen(pending);
            return new WithdrawalPreview(target.studyId(), all.size(), interviews, joint, parts, identity,
                    attachments, openCases, dao.withdrawnAt(target.studyId(), target.codeHash()).isPresent(),
                    openRosa.count(h, target.studyId(), target.codeHash()),
                    h.attach(OpenRosaDao.class).countUnindexed(target.studyId()));
        });
    }

    /** The study and the keyed hash of a valid code. */
    private record Target(String studyId, String codeHash) {
    }

    private Target target(String studyId, WithdrawalRequest request) {
        CompiledStudy compiled = studies.current(studyId);
        Study study = Study.fromCanonicalJson(compiled.canonicalJson().getBytes(StandardCharsets.UTF_8));
        String code = request == null ? null : request.respondentCode();
        if (code == null || code.isBlank() || code.length() > 256 || !study.respondentCode().matches(code.trim())) {
            throw ProblemException.unprocessable("withdrawal-invalid", "Withdrawal not valid",
                    "Field 'respondentCode' is not valid: it must match the study's respondent code pattern (e.g. "
                            + study.respondentCode().example() + ").");
        }
        byte[] codeKey = keys.respondentCodeKey(compiled.id()).map(Base64.getDecoder()::decode)
                .orElseThrow(() -> ProblemException.conflict("study-keys-missing", "Study has no keys",
                        "The study has no keys yet, so no submission can name a respondent; run 'admin keys init'."));
        return new Target(compiled.id(), RespondentCodes.hash(codeKey, code));
    }

    private Outcome withdraw(Handle h, String actor, String studyId, String codeHash, boolean notYetReceived,
                             Tally tally) {
        ShreddingDao dao = h.attach(ShreddingDao.class);
        Optional<Instant> recorded = dao.withdrawnAt(studyId, codeHash);
        List<ShreddingDao.RespondentSubmission> submissions = dao.ofRespondent(studyId, codeHash);
        int openRosaFound = openRosa.count(h, studyId, codeHash);
        if (submissions.isEmpty() && openRosaFound == 0 && recorded.isEmpty() && !notYetReceived) {
            throw ProblemException.unprocessable("withdrawal-no-submission", "No submission with this code",
                    "No interview with this respondent code has been received, so nothing was withdrawn: check the "
                            + "code. If the respondent withdrew before their interview synced, ask again saying so "
                            + "(notYetReceived, 'admin withdraw --not-yet-received'): a later upload is then refused "
                            + "and reported to the coordinators.");
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        Instant withdrawnAt = recorded.orElse(now);
        List<String> newlyShredded = new ArrayList<>();
        for (ShreddingDao.RespondentSubmission s : submissions) {
            SubmissionShredder.Shredded shredded = shredder.shred(h, s.id(), ALL_PARTS, true);
            tally.add(s, shredded);
            if (s.withdrawnAt() == null) {
                newlyShredded.add(s.id());
            }
        }
        if (!newlyShredded.isEmpty()) {
            dao.markWithdrawn(newlyShredded, withdrawnAt);
        }
        int openRosaFiles = openRosa.shred(h, studyId, codeHash);
        tally.rowsChanged |= openRosaFiles > 0;
        if (recorded.isEmpty()) {
            h.attach(SubmissionDao.class).insertWithdrawal(studyId, codeHash, withdrawnAt, actor,
                    notYetReceived ? 1 : 0);
        }
        WithdrawalResult result = new WithdrawalResult(studyId, tally.interviews, tally.joint, tally.parts,
                tally.attachments, withdrawnAt, openRosaFound);
        audit.append(h, actor, "respondent.withdrawn", "study:" + studyId + " interviews:" + tally.interviews
                + " joint:" + tally.joint + " parts:" + tally.parts + " attachments:" + tally.attachments
                + (openRosaFound > 0 ? " openrosa:" + openRosaFound + " openrosa-files:" + openRosaFiles : "")
                + " newly-shredded:" + newlyShredded.size() + (recorded.isEmpty() ? "" : " repeated")
                + (notYetReceived && recorded.isEmpty() ? " not-yet-received" : ""));
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
