package org.fieldsafe.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.interview.Disclosure;
import org.fieldsafe.client.interview.DraftCipher;
import org.fieldsafe.client.interview.DraftState;
import org.fieldsafe.client.interview.InterviewException;
import org.fieldsafe.client.interview.InterviewSession;
import org.fieldsafe.client.interview.Prompt;
import org.fieldsafe.client.interview.Referral;
import org.fieldsafe.client.interview.ReferralChoice;
import org.fieldsafe.client.interview.SiteDirectory;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.Drafts;
import org.fieldsafe.core.forms.DirectoryService;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Urgency;

/** The terminal dialogue of {@code client interview}: one prompt per question, commands at any prompt. */
final class InteractiveInterview {
    interface Passphrase {
        char[] get() throws ClientException;
    }

    private final DeviceStore store;
    private final InterviewDevice device;
    private final InterviewSession.Options options;
    private final BufferedReader in;
    private final PrintWriter out;
    private final Passphrase passphrase;
    private final Clock clock;
    private final String site;
    private final String lang;

    InteractiveInterview(DeviceStore store, InterviewDevice device, String site, String lang,
                         InterviewSession.Options options, BufferedReader in, PrintWriter out, Passphrase passphrase,
                         Clock clock) {
        this.site = site;
        this.lang = lang;
        this.store = store;
        this.device = device;
        this.options = options;
        this.in = in;
        this.out = out;
        this.passphrase = passphrase;
        this.clock = clock;
    }

    /** The session once finished or stopped; null when paused or when nobody can be interviewed. */
    InterviewSession run(String draftId, int respondents) throws Exception {
        InterviewSession s = draftId == null
                ? InterviewSession.start(device.study(), device.consent(), device.interview(),
                        lang, site, respondents, options)
                : resume(draftId);
        for (int r = 0; r < s.respondentCount(); r++) {
            for (Optional<Prompt> p = s.current(r); p.isPresent() && !s.stopped(); p = s.current(r)) {
                show(p.get());
                String line = in.readLine();
                if (line == null) {
                    throw new ClientException(Reason.USAGE,
                            "the input ended before the interview did; nothing was kept");
                }
                line = line.strip();
                if (line.equals(":pause")) {
                    if (pause(s, draftId)) {
                        return null;
                    }
                } else if (line.equals(":stop")) {
                    s.stop();
                } else if (line.equals(":directory")) {
                    directory(s);
                } else if (line.equals(":disclose")) {
                    int before = s.disclosures().size();
                    disclose(s, r);
                    announce(s, before);
                } else {
                    int before = s.disclosures().size();
                    step(s, r, p.get(), line.equals(":skip") ? null : line);
                    announce(s, before);
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
            out.println("nobody can be interviewed; nothing was kept");
            out.flush();
            return null;
        }
        referrals(s);
        return s;
    }

    private void step(InterviewSession s, int r, Prompt p, String value) {
        try {
            s.answer(r, p.question().type() == QuestionType.NOTE ? null : value);
        } catch (InterviewException e) {
            out.println("  ! " + e.getMessage());
        }
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

    private void disclose(InterviewSession s, int r) throws IOException {
        out.print("disclosure category [current_risk]: ");
        out.flush();
        String category = orDefault(in.readLine(), "current_risk");
        out.print("urgency (immediate, urgent, routine) [urgent]: ");
        out.flush();
        try {
            s.raiseDisclosure(r, category, Urgency.of(orDefault(in.readLine(), "urgent")));
            out.println("  disclosure recorded; the referral choice is asked at the end");
        } catch (IllegalArgumentException | InterviewException e) {
            out.println("  ! " + e.getMessage());
        }
    }

    /**
     * Right after a disclosure (a form rule triggered by the last answer, or raised by hand): for {@code immediate}
     * urgency the site's emergency entries at once, and the choice to pause or end for distress.
     */
    private void announce(InterviewSession s, int before) {
        List<Disclosure> all = s.disclosures();
        for (Disclosure d : all.subList(Math.min(before, all.size()), all.size())) {
            out.println();
            out.println("DISCLOSURE (" + d.category() + ", " + d.urgency() + ", "
                    + (d.byRule() ? "from the answer to " + d.questionId() : "raised by the enumerator")
                    + "): the referral offer follows at the end of the interview");
            if (d.urgency() == Urgency.IMMEDIATE) {
                SiteDirectory directory = siteDirectory(s);
                out.println("IMMEDIATE: emergency entries of " + site + " (police only with the respondent's"
                        + " explicit yes):");
                if (directory.emergencies().isEmpty()) {
                    out.println("  (the directory of " + site + " has no emergency entry: call the field supervisor)");
                }
                directory.emergencies().forEach(e -> directory.lines(e, lang).forEach(l -> out.println("  " + l)));
            }
            out.println("if the respondent is distressed: :pause for a break (the draft is kept encrypted) or :stop"
                    + " to end the interview");
        }
    }

    private void referrals(InterviewSession s) throws IOException, ClientException {
        if (!s.disclosures().isEmpty()) {
            script(s);
            directory(s);
        }
        for (Disclosure d : s.disclosures()) {
            int r = d.respondent();
            while (s.referral(r).isEmpty()) {
                out.print("respondent " + (r + 1) + " disclosed (" + d.category() + ", " + d.urgency()
                        + "): referral choice (refer, information_only, decline): ");
                out.flush();
                String answer = in.readLine();
                if (answer == null) {
                    throw new ClientException(Reason.USAGE, "the input ended before the referral choice was"
                            + " recorded; nothing was kept");
                }
                try {
                    ReferralChoice choice = ReferralChoice.of(answer.strip());
                    Map<String, Boolean> routes = new LinkedHashMap<>();
                    String how = null;
                    String when = null;
                    if (choice == ReferralChoice.REFER) {
                        routes = routes(s);
                        if (!routes.containsValue(Boolean.TRUE)) {
                            throw new IllegalArgumentException("refer needs the respondent's yes to at least one"
                                    + " service of the referral directory");
                        }
                        how = ask("a safe way to contact the respondent (e.g. own phone, at the service; never"
                                + " through family unless the respondent asks) [none]: ");
                        when = ask("a safe time to contact the respondent [none]: ");
                    }
                    s.referral(r, new Referral(choice, routes, how, when));
                } catch (IllegalArgumentException e) {
                    out.println("  ! " + e.getMessage());
                }
            }
        }
    }

    /**
     * The services the respondent agrees to, by id; none is preselected. A service that involves the police or
     * other authorities is kept only after its own explicit yes.
     */
    private Map<String, Boolean> routes(InterviewSession s) throws IOException {
        out.print("services the respondent agrees to be referred to (ids, comma separated; none is preselected): ");
        out.flush();
        SiteDirectory directory = siteDirectory(s);
        Map<String, Boolean> routes = new LinkedHashMap<>();
        for (String id : orDefault(in.readLine(), "").split("[,\\s]+")) {
            if (id.isBlank()) {
                continue;
            }
            Optional<DirectoryService> service = directory.directory().service(id);
            if (service.isPresent() && service.get().involvesAuthorities()) {
                String answer = ask(id + " (" + directory.name(service.get(), lang) + ") involves the police or other"
                        + " authorities: does the respondent explicitly agree to be referred there? (yes/no) [no]: ");
                routes.put(id, "yes".equalsIgnoreCase(answer));
            } else {
                routes.put(id, true);
            }
        }
        return routes;
    }

    private String ask(String question) throws IOException {
        out.print(question);
        out.flush();
        String line = in.readLine();
        return line == null || line.isBlank() ? null : line.strip();
    }

    private void script(InterviewSession s) {
        Map<String, String> script = s.study().referralScript();
        if (script == null || script.isEmpty()) {
            return;
        }
        out.println();
        String own = script.get(lang);
        String master = s.study().masterLanguage();
        out.println("read out: " + (own != null ? own : "[" + master + "] " + script.get(master)));
    }

    private void directory(InterviewSession s) {
        SiteDirectory directory = siteDirectory(s);
        out.println();
        out.println("referral directory of " + site + ", version " + directory.directory().version()
                + " (police and family are never contacted without consent):");
        for (DirectoryService svc : directory.services()) {
            directory.lines(svc, lang).forEach(l -> out.println("  " + l));
        }
    }

    private SiteDirectory siteDirectory(InterviewSession s) {
        return SiteDirectory.of(s.study(), site, LocalDate.now(clock), SiteDirectory.DEFAULT_MAX_AGE_DAYS)
                .orElseThrow(() -> new IllegalStateException("no referral directory of " + site));
    }

    private boolean pause(InterviewSession s, String draftId) throws Exception {
        DraftCipher cipher = InterviewCrypto.drafts;
        if (cipher == null) {
            out.println("  ! pausing is not available in this build (no draft encryption); go on, or :stop");
            return false;
        }
        String id = draftId != null ? draftId : UUID.randomUUID().toString();
        char[] pass = passphrase.get();
        try {
            store.drafts().save(id, device.interview().id(), site, cipher.encrypt(s.draft().toJson(), pass),
                    Instant.now(clock));
        } finally {
            Arrays.fill(pass, '\0');
        }
        out.println("paused: draft " + id + " (encrypted); resume with --resume " + id);
        out.flush();
        return true;
    }

    private InterviewSession resume(String draftId) throws Exception {
        DraftCipher cipher = InterviewCrypto.drafts;
        if (cipher == null) {
            throw new ClientException(Reason.USAGE, "drafts cannot be opened in this build (no draft encryption)");
        }
        Drafts.Draft draft = store.drafts().get(draftId)
                .orElseThrow(() -> new ClientException(Reason.USAGE, "no draft " + draftId + " on this device"));
        char[] pass = passphrase.get();
        byte[] plain;
        try {
            plain = cipher.decrypt(draft.ciphertext(), pass);
        } catch (Exception e) {
            throw new ClientException(Reason.USAGE, "cannot open draft " + draftId + ": wrong passphrase or damaged");
        } finally {
            Arrays.fill(pass, '\0');
        }
        DraftState state = DraftState.fromJson(plain);
        if (!state.site().equals(site) || !state.language().equals(lang)) {
            throw new ClientException(Reason.USAGE, "draft " + draftId + " was made for site " + state.site()
                    + " in " + state.language() + "; resume it with those --site and --lang");
        }
        return InterviewSession.resume(state, device.study(), device.consent(), device.interview(), options);
    }

    private static String orDefault(String line, String dflt) {
        return line == null || line.isBlank() ? dflt : line.strip();
    }
}
