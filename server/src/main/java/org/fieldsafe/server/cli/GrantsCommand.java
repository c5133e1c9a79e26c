package org.fieldsafe.server.cli;

import java.util.List;
import java.util.Locale;
import org.fieldsafe.core.wire.AudioGrant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin grants audio|list|revoke}: a principal investigator's grants of audio in QDPX exports through the API
 * (docs/api.md, "Audio grants"). User ids and reason codes only.
 */
@Command(name = "grants", mixinStandardHelpOptions = true,
        description = "A principal investigator's grants of audio (the recordings) in a study's QDPX exports: grant "
                + "one to a data manager, list them, revoke one.",
        subcommands = {GrantsCommand.Audio.class, GrantsCommand.ListGrants.class, GrantsCommand.Revoke.class})
final class GrantsCommand implements Runnable {
    @ParentCommand
    AdminCli admin;

    @Override
    public void run() {
        throw new CliException("Missing command: grants audio, list or revoke");
    }

    static String path(String study) {
        return "/studies/" + study + "/exports/audio-grants";
    }

    @Command(name = "audio", mixinStandardHelpOptions = true,
            description = {"Let a data manager (or yourself) put the study's recordings into QDPX exports "
                    + "('admin export --format qdpx --with-audio') until the grant expires or is revoked.",
                    "Voices identify: recordings are not redacted."})
    static final class Audio implements Runnable {
        @ParentCommand
        private GrantsCommand grants;

        @Option(names = "--study", required = true, description = "Study id")
        private String study;

        @Option(names = "--user", required = true, description = "The data manager's user id (or your own)")
        private String user;

        @Option(names = "--reason", required = true,
                description = "transcript_verification, speech_analysis or data_correction")
        private String reason;

        @Option(names = "--days", defaultValue = "7", description = "Days until it expires, 1 to 30 (default 7)")
        private int days;

        @Override
        public void run() {
            AdminCli admin = grants.admin;
            AudioGrant grant = admin.client().post(path(study), new AudioGrant.Request(user, reason, days),
                    AudioGrant.class);
            admin.out.println("Audio grant " + grant.id() + " for " + grant.user() + " on " + grant.study()
                    + " (" + grant.reason() + "), expires " + grant.expiresAt() + ".");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the study's audio grants, newest first, with their state (live, expired, revoked).")
    static final class ListGrants implements Runnable {
        @ParentCommand
        private GrantsCommand grants;

        @Option(names = "--study", required = true, description = "Study id")
        private String study;

        @Override
        public void run() {
            AdminCli admin = grants.admin;
            ApiClient client = admin.client();
            List<AudioGrant> list = client.get(path(study),
                    client.json().getTypeFactory().constructCollectionType(List.class, AudioGrant.class));
            if (list.isEmpty()) {
                admin.out.println("No audio grants.");
            }
            for (AudioGrant g : list) {
                admin.out.printf(Locale.ROOT, "%s  %-8s %-16s %-24s by %s, expires %s%n", g.id(), g.state(), g.user(),
                        g.reason(), g.grantedBy(), g.expiresAt());
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke an audio grant: exports asked for afterwards carry no audio (running ones finish).")
    static final class Revoke implements Runnable {
        @ParentCommand
        private GrantsCommand grants;

        @Option(names = "--study", required = true, description = "Study id")
        private String study;

        @Option(names = "--grant", required = true, description = "The grant's id ('grants list')")
        private String grant;

        @Override
        public void run() {
            AdminCli admin = grants.admin;
            admin.client().send("DELETE", path(study) + "/" + grant, null, null);
            admin.out.println("Audio grant " + grant + " revoked.");
        }
    }
}
