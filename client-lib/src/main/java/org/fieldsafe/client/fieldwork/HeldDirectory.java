package org.fieldsafe.client.fieldwork;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.interview.SiteDirectory;
import org.fieldsafe.client.store.DeviceRecord;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.StoredStudy;
import org.fieldsafe.core.forms.Study;

/**
 * A site's referral directory as this device holds it, checked: the device enrolled, the study pulled, the site and
 * the language the study's; with when the study was pulled and how many entries need confirming. As JSON: site,
 * language, version, services (emergency entries first), pulledAt, needConfirming.
 */
public record HeldDirectory(String site, String language, @JsonIgnore SiteDirectory directory, Instant pulledAt,
                            long needConfirming) {

    /** The directory's version. */
    @JsonProperty
    public int version() {
        return directory.directory().version();
    }

    /** Every entry as data, emergency entries first, names in {@link #language()}. */
    @JsonProperty
    public List<DisclosureFlow.Service> services() {
        return DisclosureFlows.services(directory, language, directory.services(), null);
    }

    public static HeldDirectory read(DeviceStore store, String site, String language, int maxAgeDays, Clock clock)
            throws ClientException {
        if (maxAgeDays < 0) {
            throw new ClientException(Reason.USAGE, "--max-age-days must be 0 or more");
        }
        DeviceRecord device = store.device().orElseThrow(() -> new ClientException(Reason.NOT_ENROLLED,
                "this device is not enrolled; enrol it first: fieldsafe client enrol --server URL --code CODE"));
        StoredStudy stored = store.study().orElseThrow(() -> new ClientException(Reason.USAGE,
                "the study is not on this device; pull it first: fieldsafe client forms pull"));
        Study study = Study.fromCanonicalJson(stored.canonicalJson());
        String siteId = site == null ? device.site() : site;
        String lang = language == null ? study.masterLanguage() : language;
        if (!study.languages().containsKey(lang)) {
            throw new ClientException(Reason.USAGE, "language " + lang + " is not a language of study "
                    + study.id() + " (" + String.join(", ", study.languages().keySet()) + ")");
        }
        LocalDate today = LocalDate.now(clock);
        SiteDirectory directory = SiteDirectory.of(study, siteId, today, maxAgeDays).orElseThrow(() ->
                new ClientException(Reason.USAGE, "no referral directory of site " + siteId + " is on this"
                        + " device (sites of study " + study.id() + ": " + String.join(", ",
                        study.sites().stream().map(s -> s.id()).toList()) + "); pull: fieldsafe client forms pull"));
        long needConfirming = directory.services().stream().filter(s -> s.needsConfirmation(today, maxAgeDays))
                .count();
        return new HeldDirectory(siteId, lang, directory, stored.pulledAt(), needConfirming);
    }
}
