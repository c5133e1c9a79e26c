package org.fieldsafe.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.server.attachments.AttachmentService;
import org.fieldsafe.server.audit.AuditKey;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.AuthService;
import org.fieldsafe.server.auth.DeviceTokens;
import org.fieldsafe.server.auth.HashingPermits;
import org.fieldsafe.server.auth.LoginLimits;
import org.fieldsafe.server.auth.RateLimiter;
import org.fieldsafe.server.auth.UserService;
import org.fieldsafe.server.config.AuthConfig;
import org.fieldsafe.server.config.ExportsConfig;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.config.NotificationsConfig;
import org.fieldsafe.server.config.SubmissionsConfig;
import org.fieldsafe.server.directory.DirectoryEditor;
import org.fieldsafe.server.enrolment.EnrolmentService;
import org.fieldsafe.server.export.ExportJobs;
import org.fieldsafe.server.export.SealedPull;
import org.fieldsafe.server.export.StableCodeGrants;
import org.fieldsafe.server.forms.FormService;
import org.fieldsafe.server.forms.StudyBundleSource;
import org.fieldsafe.server.identity.IdentityService;
import org.fieldsafe.server.keys.CodeKeyVault;
import org.fieldsafe.server.keys.KeyCustody;
import org.fieldsafe.server.keys.KeyHolders;
import org.fieldsafe.server.keys.OdkKeys;
import org.fieldsafe.server.keys.ReceiptKey;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.keys.WrappedKeyService;
import org.fieldsafe.server.notices.Notices;
import org.fieldsafe.server.openrosa.OpenRosaExports;
import org.fieldsafe.server.openrosa.OpenRosaSubmissions;
import org.fieldsafe.server.openrosa.OpenRosaWithdrawals;
import org.fieldsafe.server.notification.ReferralMails;
import org.fieldsafe.server.notification.ReferralNotifier;
import org.fieldsafe.server.notification.SmtpMailer;
import org.fieldsafe.server.referral.ReferralCaseStore;
import org.fieldsafe.server.referral.ReferralDeadlines;
import org.fieldsafe.server.referral.ReferralEscalationJob;
import org.fieldsafe.server.referral.ReferralService;
import org.fieldsafe.server.retention.RetentionJob;
import org.fieldsafe.server.shredding.SubmissionShredder;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.EnvelopeFiles;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.storage.WalCheckpointer;
import org.fieldsafe.server.submissions.EnvelopeParser;
import org.fieldsafe.server.submissions.ProgressService;
import org.fieldsafe.server.submissions.SubmissionService;
import org.fieldsafe.server.submissions.SubmissionStore;
import org.fieldsafe.server.submissions.SubmissionWriter;
import org.fieldsafe.server.sync.SyncService;
import org.fieldsafe.server.withdrawal.WithdrawalService;

/**
 * The composition root: every store, service and job of the server, each built once by {@link #build} and handed to
 * whoever needs it. The application registers them; tests reach the same graph through the running application.
 *
 * @param referralNotifier null when {@code notifications.enabled} is off
 */
public record Services(Database database, AuditLog audit, StudyStore studies, FormStore formStore,
                       UserService users, AuthService auth, FormService forms, EnrolmentService enrolments,
                       SyncService sync, ReceiptKey receiptKey, StudyKeyService keys, KeyCustody custody,
                       KeyHolders keyHolders, SubmissionStore submissionStore, SubmissionWriter submissionWriter,
                       SubmissionService submissions, ProgressService progress, IdentityService identities,
                       WithdrawalService withdrawals, RetentionJob retention, Notices notices,
                       DirectoryEditor directory, AttachmentService attachments, StableCodeGrants grants,
                       ExportJobs exportJobs, SealedPull sealedPull, WrappedKeyService wrappedKeys,
                       ReferralCaseStore referralCases, ReferralDeadlines referralDeadlines,
                       ReferralService referrals, ReferralEscalationJob referralEscalation,
                       ReferralNotifier referralNotifier, OdkKeys odkKeys, OpenRosaSubmissions openRosa) {

    /** The outside resources the graph is built on; the application makes them from its configuration. */
    public record Inputs(FieldsafeConfiguration config, Database database, ObjectMapper json,
                         EnvelopeFiles envelopeFiles, StudyBundleSource studySource, AuditKey auditKey,
                         Path codeKeyFile, Path exportsDirectory, Clock clock) {
    }

    /** Builds the graph; seals the audit head and wraps code keys left in plaintext on the way, as at every start. */
    public static Services build(Inputs in) {
        FieldsafeConfiguration config = in.config();
        Database database = in.database();
        Clock clock = in.clock();
        AuthConfig authConfig = config.auth();
        AuditLog audit = new AuditLog(database, clock, in.auditKey());
        audit.sealHeadIfUnsealed();
        PasswordHasher hasher = new PasswordHasher(authConfig.argon2().cost());
        StudyStore studies = new StudyStore(database, in.json(), clock);
        FormStore forms = new FormStore(database, in.json(), clock);
        ReceiptKey receiptKey = ReceiptKey.loadOrCreate(database, clock);
        SubmissionShredder shredder = new SubmissionShredder(database, in.envelopeFiles());
        CodeKeyVault codeKeys = CodeKeyVault.loadOrCreate(in.codeKeyFile());
        codeKeys.wrapPlaintextKeys(database, shredder::truncateLog, audit);
        StudyKeyService keys = new StudyKeyService(database, studies, receiptKey, codeKeys, audit, clock,
                config.keys().minArgon2().cost());
        KeyCustody custody = new KeyCustody(database, studies, audit,
                new RateLimiter(KeyCustody.MAX_FAILURES, KeyCustody.FAILURE_WINDOW, clock), clock,
                config.keys().minArgon2().cost());
        ReferralCaseStore cases = new ReferralCaseStore(database);
        OpenRosaWithdrawals openRosaWithdrawals = new OpenRosaWithdrawals(database, studies, forms, custody, keys,
                shredder, audit, clock);
        OdkKeys odkKeys = new OdkKeys(database, studies, audit, clock, config.keys().minArgon2().cost());
        SubmissionsConfig uploads = config.submissions();
        SubmissionStore store = new SubmissionStore(database, audit, in.envelopeFiles(), cases);
        SubmissionWriter writer = new SubmissionWriter(database, store, receiptKey, clock, uploads.maxBatch(),
                uploads.queueCapacity(), new WalCheckpointer(database,
                uploads.walCheckpointInterval().toMilliseconds()));
        StableCodeGrants grants = new StableCodeGrants(database, studies, audit, clock);
        ExportsConfig exports = config.exports();
        ReferralDeadlines deadlines = new ReferralDeadlines(studies);
        NotificationsConfig mail = config.notifications();
        ReferralNotifier notifier = mail.enabled() ? new ReferralNotifier(database, deadlines,
                new SmtpMailer(mail.smtp()), new ReferralMails(mail.publicBaseUrl()), clock,
                duration(mail.pollInterval()), mail.maxAttempts(), duration(mail.retryAfter())) : null;
        DeviceTokens deviceTokens = new DeviceTokens();
        return new Services(database, audit, studies, forms,
                new UserService(database, studies, hasher, audit, clock, deviceTokens),
                new AuthService(database, hasher, loginLimits(authConfig, clock), new HashingPermits(
                        authConfig.hashing().concurrent(), duration(authConfig.hashing().maxWait())), audit, clock,
                        duration(authConfig.tokenTtl()), deviceTokens),
                new FormService(database, studies, forms, in.studySource(), audit),
                new EnrolmentService(database, studies, keys, audit, new RateLimiter(
                        config.enrolment().exchangeLimit().maxFailures(),
                        duration(config.enrolment().exchangeLimit().window()), clock), clock,
                        duration(config.enrolment().codeTtl()), deviceTokens),
                new SyncService(database, studies, forms, keys, in.json()), receiptKey, keys, custody,
                new KeyHolders(database, studies, custody, audit, clock), store, writer,
                new SubmissionService(database, studies, forms, store, writer, receiptKey,
                        new EnvelopeParser(uploads.maxEnvelopeBytes()), duration(uploads.receiptTimeout())),
                new ProgressService(studies, store), new IdentityService(studies, store, custody, audit),
                new WithdrawalService(database, studies, keys, shredder, openRosaWithdrawals, audit, clock),
                new RetentionJob(database, studies, shredder, audit, clock, duration(config.retention().interval()),
                        duration(config.retention().firstRunAfter())),
                new Notices(database, studies), new DirectoryEditor(database, studies, audit, clock),
                new AttachmentService(database, store, receiptKey, audit, clock, config.attachments()), grants,
                new ExportJobs(database, studies, forms, store, grants, custody, audit, clock, in.json(),
                        in.exportsDirectory(), exports.running(), exports.queued(), duration(exports.expiry()),
                        new OpenRosaExports(database, studies, forms, custody, keys, openRosaWithdrawals)),
                new SealedPull(studies, forms, store, audit, in.json()),
                new WrappedKeyService(database, studies, audit, custody), cases, deadlines,
                new ReferralService(database, studies, store, cases, custody, audit, clock),
                new ReferralEscalationJob(database, cases, deadlines, audit, clock,
                        duration(config.referralDeadlines().interval()),
                        duration(config.referralDeadlines().firstRunAfter()), mail.enabled(),
                        notifier == null ? ReferralEscalationJob.Notifier.NONE : notifier),
                notifier, odkKeys, new OpenRosaSubmissions(database, studies, forms, odkKeys, audit, clock,
                config.maxRequestBytes()));
    }

    private static LoginLimits loginLimits(AuthConfig auth, Clock clock) {
        return new LoginLimits(rateLimiter(auth.loginRateLimit(), clock), rateLimiter(auth.userNameRateLimit(), clock),
                rateLimiter(auth.addressRateLimit(), clock), duration(auth.knownAddressFor()), clock);
    }

    private static RateLimiter rateLimiter(AuthConfig.RateLimit limit, Clock clock) {
        return new RateLimiter(limit.maxFailures(), duration(limit.window()), clock);
    }

    private static Duration duration(io.dropwizard.util.Duration value) {
        return Duration.ofMillis(value.toMilliseconds());
    }
}
