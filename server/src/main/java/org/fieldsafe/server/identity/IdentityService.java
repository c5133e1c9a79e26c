package org.fieldsafe.server.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.IdentityPart;
import org.fieldsafe.core.wire.IdentityRequest;
import org.fieldsafe.server.problems.DomainException;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.keys.KeyCustody;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.keys.UnlockedKey;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.submissions.SubmissionStore;

/**
 * Reading a submission's {@code identity} part (names, contacts): principal investigators only, with the identity
 * key unlocked for this one request, for a stated reason code. Every attempt, refused ones included, is audited here
 * ({@code identity.read} or {@code identity.read.denied} with the cause), which is why the role check is made in
 * this service and not only by {@code @RolesAllowed}. Audit subjects name the study, the submission and the reason,
 * never anything from inside the part.
 */
public final class IdentityService {
    private static final Pattern SUBMISSION_ID =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final ObjectMapper JSON = JsonMappers.lenient();

    private final StudyStore studies;
    private final SubmissionStore submissions;
    private final KeyCustody custody;
    private final AuditLog audit;

    public IdentityService(StudyStore studies, SubmissionStore submissions, KeyCustody custody, AuditLog audit) {
        this.studies = studies;
        this.submissions = submissions;
        this.custody = custody;
        this.audit = audit;
    }

    /**
     * The opened identity part, audited {@code identity.read}; any refusal is audited {@code identity.read.denied}
     * with its problem type as the cause, then thrown. The passphrase stays the caller's to zero.
     *
     * @throws ProblemException 403 {@code identity-not-allowed} for any role but principal_investigator; 422 for a
     *                          reason that is not one of {@link IdentityRequest#REASONS} or no passphrase; 404 for an
     *                          unknown study or submission or one without an identity part; the unlock problems of
     *                          {@link KeyCustody#unlock}; 422 {@code identity-part-unreadable} for a part that does
     *                          not open with the identity key
     */
    public IdentityPart read(FieldsafePrincipal who, String studyId, String submissionId, IdentityRequest request) {
        String reason = request == null ? null : request.reason();
        String subject = subject(studyId, submissionId, reason);
        try {
            IdentityPart part = open(who, studyId, submissionId, request);
            audit.append(who.actor(), "identity.read", subject);
            return part;
        } catch (DomainException e) {
            audit.append(who.actor(), "identity.read.denied", subject + " cause:" + e.slug());
            throw e;
        }
    }

    private IdentityPart open(FieldsafePrincipal who, String studyId, String submissionId, IdentityRequest request) {
        if (who.isDevice() || who.role() != Role.PRINCIPAL_INVESTIGATOR) {
            throw ProblemException.forbidden("identity-not-allowed", "Not allowed",
                    "Only a principal investigator may read identity parts.");
        }
        if (request == null || request.reason() == null || !IdentityRequest.REASONS.contains(request.reason())) {
            throw ProblemException.unprocessable("identity-request-invalid", "Identity request not valid",
                    "Field 'reason' is not valid: one of " + String.join(", ", IdentityRequest.REASONS) + ".");
        }
        if (request.passphrase() == null || request.passphrase().length == 0) {
            throw ProblemException.invalidField("identity-request-invalid", "Identity request not valid",
                    "passphrase");
        }
        CompiledStudy study = studies.current(studyId);
        Envelope envelope = envelope(study.id(), submissionId);
        byte[] plaintext;
        try (UnlockedKey key = custody.unlock(study.id(), StudyKeyService.IDENTITY, request.passphrase(), who,
                "identity.read:" + request.reason())) {
            plaintext = Sealing.open(envelope, Envelope.IDENTITY, key.fingerprint(), key.privateKey());
        } catch (SealedPartException e) {
            throw unreadable();
        }
        try {
            return new IdentityPart(submissionId, study.id(), request.reason(), JSON.readTree(plaintext));
        } catch (IOException e) {
            throw unreadable();
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The stored envelope of a submission of this study that has an identity part, else a 404 problem. */
    private Envelope envelope(String studyId, String submissionId) {
        Optional<String> text = SUBMISSION_ID.matcher(submissionId).matches()
                && submissions.find(submissionId).filter(row -> row.studyId().equals(studyId)).isPresent()
                ? submissions.envelope(submissionId) : Optional.empty();
        if (text.isEmpty()) {
            throw ProblemException.notFound("Submission");
        }
        Envelope envelope;
        try {
            envelope = JSON.readValue(text.get(), Envelope.class);
        } catch (IOException e) {
            throw unreadable();
        }
        if (envelope.parts() == null || !envelope.parts().containsKey(Envelope.IDENTITY)) {
            throw ProblemException.notFound("identity-part-absent", "No identity part",
                    "The submission has no identity part (none was collected, or it was deleted).");
        }
        return envelope;
    }

    private static IdentityPartUnreadableException unreadable() {
        return new IdentityPartUnreadableException();
    }

    /** The audit subject: only values checked against known shapes, so no free text reaches the log. */
    private String subject(String studyId, String submissionId, String reason) {
        String study = studyId != null && studies.find(studyId).isPresent() ? studyId : "(unknown)";
        String submission = submissionId != null && SUBMISSION_ID.matcher(submissionId).matches()
                ? submissionId : "(invalid)";
        String why = reason != null && IdentityRequest.REASONS.contains(reason) ? reason : "(invalid)";
        return "study:" + study + " submission:" + submission + " reason:" + why;
    }
}
