package org.fieldsafe.server.submissions;

import java.util.Map;
import java.util.Set;
import org.fieldsafe.server.storage.FormVersionRow;

/**
 * What the server knows that a header must agree with: the uploading device (study, site, id, enumerator), the
 * study's categories and languages, the form versions the header names (null when the study has no such
 * version), the consent form the interview form requires, and the fingerprints of the study's keys by purpose.
 */
record Expected(String study, String site, String deviceId, String enumerator, Set<String> categories,
                Set<String> languages, FormVersionRow form, String requiredConsentForm, FormVersionRow consentForm,
                Map<String, String> fingerprints) {
}
