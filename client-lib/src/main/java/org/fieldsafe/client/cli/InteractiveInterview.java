package org.fieldsafe.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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
                } else if (line.equals(":disclose")) {
                    disclose(s, r);
                } else {
                    step(s, r, p.get(), line.equals(":skip") ? null : line);
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

    private void referrals(InterviewSession s) throws IOException {
        if (!s.disclosures().isEmpty()) {
            directory(s);
        }
        for (Disclosure d : s.disclosures()) {
            int r = d.respondent();
            while (s.referral(r).isEmpty()) {
                out.print("respondent " + (r + 1) + " disclosed (" + d.category() + ", " + d.urgency()
                        + "): referral choice (refer, information_only, decline): ");
                out.flush();
                try {
                    ReferralChoice choice = ReferralChoice.of(orDefault(in.readLine(), ""));
                    List<String> routes = List.of();
                    if (choice == ReferralChoice.REFER) {
                        out.print("services the respondent agrees to be referred to (ids, comma separated): ");
                        out.flush();
                        routes = Arrays.stream(orDefault(in.readLine(), "").split("[,\\s]+"))
                                .filter(x -> !x.isBlank()).toList();
                    }
                    s.referral(r, new Referral(choice, routes.stream().collect(
                            java.util.stream.Collectors.toMap(x -> x, x -> true)), null, null));
                } catch (IllegalArgumentException e) {
                    out.println("  ! " + e.getMessage());
                }
            }
        }
    }

    private void directory(InterviewSession s) {
        out.println();
        out.println("referral directory of " + site + " (police and family are never contacted without consent):");
        for (DirectoryService svc : s.study().site(site).orElseThrow().directory().services()) {
            String name = svc.name().getOrDefault(lang, svc.name().get(s.study().masterLanguage()));
            out.println("  " + svc.id() + ": " + name + " (" + svc.kind() + ")"
                    + (svc.phone() != null ? ", " + svc.phone() : "") + (svc.hours() != null ? ", " + svc.hours() : "")
                    + (svc.involvesAuthorities() ? ", involves authorities" : "")
                    + (svc.emergency() ? ", emergency" : "") + (svc.confirmedOn() == null ? ", unconfirmed" : ""));
        }
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
