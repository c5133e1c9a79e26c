package org.fieldsafe.core.forms.xform;

import java.util.Objects;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormKind;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.StudyBundle;

/**
 * How {@link XFormWriter} writes a form version as an XForm.
 *
 * @param study              the form's study: language names, age of majority, the contact filled into texts
 * @param consentForm        for an interview form, the consent form written as its first group (required then);
 *                           null for a consent form
 * @param formId             the XForm's form id ({@code <data id=...>}, OpenRosa's formID); null: the form's id
 * @param version            the XForm's version; null: from the form's (and the consent form's) SHA-256
 * @param submissionUrl      the {@code <submission action=...>}; null: none
 * @param base64RsaPublicKey ODK encryption: the RSA public key devices encrypt to (base64 of its X.509
 *                           SubjectPublicKeyInfo DER), written as {@code <submission base64RsaPublicKey=...>}; null:
 *                           not encrypted
 * @param site               the site the devices interview at (their enrolment's): the respondent code must then
 *                           start with it, as the field app checks; null: any site of the study
 */
public record XFormOptions(Study study, FormDefinition consentForm, String formId, String version,
                           String submissionUrl, String base64RsaPublicKey, String site) {

    public XFormOptions {
        Objects.requireNonNull(study, "study");
        if (site != null && study.site(site).isEmpty()) {
            throw new IllegalArgumentException("site " + site + " is not a site of study " + study.id());
        }
    }

    /** The options for a form of a study: its consent form (for an interview form); no submission. */
    public static XFormOptions forStudy(StudyBundle bundle, FormDefinition form) {
        FormDefinition consent = null;
        if (form.kind() == FormKind.INTERVIEW) {
            consent = bundle.form(form.consentForm()).orElseThrow(() -> new IllegalArgumentException(
                    "form '" + form.id() + "' names consent form '" + form.consentForm() + "', which the study lacks"));
        }
        return new XFormOptions(bundle.study(), consent, null, null, null, null, null);
    }

    public XFormOptions withFormId(String id) {
        return new XFormOptions(study, consentForm, id, version, submissionUrl, base64RsaPublicKey, site);
    }

    public XFormOptions withVersion(String v) {
        return new XFormOptions(study, consentForm, formId, v, submissionUrl, base64RsaPublicKey, site);
    }

    /** Forms for devices enrolled at {@code s}: respondent codes must name it (null: any site). */
    public XFormOptions withSite(String s) {
        return new XFormOptions(study, consentForm, formId, version, submissionUrl, base64RsaPublicKey, s);
    }

    /** An ODK {@code <submission>}: where devices send (may be null) and the RSA key they encrypt to (may be null). */
    public XFormOptions withSubmission(String url, String rsaPublicKeyBase64) {
        return new XFormOptions(study, consentForm, formId, version, url, rsaPublicKeyBase64, site);
    }
}
