package org.fieldsafe.core.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The cleartext header of a sealed submission: what the server needs to route, validate and count it, and
 * nothing more - no free text, no names, no respondent codes (only their keyed hashes). Its canonical bytes
 * ({@code org.fieldsafe.core.crypto.Sealing#headerBytes}) are the associated data of every sealed part, so
 * editing any field makes every part fail to open.
 *
 * @param v            envelope format version, {@value #VERSION}
 * @param submissionId a UUID chosen by the device; the URL's id must equal it
 * @param finalisedAt  ISO-8601 instant, seconds precision, UTC ({@code 2026-03-01T08:00:00Z})
 * @param language     the language the interview was run in (BCP 47)
 * @param respondents  one, or two for a joint interview (same category)
 * @param triage       null unless a disclosure was made
 * @param parts        names of the sealed parts present, sorted; must equal the envelope's part names
 *
 * <p>Every boolean and number is {@code required} when read: left out, it would silently read as false or 0.
 */
public record SubmissionHeader(@JsonProperty(required = true) int v, String submissionId, String study, FormRef form, FormRef consentForm,
                               String site, String deviceId, String enumerator, String finalisedAt,
                               String language, List<RespondentAssertion> respondents, Triage triage,
                               List<String> parts) {

    public static final int VERSION = 1;

    /** A form version by id, version and the SHA-256 of its canonical JSON. */
    public record FormRef(String id, @JsonProperty(required = true) int version, String sha256) {
    }

    /**
     * One respondent: the HMAC-SHA256 (hex) of the respondent code under the study's respondent-code key, the
     * respondent category, and what the consent form established.
     */
    public record RespondentAssertion(String codeHash, String category, ConsentAssertion consent) {
    }

    /**
     * Consent as asserted by the device. {@code minor}: younger than the study's age of majority; then
     * {@code guardianConsent} and {@code childAssent} must both be true. {@code mode}: verbal, signature,
     * thumbprint or mark.
     */
    public record ConsentAssertion(@JsonProperty(required = true) boolean participation,
                                   @JsonProperty(required = true) boolean recording, String mode,
                                   @JsonProperty(required = true) boolean minor,
                                   Boolean guardianConsent, Boolean childAssent) {
    }

    /**
     * Disclosure triage: category (a word from the form's rule, e.g. current_risk), urgency
     * (immediate|urgent|routine), the respondent's referral choice (refer|information_only|decline), and
     * whether the enumerator raised it by hand (else a form rule triggered it).
     */
    public record Triage(String category, String urgency, String choice,
                         @JsonProperty(required = true) boolean raisedByEnumerator) {
    }
}
