package org.fieldsafe.client.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.interview.SiteDirectory;
import org.fieldsafe.client.store.DeviceRecord;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.StoredStudy;
import org.fieldsafe.core.forms.DirectoryService;
import org.fieldsafe.core.forms.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code directory}: a site's referral directory from the device's store, without contacting the server. */
@Command(name = "directory", description = {
        "Print a site's referral directory as this device holds it (no network): emergency entries first,",
        "then each service's kind, name, phone, hours, languages, gender served, cost, whether it involves the",
        "police or other authorities, and when the study team confirmed it (UNCONFIRMED or STALE when not",
        "confirmed, or confirmed longer ago than --max-age-days)."})
final class DirectoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Option(names = "--site", paramLabel = "SITE", description = "The site (default: this device's site).")
    String site;

    @Option(names = "--lang", paramLabel = "L",
            description = "Show names in this language (default: the study's master language).")
    String lang;

    @Option(names = "--max-age-days", paramLabel = "N", defaultValue = "" + SiteDirectory.DEFAULT_MAX_AGE_DAYS,
            description = "Mark entries confirmed more than N days ago as STALE (default: ${DEFAULT-VALUE}).")
    int maxAgeDays;

    @Override
    public Integer call() throws ClientException {
        ClientMain main = (ClientMain) spec.root().userObject();
        PrintWriter out = spec.commandLine().getOut();
        if (maxAgeDays < 0) {
            throw new ClientException(Reason.USAGE, "--max-age-days must be 0 or more");
        }
        try (DeviceStore store = DeviceStore.openExisting(home.resolve(main.env()))) {
            DeviceRecord device = store.device().orElseThrow(() -> new ClientException(Reason.NOT_ENROLLED,
                    "this device is not enrolled; enrol it first: fieldsafe client enrol --server URL --code CODE"));
            StoredStudy stored = store.study().orElseThrow(() -> new ClientException(Reason.USAGE,
                    "the study is not on this device; pull it first: fieldsafe client forms pull"));
            Study study = Study.fromCanonicalJson(stored.canonicalJson());
            String siteId = site == null ? device.site() : site;
            String language = lang == null ? study.masterLanguage() : lang;
            if (!study.languages().containsKey(language)) {
                throw new ClientException(Reason.USAGE, "language " + language + " is not a language of study "
                        + study.id() + " (" + String.join(", ", study.languages().keySet()) + ")");
            }
            LocalDate today = LocalDate.now(main.settings().clock());
            SiteDirectory directory = SiteDirectory.of(study, siteId, today, maxAgeDays).orElseThrow(() ->
                    new ClientException(Reason.USAGE, "no referral directory of site " + siteId + " is on this"
                            + " device (sites of study " + study.id() + ": " + String.join(", ",
                            study.sites().stream().map(s -> s.id()).toList()) + "); pull: fieldsafe client forms pull"));
            out.println("referral directory of " + siteId + ", version " + directory.directory().version()
                    + " (study pulled " + stored.pulledAt() + ")");
            out.println("police and family are never contacted without the respondent's explicit consent");
            for (DirectoryService s : directory.services()) {
                directory.lines(s, language).forEach(out::println);
            }
            long unconfirmed = directory.services().stream()
                    .filter(s -> s.needsConfirmation(today, maxAgeDays)).count();
            if (unconfirmed > 0) {
                out.println(unconfirmed + " of " + directory.services().size() + " entries UNCONFIRMED or STALE:"
                        + " check them with the field supervisor before relying on them");
            }
            out.flush();
        }
        return 0;
    }
}
