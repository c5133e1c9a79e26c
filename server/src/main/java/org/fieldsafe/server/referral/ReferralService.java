package org.fieldsafe.server.referral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.forms.DirectoryService;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.CaseChange;
import org.fieldsafe.core.wire.CaseView;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.PartRequest;
import org.fieldsafe.server.problems.DomainException;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.keys.KeyCustody;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.keys.UnlockedKey;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.submissions.SubmissionStore;

/**
 * Referral cases for safeguarding officers (DESIGN.md section 8): list, show, change state, read the sealed referral
 * part. Only a safeguarding officer of the case's site gets at a case: any other role gets 403, an officer of
 * another site 404 as for an unknown case (the case's existence is not revealed). The checks are made here, not only
 * by {@code @RolesAllowed}, so that every refused attempt on a case is audited ({@code referral.denied}, with the
 * action and the cause); refused changes (illegal, stale, not consented) are audited too and write nothing else.
 * Audit subjects carry ids and codes only.
 */
public final class ReferralService {
    private static final Pattern CASE_ID =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final ObjectMapper JSON = JsonMappers.lenient();
    private static final Comparator<CaseView.Queued> QUEUE_ORDER = Comparator
            .comparing((CaseView.Queued q) -> q.view().next().isEmpty())
            .thenComparing(q -> q.view().next().isEmpty() ? null : q.view().deadline(),
                    Comparator.nullsLast(Comparator.comparing(Instant::parse)))
            .thenComparing(q -> q.view().closedAt(),
                    Comparator.nullsLast(Comparator.<String, Instant>comparing(Instant::parse).reversed()));

    private final Database database;
    private final StudyStore studies;
    private final SubmissionStore submissions;
    private final ReferralCaseStore cases;
    private final KeyCustody custody;
    private final AuditLog audit;
    private final Clock clock;
    private final ReferralDeadlines deadlines;

    public ReferralService(Database database, StudyStore studies, SubmissionStore submissions,
                           ReferralCaseStore cases, KeyCustody custody, AuditLog audit, Clock clock) {
        this.database = database;
        this.studies = studies;
        this.submissions = submissions;
        this.cases = cases;
        this.custody = custody;
        this.audit = audit;
        this.clock = clock;
        this.deadlines = new ReferralDeadlines(studies);
    }

    /** The study's cases at the officer's sites, newest first. 404 unknown study; 403 for any other role. */
    public List<CaseView> list(FieldsafePrincipal who, String studyId) {
        CompiledStudy study = studies.current(studyId);
        if (!officer(who)) {
            audit.append(who.actor(), "referral.denied", "study:" + study.id() + " action:list cause:role");
            throw notAllowed();
        }
        return cases.listAtSites(study.id(), who.sites()).stream().map(this::view).toList();
    }

    /**
     * The officer's queue: the study's cases at their sites, open ones first by acknowledgement deadline (soonest
     * first, none last), then final ones last changed first; each with whether it is overdue and the seconds left,
     * by the server's clock. 404 unknown study; 403 for any other role, audited like {@link #list}.
     */
    public CaseView.Queue queue(FieldsafePrincipal who, String studyId) {
        Instant now = clock.instant();
        List<CaseView.Queued> queued = list(who, studyId).stream().map(c -> queued(c, now))
                .sorted(QUEUE_ORDER).toList();
        return new CaseView.Queue(now.toString(), queued);
    }

    private static CaseView.Queued queued(CaseView c, Instant now) {
        if (c.deadline() == null || !CaseState.NEW.wire().equals(c.state())) {
            return new CaseView.Queued(c, false, null);
        }
        Instant deadline = Instant.parse(c.deadline());
        return new CaseView.Queued(c, !now.isBefore(deadline), Duration.between(now, deadline)
                .getSeconds());
    }

    /**
     * A case's history from the audit log, oldest first: opened, escalated, each change and correction, and each
     * read of its referral part, with who and when and the codes of the entry (refused attempts are left out).
     * Access as {@link #show}.
     */
    public List<CaseView.Event> history(FieldsafePrincipal who, String caseId) {
        ReferralCaseRow c = access(who, caseId, "history");
        return audit.aboutCase(c.id()).stream().filter(e -> e.event().startsWith("referral.")
                        && !e.event().equals("referral.denied"))
                .map(e -> new CaseView.Event(e.at().toString(), e.actor(), e.event(), details(e.subject()))).toList();
    }

    /** The {@code key:value} codes of an audit subject, but the case id itself. */
    private static Map<String, String> details(String subject) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String token : subject.split(" ")) {
            int colon = token.indexOf(':');
            if (colon > 0 && !token.startsWith("case:")) {
                out.put(token.substring(0, colon), token.substring(colon + 1));
            }
        }
        return out;
    }

    /** Case counts of a study by site, category and state (for the roles the resource admits: no case detail). */
    public List<CaseView.Count> counts(String studyId) {
        CompiledStudy study = studies.current(studyId);
        return cases.counts(study.id()).stream()
                .map(c -> new CaseView.Count(c.site(), c.category(), c.state(), c.cases())).toList();
    }

    public CaseView show(FieldsafePrincipal who, String caseId) {
        return view(access(who, caseId, "show"));
    }

    /**
     * The case's opened referral part, audited {@code referral.read}; the safeguarding key is unlocked for this
     * request only ({@link KeyCustody}). The passphrase stays the caller's to zero.
     */
    public CaseView.Part readPart(FieldsafePrincipal who, String caseId, PartRequest request) {
        ReferralCaseRow c = access(who, caseId, "read");
        try {
            JsonNode part = open(who, c, request == null ? null : request.passphrase(), "referral.read");
            audit.append(who.actor(), "referral.read", ReferralCaseStore.subject(c));
            return new CaseView.Part(c.id(), c.submissionId(), part, consentedRoutes(c, part));
        } catch (DomainException e) {
            denied(who, c.id(), "read", e);
            throw e;
        }
    }

    /**
     * Changes a case's state (see {@link CaseState}), audited {@code referral.<new state>}.
     *
     * @throws ProblemException 422 for a missing or unknown state, missing version, unknown service, bad date,
     *                          outcome or correction reason, or a refer to any route the respondent did not consent
     *                          to ({@code route-not-consented}); 409 {@code case-stale} when the case changed since the
     *                          version sent, {@code case-transition-illegal} for a change its state does not allow
     */
    public CaseView change(FieldsafePrincipal who, String caseId, CaseChange change) {
        ReferralCaseRow c = access(who, caseId, "change");
        try {
            return view(apply(who, c, change));
        } catch (DomainException e) {
            denied(who, c.id(), "change", e);
            throw e;
        }
    }

    private ReferralCaseRow apply(FieldsafePrincipal who, ReferralCaseRow c, CaseChange change) {
        if (change == null || change.state() == null) {
            throw invalid("state");
        }
        CaseState to = CaseState.parse(change.state()).orElseThrow(() -> invalid("state"));
        if (change.version() == null) {
            throw invalid("version");
        }
        if (change.version() != c.version()) {
            throw new CaseStaleException();
        }
        CaseState from = CaseState.parse(c.state()).orElseThrow();
        if (!from.canBecome(to) || (to == CaseState.REFERRED && !"refer".equals(c.choice()))) {
            throw ProblemException.conflict("case-transition-illegal", "Change not allowed",
                    "A case in state " + from.wire() + (to == CaseState.REFERRED && from.canBecome(to)
                            ? " whose respondent did not choose a referral" : "") + " cannot become " + to.wire()
                            + ".");
        }
        Instant now = clock.instant();
        String actor = who.actor();
        int version = c.version() + 1;
        CaseCorrection correction = null;
        if (from == CaseState.REFERRED && to == CaseState.ACKNOWLEDGED) {
            if (change.reason() == null || !CaseChange.CORRECTION_REASONS.contains(change.reason())) {
                throw ProblemException.unprocessable("referral-change-invalid", "Change not valid",
                        "Field 'reason' is not valid: taking a referral back needs one of "
                                + String.join(", ", CaseChange.CORRECTION_REASONS) + ".");
            }
            correction = new CaseCorrection(c.id(), version, now, actor, change.reason(), from.wire(),
                    c.referredService(), c.referredOn());
        }
        ReferralCaseRow next = switch (to) {
            case ACKNOWLEDGED -> correction != null ? new ReferralCaseRow(c.id(), c.studyId(), c.site(),
                    c.submissionId(), c.category(), c.urgency(), c.choice(), c.raisedBy(), to.wire(), c.openedAt(),
                    c.acknowledgedAt(), c.acknowledgedBy(), null, null, null, null, null, null, c.escalatedAt(),
                    version, now) : new ReferralCaseRow(c.id(), c.studyId(), c.site(), c.submissionId(), c.category(),
                    c.urgency(), c.choice(), c.raisedBy(), to.wire(), c.openedAt(), now, actor, null, null, null,
                    null, null, null, c.escalatedAt(), version, now);
            case REFERRED -> referred(who, c, change, now, version);
            case CLOSED -> {
                if (change.outcome() == null || !CaseChange.OUTCOMES.contains(change.outcome())) {
                    throw ProblemException.unprocessable("referral-change-invalid", "Change not valid",
                            "Field 'outcome' is not valid: one of " + String.join(", ", CaseChange.OUTCOMES) + ".");
                }
                yield new ReferralCaseRow(c.id(), c.studyId(), c.site(), c.submissionId(), c.category(), c.urgency(),
                        c.choice(), c.raisedBy(), to.wire(), c.openedAt(), c.acknowledgedAt(), c.acknowledgedBy(),
                        c.referredService(), c.referredOn(), c.referredBy(), now, actor, change.outcome(),
                        c.escalatedAt(), version, now);
            }
            case INFORMATION_GIVEN, DECLINED -> new ReferralCaseRow(c.id(), c.studyId(), c.site(), c.submissionId(),
                    c.category(), c.urgency(), c.choice(), c.raisedBy(), to.wire(), c.openedAt(), c.acknowledgedAt(),
                    c.acknowledgedBy(), null, null, null, now, actor, null, c.escalatedAt(), version, now);
            case NEW -> throw new IllegalStateException("no change leads back to new");
        };
        String subject = ReferralCaseStore.subject(c) + " from:" + from.wire() + " version:" + version
                + (next.referredService() != null && to == CaseState.REFERRED ? " service:" + next.referredService()
                : "") + (next.outcome() != null ? " outcome:" + next.outcome() : "")
                + (correction != null ? " was-service:" + correction.fromService() + " reason:" + correction.reason()
                : "");
        CaseCorrection corrected = correction;
        database.write(h -> {
            if (!cases.update(h, next, c.version())) {
                throw new CaseStaleException();
            }
            if (corrected != null) {
                h.attach(CaseCorrectionDao.class).insert(corrected);
            }
            audit.append(h, actor, corrected != null ? "referral.corrected" : "referral." + to.wire(), subject);
            return null;
        });
        return next;
    }

    /** The routes the part says yes to, by service id, with their names from the site's directory. */
    private Map<String, String> consentedRoutes(ReferralCaseRow c, JsonNode part) {
        Study study = Study.fromCanonicalJson(studies.current(c.studyId()).canonicalJson()
                .getBytes(StandardCharsets.UTF_8));
        Optional<org.fieldsafe.core.forms.ReferralDirectory> directory = study.site(c.site()).map(Site::directory);
        Map<String, String> out = new java.util.TreeMap<>();
        part.path("routes").fields().forEachRemaining(e -> {
            if (e.getValue().isBoolean() && e.getValue().booleanValue()) {
                String name = directory.flatMap(d -> d.service(e.getKey())).map(DirectoryService::name)
                        .map(n -> n.getOrDefault(study.masterLanguage(), e.getKey())).orElse(e.getKey());
                out.put(e.getKey(), name);
            }
        });
        return out;
    }

    /** The referred case, once the service, the date and the respondent's consent to that route are checked. */
    private ReferralCaseRow referred(FieldsafePrincipal who, ReferralCaseRow c, CaseChange change, Instant now,
                                     int version) {
        CompiledStudy study = studies.current(c.studyId());
        Optional<DirectoryService> service = change.service() == null ? Optional.empty()
                : Study.fromCanonicalJson(study.canonicalJson().getBytes(StandardCharsets.UTF_8)).site(c.site())
                .map(Site::directory).flatMap(d -> d == null ? Optional.empty() : d.service(change.service()));
        if (service.isEmpty()) {
            throw ProblemException.unprocessable("service-unknown", "Service not in the directory",
                    "Field 'service' is not valid: it must be a service id of the site's referral directory.");
        }
        LocalDate date;
        try {
            date = change.date() == null ? null : LocalDate.parse(change.date());
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null || date.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))
                || date.isBefore(LocalDate.ofInstant(c.openedAt(), ZoneOffset.UTC))) {
            throw ProblemException.unprocessable("referral-change-invalid", "Change not valid",
                    "Field 'date' is not valid: an ISO date (yyyy-mm-dd) from the day the case was opened to today.");
        }
        // every service, authorities or not: only a route the respondent said yes to, read from the sealed part
        JsonNode part = open(who, c, change.passphrase(), "referral.consent");
        JsonNode consent = part.path("routes").get(service.get().id());
        if (consent == null || !consent.isBoolean() || !consent.booleanValue()) {
            throw ProblemException.unprocessable("route-not-consented", "Route not consented",
                    "The respondent did not consent to a referral to this service" + (service.get()
                            .involvesAuthorities() ? ", which involves the authorities" : "")
                            + "; 'show --part' lists the routes they consented to.");
        }
        return new ReferralCaseRow(c.id(), c.studyId(), c.site(), c.submissionId(), c.category(), c.urgency(),
                c.choice(), c.raisedBy(), CaseState.REFERRED.wire(), c.openedAt(), c.acknowledgedAt(),
                c.acknowledgedBy(), service.get().id(), date.toString(), who.actor(), null, null, null,
                c.escalatedAt(), version, now);
    }

    /** The case as shown: with its acknowledgement deadline (null if the study has no SLA for it) and corrections. */
    private CaseView view(ReferralCaseRow r) {
        Instant deadline = deadlines.study(r.studyId()).filter(st -> st.referralSla().containsKey(
                org.fieldsafe.core.forms.Urgency.of(r.urgency()))).map(st -> ReferralDeadlines.deadline(st, r))
                .orElse(null);
        return CaseViews.of(r, deadline, database.read(h -> h.attach(CaseCorrectionDao.class).ofCase(r.id())));
    }

    /** The case, if {@code who} is a safeguarding officer of its site; every refusal audited. */
    private ReferralCaseRow access(FieldsafePrincipal who, String caseId, String action) {
        boolean validId = caseId != null && CASE_ID.matcher(caseId).matches();
        String subject = "case:" + (validId ? caseId : "(invalid)") + " action:" + action;
        if (!officer(who)) {
            audit.append(who.actor(), "referral.denied", subject + " cause:role");
            throw notAllowed();
        }
        Optional<ReferralCaseRow> found = validId ? cases.find(caseId) : Optional.empty();
        if (found.isEmpty() || !who.sites().contains(found.get().site())) {
            audit.append(who.actor(), "referral.denied", subject + " cause:"
                    + (found.isEmpty() ? "not-found" : "other-site"));
            throw ProblemException.notFound("Referral case");
        }
        return found.get();
    }

    private void denied(FieldsafePrincipal who, String caseId, String action, DomainException e) {
        audit.append(who.actor(), "referral.denied", "case:" + caseId + " action:" + action + " cause:" + e.slug());
    }

    /** The opened referral part of the case's submission, with the safeguarding key unlocked for this request. */
    private JsonNode open(FieldsafePrincipal who, ReferralCaseRow c, char[] passphrase, String forWhat) {
        if (passphrase == null || passphrase.length == 0) {
            throw invalid("passphrase");
        }
        Envelope envelope;
        try {
            envelope = JSON.readValue(submissions.envelope(c.submissionId()).orElseThrow(this::partAbsent),
                    Envelope.class);
        } catch (IOException e) {
            throw unreadable();
        }
        if (envelope.parts() == null || !envelope.parts().containsKey(Envelope.REFERRAL)) {
            throw partAbsent();
        }
        byte[] plaintext;
        try (UnlockedKey key = custody.unlock(c.studyId(), StudyKeyService.SAFEGUARDING, passphrase, who, forWhat)) {
            plaintext = Sealing.open(envelope, Envelope.REFERRAL, key.fingerprint(), key.privateKey());
        } catch (SealedPartException e) {
            throw unreadable();
        }
        try {
            return JSON.readTree(plaintext);
        } catch (IOException e) {
            throw unreadable();
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static boolean officer(FieldsafePrincipal who) {
        return !who.isDevice() && who.role() == Role.SAFEGUARDING_OFFICER;
    }

    private static ProblemException notAllowed() {
        return ProblemException.forbidden("referral-not-allowed", "Not allowed",
                "Only the safeguarding officers of a case's site may see or change it.");
    }

    private static ProblemException invalid(String field) {
        return ProblemException.invalidField("referral-change-invalid", "Request not valid", field);
    }

    private ProblemException partAbsent() {
        return ProblemException.notFound("referral-part-absent", "No referral part",
                "The case's submission has no referral part.");
    }

    private static ReferralPartUnreadableException unreadable() {
        return new ReferralPartUnreadableException();
    }
}
