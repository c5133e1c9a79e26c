package org.fieldsafe.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.fieldwork.HeldDirectory;
import org.fieldsafe.client.interview.SiteDirectory;
import org.fieldsafe.core.forms.DirectoryService;
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
        try (FieldsafeClient client = main.openExisting(home.resolve(main.env()))) {
            HeldDirectory held = client.directory(site, lang, maxAgeDays);
            SiteDirectory directory = held.directory();
            out.println("referral directory of " + held.site() + ", version " + directory.directory().version()
                    + " (study pulled " + held.pulledAt() + ")");
            out.println("police and family are never contacted without the respondent's explicit consent");
            for (DirectoryService s : directory.services()) {
                directory.lines(s, held.language()).forEach(out::println);
            }
            if (held.needConfirming() > 0) {
                out.println(held.needConfirming() + " of " + directory.services().size() + " entries UNCONFIRMED or"
                        + " STALE: check them with the field supervisor before relying on them");
            }
            out.flush();
        }
        return 0;
    }
}
