package org.fieldsafe.client.fieldwork;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.List;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.store.DeviceRecord;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.StoredForm;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormKind;
import org.fieldsafe.core.forms.ReferralDirectory;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.SubmissionHeader.FormRef;

/**
 * What an interview needs from the device store, checked before anything starts: an enrolled device, the
 * pulled study and forms (latest versions), the device's own site and a language of the study.
 */
public record InterviewDevice(DeviceRecord device, Study study, FormDefinition consent, FormRef consentRef,
                       FormDefinition interview, FormRef interviewRef) {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The latest stored version of {@code formId}; see {@link #load(DeviceStore, String, Integer, String, String)}. */
    public static InterviewDevice load(DeviceStore store, String formId, String site, String lang)
            throws ClientException {
        return load(store, formId, null, site, lang);
    }

    /** Checks and loads what an interview with version {@code version} (null: the latest) of {@code formId} needs. */
    public static InterviewDevice load(DeviceStore store, String formId, Integer version, String site, String lang)
            throws ClientException {
        DeviceRecord device = store.device().orElseThrow(() -> new ClientException(Reason.NOT_ENROLLED,
                "this device is not enrolled; enrol it first: fieldsafe client enrol --server URL --code CODE"));
        Study study = Study.fromCanonicalJson(store.study().orElseThrow(() -> notPulled("the study")).canonicalJson());
        List<StoredForm> forms = store.forms();
        StoredForm interview = (version == null ? latest(forms, formId)
                : forms.stream().filter(f -> f.formId().equals(formId) && f.version() == version).findFirst())
                .orElseThrow(() -> notPulled("form '" + formId + "'" + (version == null ? "" : " version " + version)));
        FormDefinition interviewForm = FormDefinition.fromCanonicalJson(interview.canonicalJson());
        if (interviewForm.kind() != FormKind.INTERVIEW) {
            throw new ClientException(Reason.USAGE, "form '" + formId + "' is a consent form; give the interview form"
                    + " (its consent form runs first)");
        }
        StoredForm consent = latest(forms, interviewForm.consentForm())
                .orElseThrow(() -> notPulled("consent form '" + interviewForm.consentForm() + "'"));
        if (!site.equals(device.site())) {
            throw new ClientException(Reason.USAGE, "site " + site + " is not this device's site (" + device.site()
                    + "); interviews are only run at the site the device is enrolled for");
        }
        if (study.site(site).isEmpty()) {
            throw new ClientException(Reason.USAGE, "site " + site + " is not a site of study " + study.id());
        }
        requireDirectory(store, study, site);
        if (!study.languages().containsKey(lang)) {
            throw new ClientException(Reason.USAGE, "language " + lang + " is not a language of study " + study.id()
                    + " (" + String.join(", ", study.languages().keySet()) + ")");
        }
        return new InterviewDevice(device, study, FormDefinition.fromCanonicalJson(consent.canonicalJson()),
                new FormRef(consent.formId(), consent.version(), consent.sha256()), interviewForm,
                new FormRef(interview.formId(), interview.version(), interview.sha256()));
    }

    /**
     * No interview starts at a site whose referral directory is not on this device: the study held must list
     * services for the site, and be the directory the last manifest named (when that manifest names one).
     */
    private static void requireDirectory(DeviceStore store, Study study, String site) throws ClientException {
        ReferralDirectory held = study.site(site).map(Site::directory).orElse(null);
        if (held == null || held.services().isEmpty()) {
            throw new ClientException(Reason.USAGE, "the referral directory of site " + site + " is not on this"
                    + " device, and no interview can start without it; pull it first: fieldsafe client forms pull");
        }
        Manifest.DirectoryRef listed = store.manifest().map(m -> manifestDirectory(m.body())).orElse(null);
        if (listed != null && site.equals(listed.site()) && listed.sha256() != null
                && !listed.sha256().equalsIgnoreCase(held.sha256())) {
            throw new ClientException(Reason.USAGE, "the referral directory of site " + site + " on this device"
                    + " (version " + held.version() + ") is not the one the server lists (version "
                    + listed.version() + "); no interview can start until it is pulled: fieldsafe client forms pull");
        }
    }

    private static Manifest.DirectoryRef manifestDirectory(byte[] body) {
        try {
            return MAPPER.readValue(body, Manifest.class).directory();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static java.util.Optional<StoredForm> latest(List<StoredForm> forms, String formId) {
        return forms.stream().filter(f -> f.formId().equals(formId)).max(Comparator.comparingInt(StoredForm::version));
    }

    private static ClientException notPulled(String what) {
        return new ClientException(Reason.USAGE, what + " is not on this device; pull the forms first:"
                + " fieldsafe client forms pull");
    }
}
