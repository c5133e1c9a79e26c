package org.fieldsafe.server.submissions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.fieldsafe.core.forms.Category;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.ProblemException;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.keys.ReceiptKey;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.FormVersionRow;
import org.fieldsafe.server.storage.StudyStore;
import org.jdbi.v3.core.Handle;

/**
 * Sealed uploads (docs/sealing.md): parse, answer identical retries and id conflicts, validate the header against
 * the device, study, forms and keys, then hand the upload to the {@link SubmissionWriter} and wait for its durable
 * commit. A receipt exists only for a committed upload.
 */
public final class SubmissionService {
    private final Database database;
    private final StudyStore studies;
    private final FormStore forms;
    private final SubmissionStore store;
    private final SubmissionWriter writer;
    private final ReceiptKey receiptKey;
    private final EnvelopeParser parser;
    private final Duration receiptTimeout;
    private final DefinitionCache definitions = new DefinitionCache();

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
        this.receiptTimeout = receiptTimeout;
    }

    /** A receipted upload: {@code created} the first time, false for an identical retry. */
    public record Result(boolean created, Receipt receipt) {
    }

    public Result receive(FieldsafePrincipal principal, String submissionId, byte[] body) {
        EnvelopeParser.Parsed parsed = parser.parse(body);
        SubmissionHeader header = parsed.envelope().header();
        // Every read an upload needs (an earlier upload of the same id, the study, both form versions and the
        // study keys) goes through one pooled connection: one checkout per upload instead of six, which with
        // hundreds of devices on a pool of a few connections was the queue every upload waited in.
        Lookup lookup = database.read(handle -> {
            Optional<SubmissionRow> stored = store.find(handle, submissionId);
            if (stored.isPresent()) {
                return new Lookup(stored.get(), null);
            }
            HeaderValidator.checkShape(submissionId, header);
            return new Lookup(null, expected(handle, principal, header));
        });
        if (lookup.stored() != null) {
            return replay(lookup.stored(), parsed.sha256());
        }
        Expected expected = lookup.expected();
        HeaderValidator.checkAgainst(header, expected);
        PartsValidator.check(parsed.envelope(), expected.fingerprints());
        SubmissionWriter.Answer answer = await(writer.submit(toSubmission(principal, parsed), principal.actor()));
        Stored outcome = answer.stored();
        if (outcome instanceof Stored.Conflict) {
            throw SubmissionProblems.conflict();
        }
        if (outcome instanceof Stored.Withdrawn) {
            throw SubmissionProblems.withdrawn();
        }
        return new Result(outcome instanceof Stored.Created, answer.receipt());
    }

    /** What one read found: the stored upload of this id, or else what its header is checked against. */
    private record Lookup(SubmissionRow stored, Expected expected) {
    }

    private Result replay(SubmissionRow row, String sha256) {
        if (!row.envelopeSha256().equals(sha256)) {
            throw SubmissionProblems.conflict();
        }
        return new Result(false, receiptKey.sign(row.id(), row.envelopeSha256(), row.receivedAt()));
    }

    private Expected expected(Handle handle, FieldsafePrincipal principal, SubmissionHeader header) {
        FieldsafePrincipal.Device device = principal.device();
        // Hashes, kinds and states are read per upload; the (large) canonical JSON of the study and forms only
        // when a hash has not been parsed before (DefinitionCache): content never changes under a hash.
        CompiledStudy study = studies.findWithoutDefinition(handle, device.study())
                .orElseThrow(() -> ProblemException.notFound("Study"));
        Set<String> categories = definitions.study(study.sha256(), () -> studies.find(handle, study.id())
                        .filter(full -> full.sha256().equals(study.sha256()))
                        .orElseThrow(() -> ProblemException.notFound("Study")).canonicalJson())
                .categories().stream().map(Category::id).collect(Collectors.toSet());
        FormVersionRow form = forms.findWithoutDefinition(handle, study.id(), header.form().id(),
                header.form().version()).orElse(null);
        FormVersionRow consent = forms.findWithoutDefinition(handle, study.id(), header.consentForm().id(),
                header.consentForm().version()).orElse(null);
        String requiredConsent = form == null || !"interview".equals(form.kind()) ? null
                : definitions.consentFormOf(form.sha256(), () -> forms.find(handle, study.id(), form.formId(),
                        form.version()).orElseThrow(() -> ProblemException.notFound("Form version"))
                        .canonicalJson()).orElse(null);
        Map<String, String> fingerprints = StudyKeyService.fingerprints(handle, study.id());
        return new Expected(study.id(), device.site(), device.deviceId(), principal.name(), categories,
                study.languages().keySet(), form, requiredConsent, consent, fingerprints);
    }

    private static NewSubmission toSubmission(FieldsafePrincipal principal, EnvelopeParser.Parsed parsed) {
        SubmissionHeader h = parsed.envelope().header();
        SubmissionHeader.Triage triage = h.triage();
        return new NewSubmission(h.submissionId(), parsed.sha256(), parsed.text(), h.study(), h.site(),
                h.form().id(), h.form().version(), h.respondents().get(0).category(), principal.device().deviceId(),
                Instant.parse(h.finalisedAt()), triage == null ? null : triage.urgency(),
                triage == null ? null : triage.choice(),
                h.respondents().stream().map(SubmissionHeader.RespondentAssertion::codeHash).toList());
    }

    private SubmissionWriter.Answer await(Future<SubmissionWriter.Answer> answer) {
        try {
            return answer.get(receiptTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw SubmissionProblems.notStored();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SubmissionProblems.notStored();
        }
    }
}
