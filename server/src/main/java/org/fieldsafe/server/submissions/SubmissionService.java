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
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.keys.ReceiptKey;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.FormVersionRow;
import org.fieldsafe.server.storage.StudyStore;

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
        Optional<SubmissionRow> stored = store.find(submissionId);
        if (stored.isPresent()) {
            return replay(stored.get(), parsed.sha256());
        }
        SubmissionHeader header = parsed.envelope().header();
        HeaderValidator.checkShape(submissionId, header);
        Expected expected = expected(principal, header);
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

    private Result replay(SubmissionRow row, String sha256) {
        if (!row.envelopeSha256().equals(sha256)) {
            throw SubmissionProblems.conflict();
        }
        return new Result(false, receiptKey.sign(row.id(), row.envelopeSha256(), row.receivedAt()));
    }

    private Expected expected(FieldsafePrincipal principal, SubmissionHeader header) {
        FieldsafePrincipal.Device device = principal.device();
        CompiledStudy study = studies.current(device.study());
        Set<String> categories = definitions.study(study).categories().stream().map(Category::id)
                .collect(Collectors.toSet());
        FormVersionRow form = forms.find(study.id(), header.form().id(), header.form().version()).orElse(null);
        FormVersionRow consent = forms.find(study.id(), header.consentForm().id(), header.consentForm().version())
                .orElse(null);
        String requiredConsent = form == null || !"interview".equals(form.kind()) ? null
                : definitions.consentFormOf(form).orElse(null);
        Map<String, String> fingerprints = database.read(h -> StudyKeyService.fingerprints(h, study.id()));
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
