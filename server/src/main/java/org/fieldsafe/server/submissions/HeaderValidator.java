package org.fieldsafe.server.submissions;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.FormVersionRow;

/**
 * The header rules of docs/sealing.md. {@link #checkShape} needs nothing but the header; {@link #checkAgainst}
 * compares it with what the server knows ({@link Expected}). Each throws a 422 naming the first field that
 * fails, never its value.
 */
final class HeaderValidator {
    static final Set<String> CONSENT_MODES = Set.of("verbal", "signature", "thumbprint", "mark");
    static final Set<String> URGENCIES = Set.of("immediate", "urgent", "routine");
    static final Set<String> CHOICES = Set.of("refer", "information_only", "decline");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private HeaderValidator() {
    }

    /**
     * The rules that need nothing but the header and the submission id of the URL; returns the header's
     * {@code finalisedAt}, parsed (once per upload, not again for its row: BENCHMARKS.md section (t)).
     */
    static Instant checkShape(String pathId, SubmissionHeader h) {
        require(h != null, "header");
        require(h.v() == SubmissionHeader.VERSION, "header.v");
        require(h.submissionId() != null && UUID.matcher(h.submissionId()).matches()
                && h.submissionId().equals(pathId), "header.submissionId");
        formRef(h.form(), "header.form");
        formRef(h.consentForm(), "header.consentForm");
        Instant finalisedAt = h.finalisedAt() == null ? null : instant(h.finalisedAt());
        require(finalisedAt != null, "header.finalisedAt");
        List<SubmissionHeader.RespondentAssertion> respondents = h.respondents();
        require(respondents != null && !respondents.isEmpty() && respondents.size() <= 2, "header.respondents");
        for (int i = 0; i < respondents.size(); i++) {
            respondent(respondents, i);
        }
        if (h.triage() != null) {
            SubmissionHeader.Triage t = h.triage();
            require(t.category() != null && WORD.matcher(t.category()).matches(), "header.triage.category");
            require(URGENCIES.contains(t.urgency()), "header.triage.urgency");
            require(CHOICES.contains(t.choice()), "header.triage.choice");
        }
        return finalisedAt;
    }

    /** The rules that compare the header with the device, the study and its forms. */
    static void checkAgainst(SubmissionHeader h, Expected x) {
        require(Objects.equals(h.study(), x.study()), "header.study");
        require(Objects.equals(h.site(), x.site()), "header.site");
        require(Objects.equals(h.deviceId(), x.deviceId()), "header.deviceId");
        require(Objects.equals(h.enumerator(), x.enumerator()), "header.enumerator");
        require(x.languages().contains(h.language()), "header.language");
        storedForm(x.form(), "interview", "header.form");
        require(x.form().sha256().equals(h.form().sha256()), "header.form.sha256");
        storedForm(x.consentForm(), "consent", "header.consentForm");
        require(h.consentForm().id().equals(x.requiredConsentForm()), "header.consentForm");
        require(x.consentForm().sha256().equals(h.consentForm().sha256()), "header.consentForm.sha256");
        for (int i = 0; i < h.respondents().size(); i++) {
            require(x.categories().contains(h.respondents().get(i).category()),
                    "header.respondents[" + i + "].category");
        }
    }

    private static void respondent(List<SubmissionHeader.RespondentAssertion> respondents, int i) {
        String field = "header.respondents[" + i + "]";
        SubmissionHeader.RespondentAssertion r = respondents.get(i);
        require(r != null, field);
        require(r.codeHash() != null && HEX_64.matcher(r.codeHash()).matches()
                && (i == 0 || !r.codeHash().equals(respondents.get(0).codeHash())), field, ".codeHash");
        require(r.category() != null && (i == 0 || r.category().equals(respondents.get(0).category())),
                field, ".category");
        SubmissionHeader.ConsentAssertion c = r.consent();
        require(c != null, field, ".consent");
        require(c.participation(), field, ".consent.participation");
        require(CONSENT_MODES.contains(c.mode()), field, ".consent.mode");
        if (c.minor()) {
            require(Boolean.TRUE.equals(c.guardianConsent()), field, ".consent.guardianConsent");
            require(Boolean.TRUE.equals(c.childAssent()), field, ".consent.childAssent");
        }
    }

    private static void formRef(SubmissionHeader.FormRef ref, String field) {
        require(ref != null && ref.id() != null && !ref.id().isBlank() && ref.version() >= 1, field);
        require(ref.sha256() != null && HEX_64.matcher(ref.sha256()).matches(), field, ".sha256");
    }

    private static void storedForm(FormVersionRow row, String kind, String field) {
        require(row != null && kind.equals(row.kind()) && !FormStore.DRAFT.equals(row.state()), field);
    }

    /** The instant, or null when {@code value} is not an ISO-8601 instant. */
    private static Instant instant(String value) {
        try {
            return Instant.from(DateTimeFormatter.ISO_INSTANT.parse(value));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static void require(boolean ok, String field) {
        if (!ok) {
            throw SubmissionProblems.invalid(field);
        }
    }

    /** {@link #require(boolean, String)} of the field {@code field + suffix}, the name joined only when it fails. */
    static void require(boolean ok, String field, String suffix) {
        if (!ok) {
            throw SubmissionProblems.invalid(field + suffix);
        }
    }
}
