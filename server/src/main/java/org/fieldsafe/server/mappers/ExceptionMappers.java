package org.fieldsafe.server.mappers;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.server.attachments.AttachmentHashMismatchException;
import org.fieldsafe.server.attachments.AttachmentTooLargeException;
import org.fieldsafe.server.transcripts.TranscriptTooLargeException;
import org.fieldsafe.server.attachments.UploadOffsetMismatchException;
import org.fieldsafe.server.auth.HashingBusyException;
import org.fieldsafe.server.auth.LoginFailedException;
import org.fieldsafe.server.auth.TooManyAttemptsException;
import org.fieldsafe.server.enrolment.EnrolmentCodeInvalidException;
import org.fieldsafe.server.export.ExportQueueFullException;
import org.fieldsafe.server.identity.IdentityPartUnreadableException;
import org.fieldsafe.server.keys.KeyCustodyBusyException;
import org.fieldsafe.server.keys.KeyUnlockFailedException;
import org.fieldsafe.server.openrosa.AppUserUnauthorizedException;
import org.fieldsafe.server.referral.CaseStaleException;
import org.fieldsafe.server.referral.ReferralPartUnreadableException;
import org.fieldsafe.server.submissions.EnvelopeMalformedException;
import org.fieldsafe.server.submissions.EnvelopeTooLargeException;
import org.fieldsafe.server.submissions.SubmissionNotStoredException;
import org.fieldsafe.server.submissions.WithdrawnRespondentException;

/**
 * The one place where every exception mapper is registered, and where each of the services' domain exceptions gets
 * its status and title (the slug and detail are the exception's).
 */
public final class ExceptionMappers {
    private static final String UPLOAD_OFFSET = "Upload-Offset";

    private ExceptionMappers() {
    }

    public static void register(JerseyEnvironment jersey) {
        all().forEach(jersey::register);
    }

    /** Every mapper; Jersey answers an exception with the one whose type is nearest to it. */
    public static List<ExceptionMapper<?>> all() {
        return List.of(
                new ProblemExceptionMapper(),
                new WebApplicationExceptionMapper(),
                new JsonProcessingExceptionMapper(),
                new ValidationExceptionMapper(),
                new CatchAllExceptionMapper(),
                // auth
                new DomainExceptionMapper<LoginFailedException>(401, "Login failed") { },
                new DomainExceptionMapper<AppUserUnauthorizedException>(401, "Unauthorized",
                        e -> Map.of("WWW-Authenticate", AppUserUnauthorizedException.CHALLENGE)) { },
                new DomainExceptionMapper<TooManyAttemptsException>(429, "Too many attempts",
                        e -> DomainExceptionMapper.retryAfter(e.retryAfterSeconds())) { },
                new DomainExceptionMapper<HashingBusyException>(503, "Server busy",
                        e -> DomainExceptionMapper.retryAfter(HashingBusyException.RETRY_AFTER_SECONDS)) { },
                // enrolment, forms
                new DomainExceptionMapper<EnrolmentCodeInvalidException>(400, "Enrolment code not valid") { },
                new FormRejectedMapper(),
                // keys
                new DomainExceptionMapper<KeyUnlockFailedException>(422, "Key not unlocked") { },
                new DomainExceptionMapper<KeyCustodyBusyException>(503, "Busy",
                        e -> DomainExceptionMapper.retryAfter(KeyCustodyBusyException.RETRY_AFTER_SECONDS)) { },
                // submissions
                new DomainExceptionMapper<EnvelopeTooLargeException>(413, "Request body too large") { },
                new DomainExceptionMapper<EnvelopeMalformedException>(400, "Malformed JSON") { },
                new DomainExceptionMapper<SubmissionNotStoredException>(503, "Submission not stored",
                        e -> DomainExceptionMapper.retryAfter(SubmissionNotStoredException.RETRY_AFTER_SECONDS)) { },
                new DomainExceptionMapper<WithdrawnRespondentException>(410, "Respondent withdrawn") {
                    @Override
                    protected Problem problem(WithdrawnRespondentException e) {
                        Problem plain = super.problem(e);
                        return new Problem(plain.type(), plain.title(), plain.status(), plain.detail(), e.notice());
                    }
                },
                // attachments
                new DomainExceptionMapper<AttachmentTooLargeException>(413, "Payload too large") { },
                new DomainExceptionMapper<TranscriptTooLargeException>(413, "Transcript too large") { },
                new DomainExceptionMapper<UploadOffsetMismatchException>(409, "Upload offset mismatch",
                        e -> Map.of(UPLOAD_OFFSET, Long.toString(e.storedLength()))) { },
                new DomainExceptionMapper<AttachmentHashMismatchException>(422, "Attachment does not match",
                        e -> Map.of(UPLOAD_OFFSET, "0")) { },
                // export, referral, identity
                new DomainExceptionMapper<ExportQueueFullException>(503, "Export queue full",
                        e -> DomainExceptionMapper.retryAfter(ExportQueueFullException.RETRY_AFTER_SECONDS)) { },
                new DomainExceptionMapper<CaseStaleException>(409, "Case changed meanwhile") { },
                new DomainExceptionMapper<ReferralPartUnreadableException>(422, "Referral part unreadable") { },
                new DomainExceptionMapper<IdentityPartUnreadableException>(422, "Identity part unreadable") { });
    }
}
