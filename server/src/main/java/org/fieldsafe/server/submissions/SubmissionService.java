package org.fieldsafe.server.submissions;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.fieldsafe.core.forms.Category;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.problems.DomainException;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.keys.ReceiptKey;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.FormVersionRow;
import org.fieldsafe.server.storage.ReadCache;
import org.fieldsafe.server.storage.StudyStore;
import org.jdbi.v3.core.Handle;

/**
 * Sealed uploads (docs/sealing.md): parse, answer identical retries and id conflicts, validate the header against
 * the device, study, forms and keys, then hand the upload to the {@link SubmissionWriter} and wait for its durable
 * commit. A receipt exists only for a committed upload.
 */
public final class SubmissionService {
    /** How far a laptop's clock may lag the server's before its finalised-at time is not believed. */
    static final Duration CLOCK_SKEW = Duration.ofDays(1);
    private final Database database;
    private final StudyStore studies;
    private final FormStore forms;
    private final SubmissionStore store;
    private final SubmissionWriter writer;
    private final ReceiptKey receiptKey;
    private final EnvelopeParser parser;
    private final ReceiptDeadlines deadlines;
    private final DefinitionCache definitions = new DefinitionCache();
    private final ReadCache<DefinitionsKey, Definitions> lookups;

    public SubmissionService(Database database, StudyStore studies, FormStore forms, SubmissionStore store,
                             SubmissionWriter writer, ReceiptKey receiptKey, EnvelopeParser parser,
                             Duration receiptTimeout) {
        this.database = database;
        this.studies = studies;
        this.forms = forms;
        this.store = store;
        this.writer = writer;
        this.receiptKey = receiptKey;
        this.parser = parser;
        this.deadlines = new ReceiptDeadlines(receiptTimeout, SubmissionProblems::notStored);
        this.lookups = new ReadCache<>(database, 1024);
    }

    /** A receipted upload: {@code created} the first time, false for an identical retry. */
    public record Result(boolean created, Receipt receipt) {
    }

    /**
     * Receives an upload: parses and validates it on the caller's thread (a {@link ProblemException} for what is
     * refused at once), then hands it to the writer. The returned stage completes after the durable commit, on
     * one of the writer's answer threads, with the result or with a {@link ProblemException} (409, 410); any
     * other failure means nothing was acknowledged. An answer not there within the receipt timeout fails with
     * 503 (by {@link ReceiptDeadlines}); the upload may still be stored, and a retry then gets its receipt.
     */
    public CompletableFuture<Result> receiveAsync(FieldsafePrincipal principal, String submissionId, byte[] body) {
        EnvelopeParser.Parsed parsed = parser.parse(body);
        SubmissionHeader header = parsed.envelope().header();
        Instant finalisedAt;
        try {
            finalisedAt = HeaderValidator.checkShape(submissionId, header);
            Expected expected = expected(principal, header);
            HeaderValidator.checkAgainst(header, expected);
            PartsValidator.check(parsed.envelope(), expected.fingerprints());
        } catch (DomainException invalid) {
            // An upload already stored under this id is answered as before, even if it would not pass today
            // (a retry after its form was retired): the same receipt, or 409 for different bytes - but only to the
            // device that stored it: another device would learn whether bytes it holds are what was stored.
            Optional<SubmissionRow> stored = store.find(submissionId);
            if (stored.isPresent() && stored.get().deviceId().equals(principal.device().deviceId())) {
                return CompletableFuture.completedFuture(replay(stored.get(), parsed.sha256()));
            }
            throw invalid;
        }
        // A valid upload goes straight to the writer, which answers an identical retry (Duplicate: the stored
        // receipt) and an id conflict inside its transaction: no read of its own per upload.
        NewSubmission submission = toSubmission(principal, parsed, finalisedAt);
        return deadlines.watch(writer.submit(submission, principal.actor()).thenApply(answer -> {
            Stored outcome = answer.stored();
            if (outcome instanceof Stored.Conflict) {
                throw SubmissionProblems.conflict();
            }
            if (outcome instanceof Stored.Withdrawn) {
                throw new WithdrawnRespondentException(receiptKey.signWithdrawal(submissionId));
            }
            return new Result(outcome instanceof Stored.Created, answer.receipt());
        }));
    }

    /** The receipt timeout's watcher; started and stopped with the application. */
    public ReceiptDeadlines deadlines() {
        return deadlines;
    }

    /**
     * The refusal to answer for a failed {@link #receiveAsync} stage: its own {@link DomainException}, else
     * 503 "not stored" (the writer failed or stopped: nothing was acknowledged).
     */
    public static DomainException problemOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DomainException problem) {
                return problem;
            }
        }
        return SubmissionProblems.notStored();
    }

    private Result replay(SubmissionRow row, String sha256) {
        if (!row.envelopeSha256().equals(sha256)) {
            throw SubmissionProblems.conflict();
        }
        return new Result(false, receiptKey.sign(row.id(), row.envelopeSha256(), row.receivedAt()));
    }

    /**
     * What a header of this study, form and consent form version is checked against, read once per database
     * generation (any write that could change a study, form version or study key invalidates it): uploads
     * then need no database read of their own before the writer.
     */
    record Definitions(String studyId, Set<String> categories, Set<String> languages, FormVersionRow form,
                       String requiredConsentForm, FormVersionRow consentForm, Map<String, String> fingerprints) {
    }

    private record DefinitionsKey(String studyId, String formId, int formVersion, String consentFormId,
                                  int consentFormVersion) {
    }

    private Expected expected(FieldsafePrincipal principal, SubmissionHeader header) {
        FieldsafePrincipal.Device device = principal.device();
        DefinitionsKey key = new DefinitionsKey(device.study(), header.form().id(), header.form().version(),
                header.consentForm().id(), header.consentForm().version());
        Definitions d = lookups.get(key, () -> database.read(handle -> definitions(handle, key)));
        return new Expected(d.studyId(), device.site(), device.deviceId(), principal.name(), d.categories(),
                d.languages(), d.form(), d.requiredConsentForm(), d.consentForm(), d.fingerprints());
    }

    private Definitions definitions(Handle handle, DefinitionsKey key) {
        // Hashes, kinds and states only; the (large) canonical JSON of the study and forms only when a hash has
        // not been parsed before (DefinitionCache): content never changes under a hash.
        CompiledStudy study = studies.findWithoutDefinition(handle, key.studyId())
                .orElseThrow(() -> ProblemException.notFound("Study"));
        Set<String> categories = Collections.unmodifiableSet(definitions.study(study.sha256(), () -> studies.find(handle, study.id())
                        .filter(full -> full.sha256().equals(study.sha256()))
                        .orElseThrow(() -> ProblemException.notFound("Study")).canonicalJson())
                .categories().stream().map(Category::id).collect(Collectors.<String, Set<String>>toCollection(HashSet::new)));
        FormVersionRow form = forms.findWithoutDefinition(handle, study.id(), key.formId(), key.formVersion())
                .orElse(null);
        FormVersionRow consent = forms.findWithoutDefinition(handle, study.id(), key.consentFormId(),
                key.consentFormVersion()).orElse(null);
        String requiredConsent = form == null || !"interview".equals(form.kind()) ? null
                : definitions.consentFormOf(form.sha256(), () -> forms.find(handle, study.id(), form.formId(),
                        form.version()).orElseThrow(() -> ProblemException.notFound("Form version"))
                        .canonicalJson()).orElse(null);
        Map<String, String> fingerprints = Collections.unmodifiableMap(StudyKeyService.fingerprints(handle, study.id()));
        return new Definitions(study.id(), categories, Collections.unmodifiableSet(new HashSet<>(study.languages().keySet())), form,
                requiredConsent, consent, fingerprints);
    }

    private static NewSubmission toSubmission(FieldsafePrincipal principal, EnvelopeParser.Parsed parsed,
                                              Instant finalisedAt) {
        SubmissionHeader h = parsed.envelope().header();
        SubmissionHeader.Triage triage = h.triage();
        return new NewSubmission(h.submissionId(), parsed.sha256(), parsed.bytes(), h.study(), h.site(),
                h.form().id(), h.form().version(), h.respondents().get(0).category(), principal.device().deviceId(),
                notBeforeEnrolment(finalisedAt, principal.device()), triage == null ? null : triage.urgency(),
                triage == null ? null : triage.choice(), triage == null ? null : triage.category(),
                triage != null && triage.raisedByEnumerator(),
                h.respondents().stream().map(SubmissionHeader.RespondentAssertion::codeHash).toList());
    }

    /**
     * The time a device says it finalised an interview comes from the laptop's clock; no interview is finalised
     * before its device was enrolled, so a time more than {@link #CLOCK_SKEW} earlier (a clock set back) is stored
     * as the enrolment time. The header keeps what the device sealed; the row is what filters and listings use
     * ({@link SubmissionStore} caps it at the received time too).
     */
    static Instant notBeforeEnrolment(Instant finalisedAt, FieldsafePrincipal.Device device) {
        Instant enrolled = device.enrolledAt();
        return enrolled != null && finalisedAt.isBefore(enrolled.minus(CLOCK_SKEW)) ? enrolled : finalisedAt;
    }
}
