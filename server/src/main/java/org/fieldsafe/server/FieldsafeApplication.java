package org.fieldsafe.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.lifecycle.Managed;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.server.attachments.AttachmentService;
import org.fieldsafe.server.audit.AuditKey;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.audit.VerifyAuditTask;
import org.fieldsafe.server.auth.AuthService;
import org.fieldsafe.server.resources.auth.BearerAuthFeature;
import org.fieldsafe.server.auth.ClientAddressFilter;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.HashingPermits;
import org.fieldsafe.server.auth.LoginLimits;
import org.fieldsafe.server.auth.RateLimiter;
import org.fieldsafe.server.auth.TrustedProxies;
import org.fieldsafe.server.auth.UserService;
import org.fieldsafe.server.config.AuthConfig;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.config.ExportsConfig;
import org.fieldsafe.server.config.JettyDebugFilter;
import org.fieldsafe.server.config.NotificationsConfig;
import org.fieldsafe.server.config.SubmissionsConfig;
import org.fieldsafe.server.directory.DirectoryEditor;
import org.fieldsafe.server.export.ExportJobs;
import org.fieldsafe.server.export.SealedPull;
import org.fieldsafe.server.export.StableCodeGrants;
import org.fieldsafe.server.health.FormsHealthCheck;
import org.fieldsafe.server.health.ReferralsHealthCheck;
import org.fieldsafe.server.health.RetentionHealthCheck;
import org.fieldsafe.server.health.SubmissionWriterHealthCheck;
import org.fieldsafe.server.identity.IdentityService;
import org.fieldsafe.server.keys.CodeKeyVault;
import org.fieldsafe.server.keys.KeyCustody;
import org.fieldsafe.server.keys.KeyHolders;
import org.fieldsafe.server.keys.ReceiptKey;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.keys.WrappedKeyService;
import org.fieldsafe.server.mappers.ExceptionMappers;
import org.fieldsafe.server.notification.ReferralMails;
import org.fieldsafe.server.notification.ReferralNotifier;
import org.fieldsafe.server.notification.SmtpMailer;
import org.fieldsafe.server.referral.ReferralDeadlines;
import org.fieldsafe.server.referral.ReferralEscalationJob;
import org.fieldsafe.server.mappers.ProblemErrorHandler;
import org.fieldsafe.server.mappers.RequestSizeLimitFilter;
import org.fieldsafe.server.referral.ReferralCaseStore;
import org.fieldsafe.server.referral.ReferralService;
import org.fieldsafe.server.resources.AttachmentResource;
import org.fieldsafe.server.resources.DirectoryResource;
import org.fieldsafe.server.resources.NoticeResource;
import org.fieldsafe.server.resources.AuditResource;
import org.fieldsafe.server.resources.AuthResource;
import org.fieldsafe.server.resources.DeviceResource;
import org.fieldsafe.server.resources.EnrolmentResource;
import org.fieldsafe.server.resources.ExportJobResource;
import org.fieldsafe.server.resources.ExportResource;
import org.fieldsafe.server.resources.IdentityResource;
import org.fieldsafe.server.resources.KeyHolderResource;
import org.fieldsafe.server.resources.ProgressResource;
import org.fieldsafe.server.resources.ReferralResource;
import org.fieldsafe.server.resources.SealedSubmissionResource;
import org.fieldsafe.server.resources.StudyKeyResource;
import org.fieldsafe.server.resources.StudyReferralResource;
import org.fieldsafe.server.resources.StudyResource;
import org.fieldsafe.server.resources.SubmissionResource;
import org.fieldsafe.server.resources.SyncResource;
import org.fieldsafe.server.resources.UserResource;
import org.fieldsafe.server.resources.WrappedKeyResource;
import org.fieldsafe.server.resources.WithdrawalResource;
import org.fieldsafe.server.retention.RetentionJob;
import org.fieldsafe.server.shredding.SubmissionShredder;
import org.fieldsafe.server.storage.DataSources;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.enrolment.EnrolmentService;
import org.fieldsafe.server.storage.EnvelopeFiles;
import org.fieldsafe.server.forms.FormRejectedException;
import org.fieldsafe.server.forms.FormService;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.forms.StudyBundleSource;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.sync.SyncService;
import org.fieldsafe.server.storage.WalCheckpointer;
import org.fieldsafe.server.submissions.EnvelopeParser;
import org.fieldsafe.server.submissions.ProgressService;
import org.fieldsafe.server.submissions.SubmissionService;
import org.fieldsafe.server.submissions.SubmissionStore;
import org.fieldsafe.server.submissions.SubmissionWriter;
import org.fieldsafe.server.withdrawal.WithdrawalService;
import org.fieldsafe.server.notices.Notices;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Fieldsafe server: wires storage, auth, forms and resources under {@code /api/v1}. */
public class FieldsafeApplication extends Application<FieldsafeConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(FieldsafeApplication.class);
    private final Clock clock;
    private final Function<FieldsafeConfiguration, StudyBundleSource> studySources;
    private final PrintStream console;
    private Services services;
    private ExportJobs exportJobs;
    private ReferralEscalationJob referralEscalation;
    private ReferralNotifier referralNotifier;

    public FieldsafeApplication(Clock clock, Function<FieldsafeConfiguration, StudyBundleSource> studySources,
                                PrintStream console) {
        this.clock = clock;
        this.studySources = studySources;
        this.console = console;
    }

    @Override
    public String getName() {
        return "fieldsafe";
    }

    @Override
    public void initialize(Bootstrap<FieldsafeConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        // Instants on the wire as ISO-8601 text (2026-03-01T08:00:00Z), not epoch seconds.
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Override
    protected void addDefaultCommands(Bootstrap<FieldsafeConfiguration> bootstrap) {
        bootstrap.addCommand(new FieldsafeServerCommand(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    /** The wired services, for tests and the admin tasks. */
    public Services services() {
        return services;
    }

    /** Everything {@link #run} builds, in one place. */
    public record Services(Database database, AuditLog audit, UserService users, AuthService auth,
                           FormService forms, EnrolmentService enrolments, SyncService sync, ReceiptKey receiptKey,
                           StudyKeyService keys, SubmissionStore submissionStore, SubmissionWriter submissionWriter,
                           SubmissionService submissions, ProgressService progress, KeyCustody custody,
                           IdentityService identities, WithdrawalService withdrawals, RetentionJob retention) {
    }

    @Override
    public void run(FieldsafeConfiguration config, Environment environment) {
        JettyDebugFilter.install();
        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        Database database = openDatabase(config, environment);
        services = buildServices(config, database, environment.getObjectMapper(), envelopeFiles(config, environment));
        long scrubbed = services.submissionStore().scrubEnvelopeFiles(); // before the writer appends anything
        if (scrubbed > 0) {
            LOG.info("Zeroed {} bytes of the envelope files that no submission references", scrubbed);
        }
        loadForms();
        services.users().ensureAdmin(config.auth().initialAdminPassword()).ifPresent(password ->
                console.println("First start: created user 'admin' with the one-time password " + password
                        + " (shown only now; it must be changed at the first login)."));

        environment.jersey().setUrlPattern("/api/v1/*");
        // Jersey buffers each response to set Content-Length; API answers are small, so a small buffer will do
        // (larger ones go out chunked) instead of a fresh 8 KiB buffer per response.
        environment.jersey().property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, RESPONSE_BUFFER_BYTES);
        environment.getApplicationContext().setErrorHandler(new ProblemErrorHandler(environment.getObjectMapper()));
        ExceptionMappers.register(environment.jersey());
        environment.jersey().register(new RequestSizeLimitFilter(config.maxRequestBytes(),
                // envelopes and attachment chunks share the prefix; each is held to its own limit after reading
                Map.of("submissions/", Math.max(config.submissions().maxEnvelopeBytes(),
                        config.attachments().maxChunkBytes()))));
        environment.lifecycle().manage(services.submissionWriter());
        environment.lifecycle().manage(services.submissions().deadlines());
        environment.lifecycle().manage(services.retention());
        services.submissionWriter().registerMetrics(environment.metrics());
        registerAuth(environment, config.auth());
        registerResources(environment, config);
        registerExports(environment, config);
        registerReferrals(environment);
        environment.healthChecks().register("forms", new FormsHealthCheck(services.forms()));
        environment.healthChecks().register("submission-writer",
                new SubmissionWriterHealthCheck(services.submissionWriter()));
        environment.healthChecks().register("retention", new RetentionHealthCheck(services.retention()));
        environment.admin().addTask(new VerifyAuditTask(services.audit()));
        registerReferralDeadlines(environment, config);
        environment.lifecycle().addServerLifecycleListener(server -> {
            console.println("Fieldsafe listens on http://" + host(config) + ":" + server.getURI().getPort()
                    + "/api/v1 (health checks on the admin port: /healthcheck)");
            console.println("Log in with: ./fieldsafe admin login --server http://" + host(config) + ":"
                    + server.getURI().getPort() + " --user admin");
        });
    }

    private Database openDatabase(FieldsafeConfiguration config, Environment environment) {
        Database.Dialect dialect = DataSources.prepare(config.database());
        ManagedDataSource dataSource = config.database().build(environment.metrics(), "database");
        Database.migrate(dataSource);
        return new Database(new JdbiFactory().build(environment, config.database(), dataSource, "database"), dialect);
    }

    private Services buildServices(FieldsafeConfiguration config, Database database, ObjectMapper json,
                                   EnvelopeFiles envelopeFiles) {
        AuthConfig authConfig = config.auth();
        AuditLog audit = new AuditLog(database, clock, auditKey(config));
        audit.sealHeadIfUnsealed();
        PasswordHasher hasher = new PasswordHasher(authConfig.argon2().cost());
        LoginLimits loginLimits = new LoginLimits(rateLimiter(authConfig.loginRateLimit()),
                rateLimiter(authConfig.userNameRateLimit()), rateLimiter(authConfig.addressRateLimit()),
                duration(authConfig.knownAddressFor()), clock);
        HashingPermits hashing = new HashingPermits(authConfig.hashing().concurrent(),
                duration(authConfig.hashing().maxWait()));
        RateLimiter enrolLimiter = new RateLimiter(config.enrolment().exchangeLimit().maxFailures(),
                duration(config.enrolment().exchangeLimit().window()), clock);
        StudyStore studies = new StudyStore(database, json, clock);
        FormStore forms = new FormStore(database, json, clock);
        ReceiptKey receiptKey = ReceiptKey.loadOrCreate(database, clock);
        SubmissionShredder shredder = new SubmissionShredder(database, envelopeFiles);
        CodeKeyVault codeKeys = CodeKeyVault.loadOrCreate(codeKeyFile(config));
        codeKeys.wrapPlaintextKeys(database, shredder::truncateLog, audit);
        StudyKeyService keys = new StudyKeyService(database, studies, receiptKey, codeKeys, audit, clock,
                config.keys().minArgon2().cost());
        Uploads uploads = uploads(config.submissions(), database, studies, forms, audit, receiptKey,
                envelopeFiles);
        KeyCustody custody = new KeyCustody(database, studies, audit,
                new RateLimiter(KeyCustody.MAX_FAILURES, KeyCustody.FAILURE_WINDOW, clock), clock,
                config.keys().minArgon2().cost());
        return new Services(database, audit,
                new UserService(database, studies, hasher, audit, clock),
                new AuthService(database, hasher, loginLimits, hashing, audit, clock, duration(authConfig.tokenTtl())),
                new FormService(database, studies, forms, studySources.apply(config), audit),
                new EnrolmentService(database, studies, keys, audit, enrolLimiter, clock,
                        duration(config.enrolment().codeTtl())),
                new SyncService(studies, forms, keys, json), receiptKey, keys, uploads.store(), uploads.writer(),
                uploads.service(), new ProgressService(studies, uploads.store()), custody,
                new IdentityService(studies, uploads.store(), custody, audit),
                new WithdrawalService(database, studies, keys, shredder, audit, clock),
                new RetentionJob(database, studies, shredder, audit, clock, duration(config.retention().interval()),
                        duration(config.retention().firstRunAfter())));
    }

    private RateLimiter rateLimiter(AuthConfig.RateLimit limit) {
        return new RateLimiter(limit.maxFailures(), duration(limit.window()), clock);
    }

    /** Responses up to this size carry a Content-Length; larger ones are sent chunked. */
    private static final int RESPONSE_BUFFER_BYTES = 2048;
    /** An envelope file is closed for appending at this size and the next one started. */
    private static final long ENVELOPE_FILE_BYTES = 256L * 1024 * 1024;

    private record Uploads(SubmissionStore store, SubmissionWriter writer, SubmissionService service) {
    }

    /** Sealed uploads: the store, the group-committing writer and the service in front of them. */
    /**
     * SQLite: the envelope files beside the database (see {@link EnvelopeFiles}), closed when the server stops;
     * null for PostgreSQL (envelopes stay in their rows) and in-memory databases.
     */
    private static EnvelopeFiles envelopeFiles(FieldsafeConfiguration config, Environment environment) {
        Optional<Path> file = DataSources.sqliteFile(config.database());
        if (file.isEmpty()) {
            return null;
        }
        Path directory = EnvelopeFiles.besides(file.get());
        try {
            EnvelopeFiles files = EnvelopeFiles.open(directory, ENVELOPE_FILE_BYTES);
            environment.lifecycle().manage(new Managed() {
                @Override
                public void stop() throws Exception {
                    files.close();
                }
            });
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the envelope files in " + directory, e);
        }
    }

    private Uploads uploads(SubmissionsConfig config, Database database, StudyStore studies, FormStore forms,
                            AuditLog audit, ReceiptKey receiptKey, EnvelopeFiles envelopeFiles) {
        SubmissionStore store = new SubmissionStore(database, audit, envelopeFiles, new ReferralCaseStore(database));
        SubmissionWriter writer = new SubmissionWriter(database, store, receiptKey, clock, config.maxBatch(),
                config.queueCapacity(), new WalCheckpointer(database, config.walCheckpointInterval().toMilliseconds()));
        return new Uploads(store, writer, new SubmissionService(database, studies, forms, store, writer, receiptKey,
                new EnvelopeParser(config.maxEnvelopeBytes()), duration(config.receiptTimeout())));
    }

    private void loadForms() {
        try {
            services.forms().loadAndPublish();
        } catch (FormRejectedException e) {
            System.err.println("The forms directory has errors; the server does not start:");
            e.messages().forEach(System.err::println);
            throw e;
        }
    }

    private void registerAuth(Environment environment, AuthConfig auth) {
        environment.servlets().addFilter("client-address", new ClientAddressFilter(
                new TrustedProxies(auth.trustedProxies()), auth.forwardedHeader()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.jersey().register(new BearerAuthFeature(services.auth()));
        environment.jersey().register(RolesAllowedDynamicFeature.class);
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(FieldsafePrincipal.class));
    }

    private void registerResources(Environment environment, FieldsafeConfiguration config) {
        environment.jersey().register(new AuthResource(services.auth()));
        environment.jersey().register(new UserResource(services.users()));
        environment.jersey().register(new StudyResource(services.forms()));
        environment.jersey().register(new EnrolmentResource(services.enrolments()));
        environment.jersey().register(new DeviceResource(services.enrolments()));
        environment.jersey().register(new SyncResource(services.sync()));
        environment.jersey().register(new StudyKeyResource(services.keys(), services.custody()));
        environment.jersey().register(new KeyHolderResource(new KeyHolders(services.database(),
                new StudyStore(services.database(), environment.getObjectMapper(), clock), services.custody(),
                services.audit(), clock)));
        environment.jersey().register(new IdentityResource(services.identities()));
        environment.jersey().register(new SubmissionResource(services.submissions()));
        environment.jersey().register(new ProgressResource(services.progress()));
        environment.jersey().register(new AuditResource(services.audit()));
        environment.jersey().register(new WithdrawalResource(services.withdrawals()));
        environment.jersey().register(new NoticeResource(new Notices(services.database(),
                new StudyStore(services.database(), environment.getObjectMapper(), clock))));
        environment.jersey().register(new DirectoryResource(new DirectoryEditor(services.database(),
                new StudyStore(services.database(), environment.getObjectMapper(), clock), services.audit(), clock)));
        environment.jersey().register(new AttachmentResource(new AttachmentService(services.database(),
                services.submissionStore(), services.receiptKey(), services.audit(), clock, config.attachments())));
    }

    /** Export jobs, stable-code grants, the sealed pull and wrapped-key fetch (issue 4). */
    private void registerExports(Environment environment, FieldsafeConfiguration config) {
        Services s = services;
        StudyStore studies = new StudyStore(s.database(), environment.getObjectMapper(), clock);
        FormStore forms = new FormStore(s.database(), environment.getObjectMapper(), clock);
        StableCodeGrants grants = new StableCodeGrants(s.database(), studies, s.audit(), clock);
        ExportsConfig exports = config.exports();
        exportJobs = new ExportJobs(s.database(), studies, forms, s.submissionStore(), grants, s.custody(), s.audit(),
                clock, environment.getObjectMapper(), exportsDirectory(config), exports.running(), exports.queued(),
                duration(exports.expiry()));
        environment.lifecycle().manage(exportJobs);
        environment.jersey().register(new ExportResource(exportJobs, grants));
        environment.jersey().register(new ExportJobResource(exportJobs));
        environment.jersey().register(new SealedSubmissionResource(new SealedPull(studies, forms,
                s.submissionStore(), s.audit(), environment.getObjectMapper())));
        environment.jersey().register(new WrappedKeyResource(new WrappedKeyService(s.database(), studies,
                s.audit(), s.custody())));
    }

    /**
     * Referral deadlines and notifications (issue 5): the escalation job, the e-mail notifier when
     * {@code notifications.enabled}, and the health check "referrals".
     */
    private void registerReferralDeadlines(Environment environment, FieldsafeConfiguration config) {
        Services s = services;
        StudyStore studies = new StudyStore(s.database(), environment.getObjectMapper(), clock);
        ReferralDeadlines deadlines = new ReferralDeadlines(studies);
        ReferralCaseStore cases = new ReferralCaseStore(s.database());
        NotificationsConfig mail = config.notifications();
        referralNotifier = mail.enabled() ? new ReferralNotifier(s.database(), deadlines,
                new SmtpMailer(mail.smtp()), new ReferralMails(mail.publicBaseUrl()), clock,
                duration(mail.pollInterval()), mail.maxAttempts(), duration(mail.retryAfter())) : null;
        referralEscalation = new ReferralEscalationJob(s.database(), cases, deadlines, s.audit(), clock,
                duration(config.referralDeadlines().interval()), duration(config.referralDeadlines().firstRunAfter()),
                mail.enabled(), referralNotifier == null ? ReferralEscalationJob.Notifier.NONE : referralNotifier);
        if (referralNotifier != null) {
            environment.lifecycle().manage(referralNotifier);
        }
        environment.lifecycle().manage(referralEscalation);
        environment.healthChecks().register("referrals", new ReferralsHealthCheck(s.database(), studies, cases,
                deadlines, referralEscalation, referralNotifier, clock));
    }

    /** The referral escalation job (for tests). */
    public ReferralEscalationJob referralEscalation() {
        return referralEscalation;
    }

    /** The referral e-mail notifier; null when notifications are off (for tests). */
    public ReferralNotifier referralNotifier() {
        return referralNotifier;
    }

    /** Referral cases (issue 5): officers' case routes and the data managers' counts. */
    private void registerReferrals(Environment environment) {
        Services s = services;
        StudyStore studies = new StudyStore(s.database(), environment.getObjectMapper(), clock);
        ReferralService referrals = new ReferralService(s.database(), studies, s.submissionStore(),
                new ReferralCaseStore(s.database()), s.custody(), s.audit(), clock);
        environment.jersey().register(new ReferralResource(referrals));
        environment.jersey().register(new StudyReferralResource(referrals));
    }

    /** The export jobs (for tests). */
    public ExportJobs exportJobs() {
        return exportJobs;
    }

    /**
     * The audit key: the configured file, else {@code audit.key} beside the SQLite database, else none (PostgreSQL
     * without {@code audit.keyFile}: the log is a hash chain only).
     */
    private static AuditKey auditKey(FieldsafeConfiguration config) {
        String configured = config.audit().keyFile();
        if (configured != null && !configured.isBlank()) {
            return AuditKey.loadOrCreate(Path.of(configured));
        }
        Optional<Path> file = DataSources.sqliteFile(config.database());
        if (file.isEmpty()) {
            LOG.warn("No audit.keyFile: the audit log's head is not sealed; set audit.keyFile");
            return null;
        }
        return AuditKey.loadOrCreate(file.get().toAbsolutePath().getParent().resolve("audit.key"));
    }

    /**
     * The file of the key that wraps the respondent-code keys: the configured file, else {@code code-key.key} beside
     * the SQLite database; PostgreSQL or an in-memory database without {@code respondentCodes.keyFile} refuses to
     * start (the code keys would otherwise sit in the database in plaintext, docs/sealing.md).
     */
    static Path codeKeyFile(FieldsafeConfiguration config) {
        String configured = config.respondentCodes().keyFile();
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return DataSources.sqliteFile(config.database())
                .map(file -> file.toAbsolutePath().getParent().resolve("code-key.key"))
                .orElseThrow(() -> new IllegalStateException("Set respondentCodes.keyFile (FIELDSAFE_CODE_KEY_FILE): "
                        + "without a SQLite database file there is no default place for the key that wraps the "
                        + "respondent-code keys"));
    }

    /** Configured, else {@code exports/} beside the SQLite database, else under the temporary directory. */
    private static Path exportsDirectory(FieldsafeConfiguration config) {
        String configured = config.exports().directory();
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return DataSources.sqliteFile(config.database())
                .map(file -> file.toAbsolutePath().getParent().resolve("exports"))
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "fieldsafe-exports"));
    }

    private static String host(FieldsafeConfiguration config) {
        if (config.getServerFactory() instanceof DefaultServerFactory server
                && !server.getApplicationConnectors().isEmpty()
                && server.getApplicationConnectors().get(0) instanceof HttpConnectorFactory http
                && http.getBindHost() != null) {
            return http.getBindHost();
        }
        return "localhost";
    }

    private static Duration duration(io.dropwizard.util.Duration value) {
        return Duration.ofMillis(value.toMilliseconds());
    }
}
