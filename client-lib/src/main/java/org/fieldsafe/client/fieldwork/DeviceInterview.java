package org.fieldsafe.client.fieldwork;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.fieldwork.StepResult.Kind;
import org.fieldsafe.client.fieldwork.StepResult.Problem;
import org.fieldsafe.client.interview.ConsentGate;
import org.fieldsafe.client.interview.Disclosure;
import org.fieldsafe.client.interview.DisclosureDialogue;
import org.fieldsafe.client.interview.DraftAutosave;
import org.fieldsafe.client.interview.InterviewException;
import org.fieldsafe.client.interview.InterviewSession;
import org.fieldsafe.client.interview.LocalText;
import org.fieldsafe.client.interview.Prompt;
import org.fieldsafe.client.interview.Referral;
import org.fieldsafe.client.interview.ReferralChoice;
import org.fieldsafe.client.interview.SiteDirectory;
import org.fieldsafe.core.forms.DirectoryService;
import org.fieldsafe.core.forms.Urgency;

/**
 * One interview on this device, driven step by step without a prompt loop (the field app), or by the command line's
 * prompt loop over {@link #engine()}: the screen now as data, an answer, go on, go back (skip logic re-evaluated),
 * a disclosure at any moment, the referral, stop, the redaction review, seal. Every step is saved at once into the
 * encrypted draft; a refused step saves nothing and says why as data. Close it to forget the draft key (pause).
 */
public final class DeviceInterview implements AutoCloseable {
    private final Interviews interviews;
    private final InterviewDevice device;
    private final InterviewSession session;
    private final String draftId;
    private final DraftAutosave autosave;
    private final String category;
    private final DisclosureDialogue dialogue;
    private final SiteDirectory directory;
    private final DisclosureFlows flows;
    private final Set<String> undone = new LinkedHashSet<>();
    private final LiveRecordings recordings;
    private SealedInterview sealed;
    private boolean closed;

    DeviceInterview(Interviews interviews, InterviewDevice device, InterviewSession session, String draftId,
                    DraftAutosave autosave, String category, Clock clock) {
        this.interviews = interviews;
        this.device = device;
        this.session = session;
        this.draftId = draftId;
        this.autosave = autosave;
        this.category = category;
        this.directory = SiteDirectory.of(session.study(), session.site(), LocalDate.now(clock),
                SiteDirectory.DEFAULT_MAX_AGE_DAYS).orElseThrow(() -> new IllegalStateException(
                        "no referral directory of " + session.site()));
        this.dialogue = new DisclosureDialogue(session, directory);
        this.flows = new DisclosureFlows(dialogue, directory, session.language());
        this.recordings = interviews.recordings(draftId);
    }

    /** The recorder the field app streams this interview's recording through. */
    public Recorder recorder() {
        return new Recorder(this, recordings);
    }

    /** The encrypted draft every step is saved into; null in a build without draft encryption. */
    public String draftId() {
        return draftId;
    }

    /** The engine under this interview, for the command line's prompt loop. */
    public InterviewSession engine() {
        return session;
    }

    /** The disclosure flow's fields one by one, for the command line. */
    public DisclosureDialogue dialogue() {
        return dialogue;
    }

    /** The site's referral directory as this interview shows it. */
    public SiteDirectory siteDirectory() {
        return directory;
    }

    /** What to tell the enumerator before the first question: unconfirmed or stale emergency entries, languages. */
    public Interviews.StartWarnings warnings() {
        return interviews.warnings(device, session.site(), session.language());
    }

    /** The site's referral directory as data: emergency entries first, names in the interview language. */
    public List<DisclosureFlow.Service> directory() {
        return flows.services(directory.services());
    }

    /** The fields of a disclosure raised by hand (category, urgency), with their values in the interview language. */
    public List<DisclosureFlow.Field> raiseFields() {
        return flows.raiseFields();
    }

    /** The screen now. */
    public Screen screen() {
        int n = session.respondentCount();
        Screen.Progress progress = progress();
        if (sealed != null) {
            return new Screen(Screen.Step.SEALED, -1, n, false, null, null, progress, List.of(), draftId);
        }
        if (!session.stopped()) {
            for (int r = 0; r < n; r++) {
                Optional<Prompt> p = session.current(r);
                if (p.isPresent()) {
                    return new Screen(Screen.Step.QUESTION, r, n, session.minor(r),
                            QuestionScreens.of(session, r, p.get(), category), null, progress, refusals(), draftId);
                }
            }
            if (!session.finished()) {
                return new Screen(Screen.Step.NOBODY, -1, n, false, null, null, progress, refusals(), draftId);
            }
        } else if (!kept()) {
            return new Screen(Screen.Step.STOPPED, -1, n, false, null, null, progress, refusals(), draftId);
        }
        Optional<Disclosure> waiting = waitingReferral();
        if (waiting.isPresent()) {
            Disclosure d = waiting.get();
            return new Screen(Screen.Step.REFERRAL, d.respondent(), n, session.minor(d.respondent()), null,
                    flows.flow(d), progress, refusals(), draftId);
        }
        return new Screen(Screen.Step.REVIEW, -1, n, false, null, null, progress, refusals(), draftId);
    }

    /** Answers the question waiting (its id, to catch a stale page) with a value as JSON gives it. */
    public StepResult answer(String questionId, Object value) {
        if (sealed != null || closed) {
            return over();
        }
        Screen now = screen();
        if (now.step() != Screen.Step.QUESTION) {
            return refused(step(questionId, "no question is waiting"));
        }
        String waiting = now.question().id();
        if (!waiting.equals(questionId)) {
            return refused(step(questionId, "question " + questionId + " is not the one waiting (" + waiting + ")"));
        }
        if (category != null && ConsentGate.CATEGORY.equals(waiting) && value instanceof String given
                && !given.isBlank() && !given.strip().equals(category)) {
            return refused(new Problem(waiting, Kind.INVALID, "the respondent category chosen at the start is "
                    + category, "en"));
        }
        List<Disclosure> before = session.disclosures();
        try {
            session.answer(now.respondent(), value);
        } catch (InterviewException e) {
            return refused(problem(waiting, e));
        }
        return done(before);
    }

    /**
     * The probes ticked on the question waiting ({@code questionId}, to catch a stale page): the whole set, replacing
     * the ticks before; saved into the encrypted draft at once, so a resumed draft shows them ticked.
     */
    public StepResult probes(String questionId, List<String> ticked) {
        if (sealed != null || closed) {
            return over();
        }
        Screen now = screen();
        if (now.step() != Screen.Step.QUESTION || !now.question().id().equals(questionId)) {
            return refused(step(questionId, "question " + questionId + " is not the one waiting"));
        }
        try {
            session.tickProbes(now.respondent(), ticked == null ? List.of() : ticked);
        } catch (InterviewException e) {
            return refused(problem(questionId, e));
        }
        return done(session.disclosures());
    }

    /** Goes on from the question waiting without an answer: a note read out, or a question that is not required. */
    public StepResult next() {
        if (sealed != null || closed) {
            return over();
        }
        Screen now = screen();
        if (now.step() != Screen.Step.QUESTION) {
            return refused(step(null, "no question is waiting"));
        }
        return answer(now.question().id(), null);
    }

    /**
     * Back to the question answered last, to answer it again (its answer is kept until then); the questions after it
     * follow the skip logic on the new answers. From a joint interview's second respondent's first question, back
     * to the first respondent's last.
     */
    public StepResult back() {
        if (sealed != null || closed) {
            return over();
        }
        Screen now = screen();
        int r = now.step() == Screen.Step.QUESTION ? now.respondent() : session.respondentCount() - 1;
        try {
            try {
                session.back(r);
            } catch (InterviewException e) {
                if (r == 0 || session.stopped()) {
                    throw e;
                }
                session.back(r - 1);
            }
        } catch (InterviewException e) {
            return refused(problem(null, e));
        }
        return done(session.disclosures());
    }

    /** The respondent stops the interview (their right, at any moment); the study's stop policy decides what stays. */
    public StepResult stop() {
        if (sealed != null || closed) {
            return over();
        }
        session.stop();
        recordings.shred();
        return done(session.disclosures());
    }

    /** A disclosure raised by hand at any moment, for the respondent on screen (the first when none is). */
    public StepResult raiseDisclosure(String categoryId, String urgencyId) {
        if (sealed != null || closed) {
            return over();
        }
        Screen now = screen();
        if (now.step() == Screen.Step.SEALED || session.stopped()) {
            return refused(step(null, "the interview is over"));
        }
        List<Problem> problems = new ArrayList<>();
        String chosen = parse("category", categoryId, dialogue.category(), problems);
        Urgency urgency = parse("urgency", urgencyId, dialogue.urgency(), problems);
        if (!problems.isEmpty()) {
            return new StepResult(false, List.copyOf(problems), List.of(), now);
        }
        List<Disclosure> before = session.disclosures();
        try {
            session.raiseDisclosure(Math.max(now.respondent(), 0), chosen, urgency);
        } catch (InterviewException e) {
            return refused(problem(null, e));
        }
        return done(before);
    }

    /**
     * The respondent's answer to the referral offer, for the disclosure on the {@link Screen.Step#REFERRAL} screen:
     * the choice, the routes they agree to (none by default), those of them involving authorities that they gave
     * their own explicit yes to (others are recorded as no), and a safe way and time of contact.
     */
    public StepResult referral(ReferralAnswer answer) {
        if (sealed != null || closed) {
            return over();
        }
        Screen now = screen();
        if (now.step() != Screen.Step.REFERRAL) {
            return refused(step("choice", "no referral choice is waiting"));
        }
        Disclosure d = waitingReferral().orElseThrow();
        List<Problem> problems = new ArrayList<>();
        ReferralChoice choice = parse("choice", answer.choice(), dialogue.choice(d), problems);
        Map<String, Boolean> routes = new LinkedHashMap<>();
        String how = null;
        String when = null;
        if (choice == ReferralChoice.REFER) {
            List<String> ids = parse("routes", String.join(",", answer.routes()), dialogue.services(), problems);
            for (String id : ids == null ? List.<String>of() : ids) {
                DirectoryService service = directory.directory().service(id).orElseThrow();
                routes.put(id, !service.involvesAuthorities() || answer.authoritiesYes().contains(id));
            }
            if (ids != null && !routes.containsValue(Boolean.TRUE)) {
                problems.add(new Problem("routes", Kind.INVALID, dialogue.referNeedsRoute(), textLang()));
            }
            how = parse("contactHow", blank(answer.contactHow()), dialogue.contactHow(), problems);
            when = parse("contactWhen", blank(answer.contactWhen()), dialogue.contactWhen(), problems);
        } else if (choice != null && (!answer.routes().isEmpty() || answer.contactHow() != null
                || answer.contactWhen() != null)) {
            problems.add(new Problem("routes", Kind.INVALID, "only the choice refer consents to contact routes and"
                    + " records a way and time of contact", "en"));
        }
        if (!problems.isEmpty()) {
            return new StepResult(false, List.copyOf(problems), List.of(), now);
        }
        try {
            session.referral(d.respondent(), new Referral(choice, routes, how, when));
        } catch (IllegalArgumentException e) {
            return refused(new Problem("routes", Kind.INVALID, e.getMessage(), "en"));
        }
        return done(session.disclosures());
    }

    /** What sealing will redact, each replacement confirmed unless the enumerator undid it. */
    public RedactionReview review() {
        return RedactionReviews.of(session, undone);
    }

    /**
     * Undoes a replacement of the review ({@code undo} true: the text stays as written), or confirms it again.
     *
     * @throws ClientException ({@link Reason#USAGE}) for an id the review does not list
     */
    public RedactionReview redaction(String replacementId, boolean undo) throws ClientException {
        boolean listed = review().replacements().stream().anyMatch(r -> r.id().equals(replacementId));
        if (!listed) {
            throw new ClientException(Reason.USAGE, "no replacement " + replacementId + " in the redaction review");
        }
        if (undo) {
            undone.add(replacementId);
        } else {
            undone.remove(replacementId);
        }
        return review();
    }

    /**
     * Seals the interview into the outbox (after the review; or, stopped, keeps what the stop policy keeps) and
     * deletes its draft. Refused while a question or a referral choice waits.
     */
    public SealedInterview seal() throws ClientException {
        Screen.Step step = screen().step();
        if (step == Screen.Step.SEALED) {
            return sealed;
        }
        if (step != Screen.Step.REVIEW && step != Screen.Step.STOPPED) {
            throw new ClientException(Reason.USAGE, "the interview cannot be sealed yet: "
                    + (step == Screen.Step.NOBODY ? "nobody can be interviewed" : "a " + step.name().toLowerCase(
                            java.util.Locale.ROOT) + " step is waiting"));
        }
        sealed = interviews.seal(device, session, draftId, Set.copyOf(undone), recordings);
        close();
        return sealed;
    }

    /** Nobody could be interviewed: the draft is deleted, nothing is kept. */
    public void discard() throws ClientException {
        interviews.discardDraft(draftId);
        recordings.shred();
        close();
    }

    /** Forgets the draft key; the draft stays, encrypted, to resume. No step is taken after (sealing still is). */
    @Override
    public void close() {
        closed = true;
        if (sealed == null) {
            recordings.drop();
        }
        if (autosave != null) {
            autosave.close();
        }
    }

    private boolean kept() {
        if (session.discarded()) {
            return false;
        }
        for (int r = 0; r < session.respondentCount(); r++) {
            if (session.consented(r)) {
                return true;
            }
        }
        return false;
    }

    private Optional<Disclosure> waitingReferral() {
        return session.disclosures().stream().filter(d -> session.referral(d.respondent()).isEmpty()).findFirst();
    }

    private Screen.Progress progress() {
        var summary = session.summary(draftId, java.time.Instant.EPOCH);
        return new Screen.Progress(summary.answered(), summary.total());
    }

    private List<String> refusals() {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < session.respondentCount(); r++) {
            int n = r + 1;
            session.refusal(r).ifPresent(why -> out.add("respondent " + n + ": " + why));
        }
        return List.copyOf(out);
    }

    /** The engine's refusal as data; required and constraint messages in the interview language. */
    private Problem problem(String field, InterviewException e) {
        String on = e.questionId() != null ? e.questionId() : field;
        return switch (e.kind()) {
            case REQUIRED -> new Problem(on, Kind.REQUIRED, dialogue.texts().text("error.required"), textLang());
            case CONSTRAINT -> {
                LocalText message = session.interviewForm().question(on).or(() -> session.consentForm().question(on))
                        .map(q -> session.text(q.constraintMessage())).orElse(null);
                yield message == null ? new Problem(on, Kind.CONSTRAINT, e.problem(), "en")
                        : new Problem(on, Kind.CONSTRAINT, message.text(), message.lang());
            }
            case INVALID -> new Problem(on, Kind.INVALID, e.problem(), "en");
            case STEP -> new Problem(on, Kind.STEP, e.problem(), "en");
        };
    }

    /** The language of the flow's texts: the interview's, unless its file lacks them (shown in English, marked). */
    private String textLang() {
        return "missing".equals(dialogue.texts().state()) ? "en" : session.language();
    }

    private static Problem step(String field, String message) {
        return new Problem(field, Kind.STEP, message, "en");
    }

    /**
     * A field of the disclosure flow parsed as the command line parses it. A field with values to choose from has no
     * default here (a view shows choices, nothing preselected): an empty one is refused, except the routes (none).
     */
    private <T> T parse(String field, String value, DisclosureDialogue.Field<T> parser, List<Problem> problems) {
        boolean choose = !parser.options().isEmpty() && !"routes".equals(field);
        if (choose && (value == null || value.isBlank())) {
            problems.add(new Problem(field, Kind.REQUIRED, dialogue.texts().text("error.not_listed"), textLang()));
            return null;
        }
        try {
            return parser.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(field, Kind.INVALID, e.getMessage(), textLang()));
            return null;
        }
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }

    /** No step after sealing, or once closed (paused). */
    private StepResult over() {
        return refused(step(null, sealed != null ? "the interview is sealed already"
                : "the interview is paused; resume its draft to go on"));
    }

    private StepResult refused(Problem problem) {
        return new StepResult(false, List.of(problem), List.of(), screen());
    }

    /** The step was taken: the disclosures it raised (those not there {@code before}), and the screen now. */
    private StepResult done(List<Disclosure> before) {
        List<DisclosureFlow.Raised> raised = session.disclosuresSince(before).stream().map(flows::raised).toList();
        return new StepResult(true, List.of(), raised, screen());
    }
}
