package org.fieldsafe.server.openrosa;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormKind;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.storage.FormVersionRow;

/**
 * Which stored form versions an XForm version string stands for: {@link OpenRosaForms} serves each interview form
 * under the first 8 hex digits of its SHA-256 followed by those of its consent form's, so a submission's
 * {@code version} names both again.
 */
public final class FormVersions {
    /** A served interview form version with its consent form version. */
    public record Version(FormDefinition form, SubmissionHeader.FormRef formRef, FormDefinition consent,
                          SubmissionHeader.FormRef consentRef) {
    }

    private FormVersions() {
    }

    /** The XForm version string of an interview form version and its consent form version. */
    public static String xformVersion(String formSha256, String consentSha256) {
        return formSha256.substring(0, 8) + consentSha256.substring(0, 8);
    }

    /** Every (interview, consent) version pair of {@code rows}, by {@code formId@xformVersion}. */
    public static Map<String, Version> of(List<FormVersionRow> rows) {
        Map<String, Version> byKey = new HashMap<>();
        for (FormVersionRow row : rows) {
            FormDefinition form = definition(row);
            if (form.kind() != FormKind.INTERVIEW) {
                continue;
            }
            for (FormVersionRow consent : rows) {
                if (consent.formId().equals(form.consentForm())) {
                    byKey.put(row.formId() + "@" + xformVersion(row.sha256(), consent.sha256()),
                            new Version(form, new SubmissionHeader.FormRef(row.formId(), row.version(), row.sha256()),
                                    definition(consent), new SubmissionHeader.FormRef(consent.formId(),
                                    consent.version(), consent.sha256())));
                }
            }
        }
        return byKey;
    }

    private static FormDefinition definition(FormVersionRow row) {
        return FormDefinition.fromCanonicalJson(row.canonicalJson().getBytes(StandardCharsets.UTF_8));
    }
}
