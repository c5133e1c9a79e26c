package org.fieldsafe.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.fieldwork.DeviceInterview;
import org.fieldsafe.client.fieldwork.InterviewDevice;
import org.fieldsafe.client.fieldwork.InterviewStart;
import org.fieldsafe.client.fieldwork.Interviews;
import org.fieldsafe.client.interview.Disclosure;
import org.fieldsafe.client.interview.DisclosureDialogue;
import org.fieldsafe.client.interview.InterviewException;
import org.fieldsafe.client.interview.InterviewInput;
import org.fieldsafe.client.interview.InterviewSession;
import org.fieldsafe.client.interview.Prompt;
import org.fieldsafe.client.interview.Referral;
import org.fieldsafe.client.interview.ReferralChoice;
import org.fieldsafe.client.interview.ReferralTexts;
import org.fieldsafe.client.interview.SiteDirectory;
import org.fieldsafe.core.forms.DirectoryService;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Urgency;

/**
 * The terminal dialogue of {@code client interview}: one prompt per question, commands at any prompt. Every step
 * is autosaved into the encrypted draft as it is taken (the engine's {@link DraftAutosave}), so Ctrl-C, a crash or
 * the end of the input loses at most the line being typed; {@code --resume} continues where it stopped.
 */
final class InteractiveInterview {
    /** The enumerator's draft passphrase: a new one (checked, confirmed) for a new draft, else the draft's one. */
    interface Passphrase {
        char[] get(boolean newDraft) throws ClientException;
    }

    static final String HELP = "commands: :back (the previous question again), :skip (a question that is not required),"
            + " :disclose (raise a disclosure), :directory (the site's referral directory), :pause (stop here; the"
            + " draft is kept encrypted), :stop (the respondent stops), :help (this list)";

    private final Interviews interviews;
    private final InterviewDevice device;
    private final InterviewSession.Options options;
    private final BufferedReader in;
    private final PrintWriter out;
    private final Passphrase passphrase;
    private final String site;
    private final String lang;
    private String draftId;
    private DisclosureDialogue dialogue;
    private SiteDirectory directory;

    InteractiveInterview(Interviews interviews, InterviewDevice device, String site, String lang,
                         InterviewSession.Options options, BufferedReader in, PrintWriter out, Passphrase passphrase) {
        this.interviews = interviews;
        this.site = site;
        this.lang = lang;
        this.device = device;
        this.options = options;
        this.in = in;
        this.out = out;
        this.passphrase = passphrase;
    }

    /** The interview once finished or stopped, to seal; null when paused or when nobody can be interviewed. */
    DeviceInterview run(String resumeId, int respondents) throws Exception {
        if (resumeId == null) {
            offerOpenDrafts();
        }
        char[] pass = interviews.draftsAvailable() ? passphrase.get(resumeId == null) : null;
        DeviceInterview interview;
        try {
            if (resumeId == null) {
                interview = interviews.start(device, new InterviewStart(device.interview().id(), null, site, lang, null,
                        respondents, options.onStop()), pass);
            } else {
                interview = interviews.resume(device, site, lang, resumeId, pass, options);
                out.println("resuming draft " + resumeId + ": " + interview.screen().progress().answered()
                        + " questions answered so far");
            }
        } finally {
            if (pass != null) {
                Arrays.fill(pass, '\0');
            }
        }
        draftId = interview.draftId();
        if (draftId == null) {
            out.println("  ! drafts are not available in this build (no draft encryption): an interruption"
                    + " loses this interview");
        } else {
            out.println("every answer is saved at once, encrypted, in draft " + draftId + " (Ctrl-C keeps it;"
                    + " resume with --resume " + draftId + "); " + HELP);
        }
        dialogue = interview.dialogue();
        directory = interview.siteDirectory();
        Thread onInterrupt = new Thread(this::interrupted, "fieldsafe-interview-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return walk(interview.engine(), interview) == null ? null : interview;
        } finally {
            removeHook(onInterrupt);
            interview.close();
        }
    }

    private InterviewSession walk(InterviewSession s, DeviceInterview interview) throws Exception {
        for (int r = 0; r < s.respondentCount(); r++) {
            for (Optional<Prompt> p = s.current(r); p.isPresent() && !s.stopped(); p = s.current(r)) {
                show(p.get());
                s.given(r).ifPresent(v -> out.print("(answered before: " + v
                        + "; type it again or a new answer) > "));
                InterviewInput input = InterviewInput.parse(readLine());
                if (input instanceof InterviewInput.Answer a) {
                    step(s, r, p.get(), a.text());
                } else if (input instanceof InterviewInput.Unknown u) {
                    out.println("  ! " + u.word() + " is not a command (nothing was stored); " + HELP);
                } else if (input instanceof InterviewInput.Known k) {
                    if (command(s, r, p.get(), k.command())) {
                        return null;
                    }
                }
            }
            if (s.stopped()) {
                break;
            }
            if (s.refusal(r).isPresent()) {
                out.println("respondent " + (r + 1) + " cannot be interviewed: " + s.refusal(r).get());
            }
        }
        if (!s.stopped() && !s.finished()) {
            interview.discard();
            out.println("nobody can be interviewed; nothing was kept");
            out.flush();
            return null;
        }
        referrals(s);
        return s;
    }

    /** Runs a command; true when the interview pauses here. */
    private boolean command(InterviewSession s, int r, Prompt p, InterviewInput.Command c) throws Exception {
        switch (c) {
            case HELP -> out.println("  " + HELP);
            case BACK -> {
                try {
                    s.back(r);
                } catch (InterviewException e) {
                    out.println("  ! " + e.getMessage());
                }
            }
            case SKIP -> step(s, r, p, null);
            case STOP -> s.stop();
            case DIRECTORY -> directory(s);
            case DISCLOSE -> {
                List<Disclosure> before = s.disclosures();
                disclose(s, r);
                announce(s, before);
            }
            case PAUSE -> {
                if (draftId == null) {
                    out.println("  ! pausing is not available in this build (no draft encryption); go on, or :stop");
                    return false;
                }
                out.println("paused: draft " + draftId + " (encrypted); resume with --resume " + draftId);
                out.flush();
                return true;
            }
            default -> throw new IllegalStateException("unhandled command " + c);
        }
        return false;
    }

    private String readLine() throws IOException, ClientException {
        out.flush();
        String line = in.readLine();
        if (line == null) {
            throw new ClientException(Reason.USAGE, draftId == null
                    ? "the input ended before the interview did; nothing was kept"
                    : "the input ended before the interview did; every answer given is kept in draft " + draftId
                            + " (encrypted): resume with --resume " + draftId);
        }
        return line;
    }

    /** Ctrl-C (SIGINT) or SIGTERM: every answer is already in the draft; say where. */
    private void interrupted() {
        if (draftId != null) {
            out.println();
            out.println("interrupted: every answer given is kept in draft " + draftId + " (encrypted); resume with"
                    + " --resume " + draftId);
            out.flush();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting (Ctrl-C): the hook runs
        }
    }

    private void offerOpenDrafts() throws ClientException {
        interviews.openDrafts(device.interview().id(), site)
                .forEach(d -> out.println("open draft " + d.draftId() + " (" + (d.language() == null ? "?"
                        : d.language()) + ", saved " + d.savedAt() + "): continue it with --resume " + d.draftId()));
    }

    private void step(InterviewSession s, int r, Prompt p, String value) {
        List<Disclosure> before = s.disclosures();
        try {
            s.answer(r, p.question().type() == QuestionType.NOTE ? null : value);
        } catch (InterviewException e) {
            out.println("  ! " + e.getMessage());
        }
        announce(s, before);
    }

    private void show(Prompt p) {
        out.println();
        out.println("[" + (p.respondent() + 1) + " " + p.formId() + " " + p.questionId()
                + (p.question().required() ? ", required" : "") + "]");
        out.println((p.fellBack() ? "[en] " : "") + p.label());
        if (p.fallbackWarning() != null) {
            out.println("  WARNING: " + p.fallbackWarning());
        }
        if (p.hint() != null) {
            out.println("  note: " + p.hint());
        }
        p.choices().forEach(c -> out.println("  " + c.id() + ") " + c.text()));
        p.probes().forEach(c -> out.println("  probe: " + c.text()));
        out.print(p.question().type() == QuestionType.NOTE ? "(enter to go on) " : "> ");
        out.flush();
    }

    /** Asks one field of the disclosure flow until its value is valid: a typo is asked again at once. */
    private <T> T ask(DisclosureDialogue.Field<T> field) throws IOException, ClientException {
        while (true) {
            StringBuilder prompt = new StringBuilder(field.prompt());
            List<Prompt.Option> options = field.options();
            String sep = options.size() > 4 ? "\n    " : "  ";
            for (int i = 0; i < options.size(); i++) {
                Prompt.Option o = options.get(i);
                prompt.append(sep).append(i + 1).append(") ").append(o.text())
                        .append(o.text().equals(o.id()) ? "" : " (" + o.id() + ")");
            }
            if (field.enterGives() != null) {
                prompt.append(options.size() > 4 ? "\n    " : "  ").append('[')
                        .append(dialogue.texts().text("enter_gives", "value", field.enterGives())).append(']');
            }
            out.print(prompt + ": ");
            try {
                return field.parse(readLine());
            } catch (IllegalArgumentException e) {
                out.println("  ! " + e.getMessage());
            }
        }
    }

    private void disclose(InterviewSession s, int r) throws IOException, ClientException {
        String category = ask(dialogue.category());
        Urgency urgency = ask(dialogue.urgency());
        try {
            s.raiseDisclosure(r, category, urgency);
            out.println("  " + dialogue.texts().text("recorded"));
        } catch (InterviewException e) {
            out.println("  ! " + e.getMessage());
        }
    }

    /**
     * Right after a disclosure (a form rule triggered by the last answer, or raised by hand): for {@code immediate}
     * urgency the site's emergency entries at once, and the choice to pause or end for distress.
     */
    private void announce(InterviewSession s, List<Disclosure> before) {
        ReferralTexts texts = dialogue.texts();
        for (Disclosure d : s.disclosuresSince(before)) {
            out.println();
            out.println(texts.text("announce.disclosure", "category", dialogue.categoryText(d.category()),
                    "urgency", dialogue.urgencyText(d.urgency()), "source", d.byRule()
                            ? texts.text("announce.by_rule", "question", d.questionId())
                            : texts.text("announce.by_hand")));
            if (d.urgency() == Urgency.IMMEDIATE) {
                out.println(texts.text("announce.immediate", "site", site));
                if (directory.emergencies().isEmpty()) {
                    out.println("  " + texts.text("announce.no_emergency", "site", site));
                }
                directory.emergencies().forEach(e -> directory.lines(e, lang).forEach(l -> out.println("  " + l)));
            }
            out.println(texts.text("announce.distress"));
        }
    }

    private void referrals(InterviewSession s) throws IOException, ClientException {
        if (!s.disclosures().isEmpty()) {
            String script = dialogue.script();
            if (script != null) {
                out.println();
                out.println(script);
            }
            directory(s);
        }
        for (Disclosure d : s.disclosures()) {
            int r = d.respondent();
            while (s.referral(r).isEmpty()) {
                ReferralChoice choice = ask(dialogue.choice(d));
                Map<String, Boolean> routes = new LinkedHashMap<>();
                String how = null;
                String when = null;
                if (choice == ReferralChoice.REFER) {
                    for (String id : ask(dialogue.services())) {
                        DirectoryService service = directory.directory().service(id).orElseThrow();
                        routes.put(id, !service.involvesAuthorities() || ask(dialogue.authority(service)));
                    }
                    if (!routes.containsValue(Boolean.TRUE)) {
                        out.println("  ! " + dialogue.referNeedsRoute());
                        continue;
                    }
                    how = ask(dialogue.contactHow());
                    when = ask(dialogue.contactWhen());
                }
                try {
                    s.referral(r, new Referral(choice, routes, how, when));
                } catch (IllegalArgumentException e) {
                    out.println("  ! " + e.getMessage());
                }
            }
        }
    }

    private void directory(InterviewSession s) {
        out.println();
        out.println(dialogue.texts().text("directory.heading", "site", site, "version",
                String.valueOf(directory.directory().version())));
        for (DirectoryService svc : directory.services()) {
            directory.lines(svc, lang).forEach(l -> out.println("  " + l));
        }
    }
}
