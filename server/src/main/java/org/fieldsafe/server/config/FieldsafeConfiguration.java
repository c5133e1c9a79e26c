package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The server's config.yml. Every part is validated at start-up. */
public class FieldsafeConfiguration extends Configuration {
    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    private FormsConfig forms = FormsConfig.defaults();

    @Valid
    @NotNull
    private AuthConfig auth = AuthConfig.defaults();

    @Valid
    @NotNull
    private EnrolmentConfig enrolment = EnrolmentConfig.defaults();

    @Valid
    @NotNull
    private SubmissionsConfig submissions = SubmissionsConfig.defaults();

    @Valid
    @NotNull
    private AttachmentsConfig attachments = AttachmentsConfig.defaults();

    @Valid
    @NotNull
    private ExportsConfig exports = ExportsConfig.defaults();
    private RetentionConfig retention = RetentionConfig.defaults();

    @Valid
    @NotNull
    private AuditConfig audit = AuditConfig.defaults();

    @Valid
    @NotNull
    private RespondentCodesConfig respondentCodes = RespondentCodesConfig.defaults();

    @Valid
    @NotNull
    private ReferralDeadlinesConfig referralDeadlines = ReferralDeadlinesConfig.defaults();

    @Valid
    @NotNull
    private NotificationsConfig notifications = NotificationsConfig.defaults();

    @Valid
    @NotNull
    private KeysConfig keys = KeysConfig.defaults();

    public FieldsafeConfiguration() {
        setServerFactory(new FieldsafeServerFactory());
    }

    @JsonProperty("database")
    public DataSourceFactory database() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty("forms")
    public FormsConfig forms() {
        return forms;
    }

    @JsonProperty("forms")
    public void setForms(FormsConfig forms) {
        this.forms = forms;
    }

    @JsonProperty("auth")
    public AuthConfig auth() {
        return auth;
    }

    @JsonProperty("auth")
    public void setAuth(AuthConfig auth) {
        this.auth = auth;
    }

    @JsonProperty("enrolment")
    public EnrolmentConfig enrolment() {
        return enrolment;
    }

    @JsonProperty("enrolment")
    public void setEnrolment(EnrolmentConfig enrolment) {
        this.enrolment = enrolment;
    }

    @JsonProperty("submissions")
    public SubmissionsConfig submissions() {
        return submissions;
    }

    @JsonProperty("submissions")
    public void setSubmissions(SubmissionsConfig submissions) {
        this.submissions = submissions;
    }

    @JsonProperty("attachments")
    public AttachmentsConfig attachments() {
        return attachments;
    }

    @JsonProperty("attachments")
    public void setAttachments(AttachmentsConfig attachments) {
        this.attachments = attachments;
    }

    /** The request body limit; 1 MiB unless the server factory is Fieldsafe's. */
    public long maxRequestBytes() {
        return getServerFactory() instanceof FieldsafeServerFactory f ? f.getMaxRequestBytes() : 1L << 20;
    }

    @JsonProperty("exports")
    public ExportsConfig exports() {
        return exports;
    }

    @JsonProperty("exports")
    public void setExports(ExportsConfig exports) {
        this.exports = exports;
    }

    @JsonProperty("audit")
    public AuditConfig audit() {
        return audit;
    }

    @JsonProperty("audit")
    public void setAudit(AuditConfig audit) {
        this.audit = audit;
    }

    @JsonProperty("respondentCodes")
    public RespondentCodesConfig respondentCodes() {
        return respondentCodes;
    }

    @JsonProperty("respondentCodes")
    public void setRespondentCodes(RespondentCodesConfig respondentCodes) {
        this.respondentCodes = respondentCodes;
    }

    @JsonProperty("retention")
    public RetentionConfig retention() {
        return retention;
    }

    @JsonProperty("retention")
    public void setRetention(RetentionConfig retention) {
        this.retention = retention;
    }

    @JsonProperty("referralDeadlines")
    public ReferralDeadlinesConfig referralDeadlines() {
        return referralDeadlines;
    }

    @JsonProperty("referralDeadlines")
    public void setReferralDeadlines(ReferralDeadlinesConfig referralDeadlines) {
        this.referralDeadlines = referralDeadlines;
    }

    @JsonProperty("notifications")
    public NotificationsConfig notifications() {
        return notifications;
    }

    @JsonProperty("notifications")
    public void setNotifications(NotificationsConfig notifications) {
        this.notifications = notifications;
    }

    @JsonProperty("keys")
    public KeysConfig keys() {
        return keys;
    }

    @JsonProperty("keys")
    public void setKeys(KeysConfig keys) {
        this.keys = keys;
    }
}
