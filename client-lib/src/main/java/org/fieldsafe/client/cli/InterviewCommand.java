package org.fieldsafe.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.fieldwork.DeviceInterview;
import org.fieldsafe.client.fieldwork.InterviewDevice;
import org.fieldsafe.client.fieldwork.Interviews;
import org.fieldsafe.client.fieldwork.SealedInterview;
import org.fieldsafe.client.interview.AnswersFile;
import org.fieldsafe.client.interview.DraftPassphrase;
import org.fieldsafe.client.interview.InterviewSession;
import org.fieldsafe.client.interview.RedactionReport;
import org.fieldsafe.client.interview.StopPolicy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code interview}: consent then interview, sealed at once into the outbox. */
@Command(name = "interview", description = {
        "Run the consent form, then the interview form, with one respondent (or two: --joint), and seal the",
        "result at once into the outbox; no plaintext answer is kept on the device.",
        "Interactive by default: texts in --lang, those shown in English marked [en] with a WARNING line.",
        "The study's interview_languages (study.yaml) says which translation states may be used: by default only",
        "complete or reviewed; a draft or missing language is refused unless the study allows it. Every answer is saved at",
        "once into a draft encrypted under the enumerator's passphrase ($FIELDSAFE_PASSPHRASE, or asked twice",
        "for a new draft), so Ctrl-C, a crash or the end of the input keeps every answer given; --resume DRAFT",
        "continues it (ids: fieldsafe client status). A new draft passphrase needs",
        "  " + DraftPassphrase.RULE + ".",
        "At any prompt: :back (the previous question again; skip logic follows the new answer; an answer to a",
        "  question that is no longer relevant is kept in the draft but never sealed), :skip (a question that",
        "  is not required), :disclose (raise a disclosure), :directory (the site's referral directory),",
        "  :pause (stop here, the draft is kept), :stop (the respondent stops: see --on-stop), :help.",
        "  A colon and a word is always a command, never an answer; an unknown one is refused and the question",
        "  asked again. The disclosure flow is in --lang, lists the valid values and checks each field at once.",
        "No interview starts without the site's referral directory on the device; unconfirmed or stale emergency",
        "entries are warned about at the start. An immediate disclosure shows the emergency entries at once.",
        "--answers-template prints a JSON skeleton; --answers FILE reads it back filled in, checks it like the",
        "interactive path and writes nothing on any error. Its 'disclosures' entries:",
        "  {\"respondent\": 0, \"category\": \"current_risk\", \"urgency\": \"urgent\" (both only for one raised by",
        "   hand), \"choice\": \"refer|information_only|decline\", \"routes\": {\"<service id>\": true},",
        "   \"contact\": {\"how\": ..., \"when\": ...}}",
        "  Routes are services of the site's directory, each true or false (the respondent's own answer; none by",
        "  default, police and authority services included); only refer has routes, and it needs one true."})
final class InterviewCommand implements Callable<Integer> {
    static final String PASSPHRASE_ENV = "FIELDSAFE_PASSPHRASE";

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Option(names = "--form", required = true, paramLabel = "F", description = "The interview form id.")
    String form;

    @Option(names = "--site", required = true, paramLabel = "SITE", description = "The site (this device's site).")
    String site;

    @Option(names = "--lang", required = true, paramLabel = "L", description = "The interview language.")
    String lang;

    @ArgGroup(exclusive = true)
    Mode mode;

    static final class Mode {
        @Option(names = "--answers", paramLabel = "FILE.json", description = "Read all answers from this file.")
        Path answers;

        @Option(names = "--answers-template", description = "Print the answers file skeleton and exit.")
        boolean template;

        @Option(names = "--resume", paramLabel = "DRAFT",
                description = "Continue a paused or interrupted interview where it stopped (ids: client status).")
        String resume;
    }

    @Option(names = "--joint", description = "Interactive: a joint interview of two respondents (same category).")
    boolean joint;

    @Option(names = "--on-stop", paramLabel = "POLICY", defaultValue = "DISCARD_ALL",
            description = "What a stop keeps: DISCARD_ALL (default) or KEEP_ANSWERED (sealed, marked stoppedEarly).")
    StopPolicy onStop;

    @Override
    public Integer call() throws Exception {
        ClientMain main = (ClientMain) spec.root().userObject();
        PrintWriter out = spec.commandLine().getOut();
        try (FieldsafeClient client = main.openExisting(home.resolve(main.env()))) {
            Interviews interviews = client.interviews();
            InterviewDevice device = interviews.device(form, null, site, lang);
            if (mode != null && mode.template) {
                out.println(AnswersFile.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                        interviews.template(device, site, lang)));
                out.flush();
                return 0;
            }
            warn(interviews.warnings(device, site, lang), out);
            interviews.requireSealing();
            InterviewSession.Options options = new InterviewSession.Options(main.settings().clock(), onStop);
            if (mode != null && mode.answers != null) {
                report(interviews.seal(device, fromFile(interviews, device, options), null, Set.of()), lang, out);
                return 0;
            }
            InteractiveInterview interactive = new InteractiveInterview(interviews, device, site, lang, options,
                    main.terminal().input().get(), out, newDraft -> passphrase(main, newDraft, out));
            DeviceInterview interview = interactive.run(mode != null ? mode.resume : null, joint ? 2 : 1);
            if (interview != null) {
                report(interview.seal(), lang, out);
            }
        }
        return 0;
    }

    /** Before the interview: emergency entries of the site's directory that are unconfirmed or stale; languages. */
    private void warn(Interviews.StartWarnings warnings, PrintWriter out) {
        for (String warning : warnings.directory()) {
            out.println("WARNING: referral directory of " + site + ": " + warning);
        }
        if (!warnings.directory().isEmpty()) {
            out.println("  check the emergency numbers with the field supervisor before the interview"
                    + " (fieldsafe client directory --site " + site + ")");
        }
        out.flush();
        warnings.language().forEach(w -> out.println("WARNING: " + w));
    }

    private InterviewSession fromFile(Interviews interviews, InterviewDevice device, InterviewSession.Options options)
            throws ClientException {
        JsonNode file;
        try {
            file = AnswersFile.mapper().readTree(Files.readAllBytes(mode.answers));
        } catch (IOException e) {
            throw new ClientException(Reason.USAGE, "cannot read the answers file " + mode.answers
                    + " (not readable or not JSON)");
        }
        return interviews.fromAnswersFile(device, file, site, lang, options);
    }

    private static void report(SealedInterview sealed, String lang, PrintWriter out) {
        if (!sealed.kept()) {
            out.println("stopped: nothing was kept");
            out.flush();
            return;
        }
        out.println("sealed submission " + sealed.submissionId() + ": parts " + String.join(", ", sealed.parts())
                + (sealed.stoppedEarly() ? " (stopped early)" : ""));
        for (RedactionReport r : sealed.redactions()) {
            out.println("  redacted in respondent " + r.respondent() + " " + r.question() + ": "
                    + r.counts().entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        if (!sealed.fallbackTexts().isEmpty()) {
            out.println("  WARNING: shown in " + sealed.fallbackLanguage() + " (no " + lang + " text): "
                    + String.join(", ", sealed.fallbackTexts()));
        }
        for (String file : sealed.recordingFiles()) {
            out.println("  recording " + file + " sealed into the outbox; the original is NOT encrypted and was not"
                    + " deleted: delete it from this laptop and the recorder now");
        }
        out.println("waiting in the outbox: " + sealed.waiting());
        out.flush();
    }

    /** How often a new draft passphrase may be refused (mismatch, too weak) before the command gives up. */
    static final int PASSPHRASE_TRIES = 3;

    /**
     * The draft passphrase: from the environment, else asked. A new draft's is checked against
     * {@link DraftPassphrase#RULE} and, when asked, typed twice; a mismatch or a weak one is asked again.
     */
    private static char[] passphrase(ClientMain main, boolean newDraft, PrintWriter out) throws ClientException {
        String fromEnv = main.env().get(PASSPHRASE_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            char[] p = fromEnv.toCharArray();
            if (newDraft) {
                try {
                    DraftPassphrase.checkStrength(p);
                } catch (IllegalArgumentException e) {
                    throw new ClientException(Reason.USAGE, PASSPHRASE_ENV + ": " + e.getMessage());
                }
            }
            return p;
        }
        if (!newDraft) {
            return read(main, "enumerator passphrase of the draft: ");
        }
        for (int tries = 1; ; tries++) {
            char[] first = read(main, "new draft passphrase (" + DraftPassphrase.RULE + "): ");
            char[] again = read(main, "the same passphrase again: ");
            try {
                DraftPassphrase.check(first, again);
                java.util.Arrays.fill(again, '\0');
                return first;
            } catch (IllegalArgumentException e) {
                java.util.Arrays.fill(first, '\0');
                java.util.Arrays.fill(again, '\0');
                if (tries >= PASSPHRASE_TRIES) {
                    throw new ClientException(Reason.USAGE, e.getMessage() + "; nothing was written");
                }
                out.println("  ! " + e.getMessage() + "; try again");
                out.flush();
            }
        }
    }

    private static char[] read(ClientMain main, String prompt) throws ClientException {
        char[] p = main.terminal().passphrases().apply(prompt);
        if (p == null) {
            throw new ClientException(Reason.USAGE, "no passphrase: set " + PASSPHRASE_ENV + " or run in a terminal");
        }
        if (p.length == 0) {
            throw new ClientException(Reason.USAGE, "no passphrase given");
        }
        return p;
    }
}
