package org.fieldsafe.client.interview;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.fieldsafe.core.forms.DirectoryService;
import org.fieldsafe.core.forms.ReferralDirectory;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;

/**
 * A site's referral directory as the device shows it: emergency entries first, each entry's name in the interview
 * language (else the master language, marked), unconfirmed and stale entries marked. Entries confirmed longer ago
 * than {@code maxAgeDays} are stale.
 */
public record SiteDirectory(Study study, Site site, LocalDate today, int maxAgeDays) {
    /** Entries confirmed longer ago than this many days are marked stale unless the caller says otherwise. */
    public static final int DEFAULT_MAX_AGE_DAYS = 365;

    /** The directory of {@code siteId} in the study held on this device, if it is there and lists any service. */
    public static Optional<SiteDirectory> of(Study study, String siteId, LocalDate today, int maxAgeDays) {
        return study.site(siteId)
                .filter(s -> s.directory() != null && !s.directory().services().isEmpty())
                .map(s -> new SiteDirectory(study, s, today, maxAgeDays));
    }

    public ReferralDirectory directory() {
        return site.directory();
    }

    /** Every entry, emergency entries first, otherwise in the directory's order. */
    public List<DirectoryService> services() {
        List<DirectoryService> all = new ArrayList<>(site.directory().services());
        all.sort(Comparator.comparing((DirectoryService s) -> !s.emergency()));
        return all;
    }

    /** The emergency entries, in the directory's order. */
    public List<DirectoryService> emergencies() {
        return site.directory().services().stream().filter(DirectoryService::emergency).toList();
    }

    /**
     * What the enumerator must be told before an interview starts: emergency entries nobody has confirmed, or
     * confirmed longer ago than the maximum age. Empty when there is nothing to warn about.
     */
    public List<String> startWarnings(String lang) {
        List<String> warnings = new ArrayList<>();
        for (DirectoryService s : emergencies()) {
            if (!s.confirmed()) {
                warnings.add("emergency entry " + s.id() + " (" + name(s, lang) + phone(s) + ") is UNCONFIRMED:"
                        + " the study team has not checked that it works");
            } else if (s.stale(today, maxAgeDays)) {
                warnings.add("emergency entry " + s.id() + " (" + name(s, lang) + phone(s) + ") was last confirmed on "
                        + s.confirmedOn() + ", more than " + maxAgeDays + " days ago");
            }
        }
        return warnings;
    }

    /** The entry's name in {@code lang}; else in the master language, prefixed with its code in brackets. */
    public String name(DirectoryService s, String lang) {
        String own = s.name().get(lang);
        if (own != null) {
            return own;
        }
        String master = study.masterLanguage();
        return "[" + master + "] " + s.name().getOrDefault(master, s.id());
    }

    /** The entry on two lines: the service, then its details and how sure the study team is of it. */
    public List<String> lines(DirectoryService s, String lang) {
        StringBuilder first = new StringBuilder(s.emergency() ? "EMERGENCY  " : "           ");
        first.append(s.id()).append(": ").append(name(s, lang)).append(" (").append(s.kind()).append(')');
        if (s.involvesAuthorities()) {
            first.append("  INVOLVES AUTHORITIES: only with the respondent's own explicit yes");
        }
        List<String> details = new ArrayList<>();
        details.add("phone " + (s.phone() == null ? "unknown" : s.phone()));
        details.add("hours " + (s.hours() == null ? "unknown" : s.hours()));
        details.add("languages " + (s.languages().isEmpty() ? "unknown" : String.join(" ", s.languages())));
        details.add("serves " + (s.genderServed() == null ? "unknown" : s.genderServed()));
        details.add("cost " + (s.cost() == null ? "unknown" : s.cost()));
        details.add("involves authorities " + (s.involvesAuthorities() ? "yes" : "no"));
        details.add(confirmation(s));
        return List.of(first.toString(), "           " + String.join(", ", details));
    }

    private String confirmation(DirectoryService s) {
        if (!s.confirmed()) {
            return "UNCONFIRMED";
        }
        return "confirmed " + s.confirmedOn() + (s.stale(today, maxAgeDays) ? " (STALE: over " + maxAgeDays
                + " days ago)" : "");
    }

    private static String phone(DirectoryService s) {
        return s.phone() == null ? "" : ", " + s.phone();
    }
}
