package org.fieldsafe.server.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.FormVersionRow;
import org.junit.jupiter.api.Test;

/** The header rules as plain calls, without HTTP. */
class HeaderValidatorTest {
    private static final String ID = UUID.randomUUID().toString();
    private static final String FORM_SHA = "a".repeat(64);
    private static final String CONSENT_SHA = "b".repeat(64);
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Expected EXPECTED = new Expected("s1", "KH-SVR", "d1", "enum1", Set.of("RH", "DB"),
            Set.of("en", "km"), row("interview", "interview", FORM_SHA, "published"), "consent",
            row("consent", "consent", CONSENT_SHA, "retired"), Map.of());

    @Test
    void valid_adultAndMinorWithAssent_pass() {
        assertThatCode(() -> check(header(consent(false, null, null)))).doesNotThrowAnyException();
        assertThatCode(() -> check(header(consent(true, true, true)))).doesNotThrowAnyException();
    }

    @Test
    void checkShape_minorWithoutAssent_namesChildAssent() {
        assertThat(field(() -> check(header(consent(true, true, null)))))
                .isEqualTo("Field 'header.respondents[0].consent.childAssent' is not valid.");
    }

    @Test
    void checkAgainst_draftFormVersion_namesForm() {
        Expected draft = new Expected("s1", "KH-SVR", "d1", "enum1", Set.of("RH"), Set.of("km"),
                row("interview", "interview", FORM_SHA, "draft"), "consent", EXPECTED.consentForm(), Map.of());
        SubmissionHeader h = header(consent(false, null, null));
        HeaderValidator.checkShape(ID, h);
        assertThat(field(() -> HeaderValidator.checkAgainst(h, draft))).isEqualTo("Field 'header.form' is not valid.");
    }

    @Test
    void checkShape_pathIdDiffers_namesSubmissionId() {
        assertThat(field(() -> HeaderValidator.checkShape(UUID.randomUUID().toString(),
                header(consent(false, null, null))))).isEqualTo("Field 'header.submissionId' is not valid.");
    }

    @Test
    void checkShape_validHeader_returnsFinalisedAtParsed() {
        assertThat(HeaderValidator.checkShape(ID, header(consent(false, null, null))))
                .isEqualTo(Instant.parse("2026-03-01T07:59:00Z"));
    }

    @Test
    void checkShape_respondentCodeHashNotHex_namesTheFieldWithItsSuffix() {
        SubmissionHeader valid = header(consent(false, null, null));
        SubmissionHeader h = new SubmissionHeader(1, ID, "s1", valid.form(), valid.consentForm(), "KH-SVR", "d1",
                "enum1", valid.finalisedAt(), "km", List.of(new SubmissionHeader.RespondentAssertion("C".repeat(64),
                "RH", valid.respondents().get(0).consent())), null, List.of("research"));
        assertThat(field(() -> HeaderValidator.checkShape(ID, h)))
                .isEqualTo("Field 'header.respondents[0].codeHash' is not valid.");
    }

    private static void check(SubmissionHeader h) {
        HeaderValidator.checkShape(ID, h);
        HeaderValidator.checkAgainst(h, EXPECTED);
    }

    private static String field(Runnable call) {
        ProblemException e = catchThrowableOfType(ProblemException.class, call::run);
        assertThat(e.problem().status()).isEqualTo(422);
        return e.problem().detail();
    }

    private static SubmissionHeader.ConsentAssertion consent(boolean minor, Boolean guardian, Boolean assent) {
        return new SubmissionHeader.ConsentAssertion(true, false, "thumbprint", minor, guardian, assent);
    }

    private static SubmissionHeader header(SubmissionHeader.ConsentAssertion consent) {
        return new SubmissionHeader(1, ID, "s1", new SubmissionHeader.FormRef("interview", 1, FORM_SHA),
                new SubmissionHeader.FormRef("consent", 1, CONSENT_SHA), "KH-SVR", "d1", "enum1",
                "2026-03-01T07:59:00Z", "km", List.of(new SubmissionHeader.RespondentAssertion("c".repeat(64), "RH",
                consent)), null, List.of("research"));
    }

    private static FormVersionRow row(String id, String kind, String sha, String state) {
        return new FormVersionRow("s1", id, 1, sha, "{}", kind, "{}", state, "file", T0, T0);
    }
}
