package org.fieldsafe.server;

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
import jakarta.servlet.FilterRegistration;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.fieldsafe.server.attachments.ListenService;
import org.fieldsafe.server.redaction.RedactionScan;
import org.fieldsafe.server.audit.AuditEntries;
import org.fieldsafe.server.audit.AuditKey;
import org.fieldsafe.server.audit.VerifyAuditTask;
import org.fieldsafe.server.json.ServerJson;
import org.fieldsafe.server.resources.auth.BearerAuthFeature;
import org.fieldsafe.server.resources.auth.TokenAuthenticator;
import org.fieldsafe.server.resources.auth.TokenInQueryFilter;
import org.fieldsafe.server.auth.ClientAddressFilter;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.TrustedProxies;
import org.fieldsafe.server.config.AuthConfig;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.config.JettyDebugFilter;
import org.fieldsafe.server.resources.console.ConsoleServlet;
import org.fieldsafe.server.resources.console.CookieSessionFilter;
import org.fieldsafe.server.resources.console.SecurityHeadersFilter;
import org.fieldsafe.server.resources.console.SessionCookies;
import org.fieldsafe.server.health.FormsHealthCheck;
import org.fieldsafe.server.health.ReferralsHealthCheck;
import org.fieldsafe.server.health.RetentionHealthCheck;
import org.fieldsafe.server.health.SubmissionWriterHealthCheck;
import org.fieldsafe.server.mappers.ExceptionMappers;
import org.fieldsafe.server.mappers.ProblemErrorHandler;
import org.fieldsafe.server.mappers.RequestSizeLimitFilter;
import org.fieldsafe.server.resources.AttachmentResource;
import org.fieldsafe.server.resources.DirectoryResource;
import org.fieldsafe.server.resources.NoticeResource;
import org.fieldsafe.server.resources.AuditResource;
import org.fieldsafe.server.resources.AuthResource;
import org.fieldsafe.server.resources.DeviceResource;
import org.fieldsafe.server.resources.EnrolmentResource;
import org.fieldsafe.server.resources.ExportJobResource;
import org.fieldsafe.server.resources.ExportListResource;
import org.fieldsafe.server.resources.ExportResource;
import org.fieldsafe.server.resources.HealthResource;
import org.fieldsafe.server.resources.IdentityResource;
import org.fieldsafe.server.resources.ListenResource;
import org.fieldsafe.server.resources.RedactionResource;
import org.fieldsafe.server.resources.KeyHolderResource;
import org.fieldsafe.server.resources.OdkKeyResource;
import org.fieldsafe.server.resources.TranscriptQueueResource;
import org.fieldsafe.server.resources.TranscriptResource;
import org.fieldsafe.server.resources.TranscriptionKeyResource;
import org.fieldsafe.server.transcripts.TranscriptService;
import org.fieldsafe.server.keys.TranscriptionKeys;
import org.fieldsafe.server.resources.OpenRosaSubmissionResource;
import org.fieldsafe.server.resources.OpenRosaFormResource;
import org.fieldsafe.server.openrosa.OpenRosaForms;
import org.fieldsafe.server.openrosa.OdkAppUsers;
import org.fieldsafe.server.resources.OdkAppUserResource;
import org.fieldsafe.server.resources.OpenRosaProgressResource;
import org.fieldsafe.server.openrosa.AppUsers;
import org.fieldsafe.server.resources.OpenRosaHeaderFilter;
import org.fieldsafe.server.resources.ProgressResource;
import org.fieldsafe.server.resources.ReasonCodeResource;
import org.fieldsafe.server.resources.ReferralResource;
import org.fieldsafe.server.resources.SealedSubmissionResource;
import org.fieldsafe.server.resources.SessionResource;
import org.fieldsafe.server.resources.StudyKeyResource;
import org.fieldsafe.server.resources.StudyReferralResource;
import org.fieldsafe.server.resources.StudyResource;
import org.fieldsafe.server.resources.SubmissionImportResource;
import org.fieldsafe.server.resources.SubmissionResource;
import org.fieldsafe.server.resources.SyncResource;
import org.fieldsafe.server.resources.ManifestNotModifiedFilter;
import org.fieldsafe.server.resources.SubmissionUploadFilter;
import org.fieldsafe.server.resources.TranslationResource;
import org.fieldsafe.server.resources.UserResource;
import org.fieldsafe.server.resources.WrappedKeyResource;
import org.fieldsafe.server.resources.WithdrawalResource;
import org.fieldsafe.server.storage.DataSources;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.EnvelopeFiles;
import org.fieldsafe.server.submissions.SubmissionImports;
import org.fieldsafe.server.forms.FormRejectedException;
import org.fieldsafe.server.forms.TranslationService;
import org.fieldsafe.server.forms.StudyBundleSource;
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
    /** The graph {@link #run} built ({@link Services#build}), set once there. */
    private Services services;

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
        ServerJson.configureApi(bootstrap.getObjectMapper());
    }

    @Override
    protected void addDefaultCommands(Bootstrap<FieldsafeConfiguration> bootstrap) {
        bootstrap.addCommand(new FieldsafeServerCommand(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    /** The stores, services and jobs {@link #run} built and registered. */
    public Services services() {
        return services;
    }

    @Override
    public void run(FieldsafeConfiguration config, Environment environment) {
        JettyDebugFilter.install();
        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        Database database = openDatabase(config, environment);
        services = Services.build(new Services.Inputs(config, database, environment.getObjectMapper(),
                envelopeFiles(config, environment), studySources.apply(config), auditKey(config), codeKeyFile(config),
                exportsDirectory(config), clock));
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
        ProblemErrorHandler errors = new ProblemErrorHandler(environment.getObjectMapper(),
                SecurityHeadersFilter.HEADERS);
        environment.getApplicationContext().setErrorHandler(errors);
        ExceptionMappers.register(environment.jersey());
        environment.jersey().register(new RequestSizeLimitFilter(config.maxRequestBytes(),
                // envelopes and attachment chunks share the prefix; each is held to its own limit after reading
                Map.of("submissions/", Math.max(config.submissions().maxEnvelopeBytes(),
                        config.attachments().maxChunkBytes()))));
        environment.lifecycle().manage(services.submissionWriter());
        environment.lifecycle().manage(services.submissions().deadlines());
        environment.lifecycle().manage(services.retention());
        services.submissionWriter().registerMetrics(environment.metrics());
        TokenAuthenticator tokens = registerAuth(environment, config.auth());
        registerResources(environment, config, tokens);
        registerConsole(environment);
        environment.healthChecks().register("forms", new FormsHealthCheck(services.forms()));
        environment.healthChecks().register("submission-writer",
                new SubmissionWriterHealthCheck(services.submissionWriter()));
        environment.healthChecks().register("retention", new RetentionHealthCheck(services.retention()));
        environment.admin().addTask(new VerifyAuditTask(services.audit()));
        registerJobs(environment);
        environment.lifecycle().addServerLifecycleListener(server -> {
            console.println("Fieldsafe listens on http://" + host(config) + ":" + server.getURI().getPort()
                    + "/api/v1 (health checks on the admin port: /healthcheck)");
            console.println("Log in with: ./fieldsafe admin login --server http://" + host(config) + ":"
                    + server.getURI().getPort() + " --user admin");
            console.println("The console (office roles, in a browser): http://" + host(config) + ":"
                    + server.getURI().getPort() + "/");
        });
    }

    private Database openDatabase(FieldsafeConfiguration config, Environment environment) {
        Database.Dialect dialect = DataSources.prepare(config.database());
        ManagedDataSource dataSource = config.database().build(environment.metrics(), "database");
        Database.migrate(dataSource);
        return new Database(new JdbiFactory().build(environment, config.database(), dataSource, "database"), dialect);
    }

    /** The metric counting manifest 304s answered before Jersey ({@link ManifestNotModifiedFilter}). */
    public static final String MANIFEST_EARLY_304S = "sync.manifest.notModifiedBeforeJersey";
    /** The metric counting uploads received before Jersey ({@link SubmissionUploadFilter}). */
    public static final String UPLOADS_BEFORE_JERSEY = "submissions.receivedBeforeJersey";
    /** Responses up to this size carry a Content-Length; larger ones are sent chunked. */
    private static final int RESPONSE_BUFFER_BYTES = 2048;
    /** An envelope file is closed for appending at this size and the next one started. */
    private static final long ENVELOPE_FILE_BYTES = 256L * 1024 * 1024;

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

    private void loadForms() {
        try {
            services.forms().loadAndPublish();
        } catch (FormRejectedException e) {
            System.err.println("The forms directory has errors; the server does not start:");
            e.messages().forEach(System.err::println);
            throw e;
        }
    }

    /** The metric counting bearer-token lookups ({@link TokenAuthenticator}): one per authenticated request. */
    public static final String BEARER_TOKEN_LOOKUPS = "auth.bearerTokenLookups";

    /** The client address, the bearer-token filters and the roles; returns the one bearer-token lookup. */
    private TokenAuthenticator registerAuth(Environment environment, AuthConfig auth) {
        environment.servlets().addFilter("client-address", new ClientAddressFilter(
                new TrustedProxies(auth.trustedProxies()), auth.forwardedHeader()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.jersey().register(new TokenInQueryFilter()); // before any authentication: 400 token-in-query
        TokenAuthenticator tokens = new TokenAuthenticator(services.auth(),
                environment.metrics().counter(BEARER_TOKEN_LOOKUPS));
        environment.jersey().register(new BearerAuthFeature(tokens));
        environment.jersey().register(RolesAllowedDynamicFeature.class);
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(FieldsafePrincipal.class));
        return tokens;
    }

    private void registerResources(Environment environment, FieldsafeConfiguration config,
                                   TokenAuthenticator tokens) {
        Services s = services;
        environment.jersey().register(new AuthResource(s.auth()));
        environment.jersey().register(new UserResource(s.users()));
        environment.jersey().register(new StudyResource(s.forms()));
        environment.jersey().register(new EnrolmentResource(s.enrolments()));
        environment.jersey().register(new DeviceResource(s.enrolments()));
        environment.jersey().register(new SyncResource(s.sync()));
        // the manifest's 304 before Jersey, by the resource's own rules (after the client-address filter)
        environment.servlets().addFilter("manifest-not-modified", new ManifestNotModifiedFilter(tokens, s.sync(),
                environment.metrics().counter(MANIFEST_EARLY_304S)))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, ManifestNotModifiedFilter.PATH);
        environment.jersey().register(new StudyKeyResource(s.keys(), s.custody()));
        environment.jersey().register(new KeyHolderResource(s.keyHolders()));
        environment.jersey().register(new OdkKeyResource(s.odkKeys()));
        // OpenRosa for ODK Collect (issue 18): ODK-encrypted submissions only, from devices' app users
        environment.jersey().register(new OpenRosaHeaderFilter());
        AppUsers appUsers = new AppUsers(s.auth());
        environment.jersey().register(new OpenRosaSubmissionResource(appUsers, s.openRosa()));
        environment.jersey().register(new OpenRosaFormResource(appUsers, new OpenRosaForms(s.studies(),
                s.formStore(), s.odkKeys(), s.directory())));
        environment.jersey().register(new OdkAppUserResource(new OdkAppUsers(s.enrolments())));
        environment.jersey().register(new OpenRosaProgressResource(s.openRosa()));
        environment.jersey().register(new IdentityResource(s.identities()));
        environment.jersey().register(new ReasonCodeResource());
        environment.jersey().register(new SubmissionResource(s.submissions()));
        // uploads received before Jersey, by the resource's own rules (after the client-address filter)
        FilterRegistration.Dynamic uploads = environment.servlets().addFilter("submission-upload",
                new SubmissionUploadFilter(tokens, s.submissions(), environment.getObjectMapper(),
                        config.submissions().maxEnvelopeBytes(), environment.metrics().counter(UPLOADS_BEFORE_JERSEY)));
        uploads.setAsyncSupported(true); // an upload waits for its commit without holding a thread
        uploads.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, SubmissionUploadFilter.PATHS);
        environment.jersey().register(new ProgressResource(s.progress()));
        environment.jersey().register(new AuditResource(s.audit(), new AuditEntries(s.database())));
        environment.jersey().register(new WithdrawalResource(s.withdrawals()));
        environment.jersey().register(new NoticeResource(s.notices()));
        environment.jersey().register(new DirectoryResource(s.directory()));
        environment.jersey().register(new AttachmentResource(s.attachments()));
        // export jobs, stable-code grants, the sealed pull and wrapped-key fetch (issue 4)
        environment.jersey().register(new ExportResource(s.exportJobs(), s.grants()));
        environment.jersey().register(new ExportJobResource(s.exportJobs()));
        environment.jersey().register(new ExportListResource(s.exportJobs()));
        environment.jersey().register(new SealedSubmissionResource(s.sealedPull()));
        environment.jersey().register(new WrappedKeyResource(s.wrappedKeys()));
        // referral cases (issue 5): officers' case routes and the data managers' counts
        environment.jersey().register(new ReferralResource(s.referrals()));
        environment.jersey().register(new StudyReferralResource(s.referrals()));
        // the console's coordinator screens (issue 16): translation coverage and the translator round trip
        environment.jersey().register(new TranslationResource(new TranslationService(s.database(), s.studies(),
                s.formStore(), s.audit())));
        // sealed transcripts and translations, the study's transcription key (issue 17)
        TranscriptService transcripts = new TranscriptService(s.database(), s.submissionStore(), s.custody(),
                s.audit(), clock);
        environment.jersey().register(new TranscriptResource(transcripts));
        environment.jersey().register(new TranscriptQueueResource(transcripts));
        environment.jersey().register(new TranscriptionKeyResource(new TranscriptionKeys(s.database(), s.studies(),
                s.audit(), clock, config.keys().minArgon2().cost())));
        // earlier waves imported from ODK Central / KoboToolbox exports, sealed on import (issue 18)
        environment.jersey().register(new SubmissionImportResource(new SubmissionImports(s.database(), s.studies(),
                s.formStore(), s.keys(), s.submissionStore(), s.audit(), clock)));
        // the transcription desk's listening (issue 17): a recording streamed decrypted to a key holder's session
        ListenService listening = new ListenService(s.database(), s.studies(), s.submissionStore(), s.custody(), s.audit(), clock);
        s.auth().onLogout(listening::forget);
        environment.jersey().register(new ListenResource(listening));
        environment.jersey().register(new RedactionResource(new RedactionScan(s.studies())));
    }

    /** The console (issue 16): its page and files at {@code /}, the cookie session, the headers on everything. */
    private void registerConsole(Environment environment) {
        environment.servlets().addFilter("security-headers", new SecurityHeadersFilter())
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        environment.servlets().addServlet("console", new ConsoleServlet(environment.getObjectMapper()))
                .addMapping("/");
        environment.jersey().register(new CookieSessionFilter());
        environment.jersey().register(new SessionResource(services.auth(), new SessionCookies(clock)));
        environment.jersey().register(new HealthResource(environment.healthChecks()));
    }

    /**
     * The export jobs, and the referral deadlines and notifications (issue 5): the escalation job, the e-mail
     * notifier when {@code notifications.enabled}, and the health check "referrals".
     */
    private void registerJobs(Environment environment) {
        Services s = services;
        environment.lifecycle().manage(s.exportJobs());
        if (s.referralNotifier() != null) {
            environment.lifecycle().manage(s.referralNotifier());
        }
        environment.lifecycle().manage(s.referralEscalation());
        environment.healthChecks().register("referrals", new ReferralsHealthCheck(s.database(), s.studies(),
                s.referralCases(), s.referralDeadlines(), s.referralEscalation(), s.referralNotifier(), clock));
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

}
