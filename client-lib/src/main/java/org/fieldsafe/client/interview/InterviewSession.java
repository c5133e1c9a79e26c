package org.fieldsafe.client.interview;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.fieldsafe.client.interview.RespondentProgress.Stage;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormKind;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.ReferralDirectory;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.Urgency;

/**
 * One interview on the device: the consent form then the interview form, for one respondent or two (a joint
 * interview, same category). Questions come in form order; {@code relevant} skips, {@code constraint} and
 * {@code required} check, answers are parsed by type. The interview form opens for a respondent only once
 * their consent form is complete and passes {@link ConsentGate}. No I/O: {@link #draft()} gives the state to
 * store, {@link InterviewResult} the parts to seal.
 */
public final class InterviewSession {
    /** The session's settings: the clock behind {@code today()}, and what a stop keeps. */
    public record Options(Clock clock, StopPolicy onStop) {
        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(onStop, "onStop");
        }
    }

    private final Study study;
    private final FormDefinition consentForm;
    private final FormDefinition interviewForm;
    private final String language;
    /** The longest safe way or time of contact recorded for a referral. */
    static final int MAX_CONTACT_CHARS = 200;
    private final String site;
    private final Options options;
    private final Texts texts;
    private final List<RespondentProgress> respondents = new ArrayList<>();
    private final List<Disclosure> raisedByHand = new ArrayList<>();
    private final Set<String> fallbackTexts = new LinkedHashSet<>();
    private final SkipLogic skipLogic;
    private boolean stopped;
    private boolean discarded;
    private DraftAutosave autosave;
    /** The forms' SHA-256, named in every draft saved: computed once (canonical JSON of a whole form is not cheap). */
    private String consentSha256;
    private String interviewSha256;

    InterviewSession(Study study, FormDefinition consentForm, FormDefinition interviewForm, String language,
                     String site, int respondentCount, Options options) throws InterviewException {
        this.study = Objects.requireNonNull(study, "study");
        this.consentForm = Objects.requireNonNull(consentForm, "consentForm");
        this.interviewForm = Objects.requireNonNull(interviewForm, "interviewForm");
        this.language = Objects.requireNonNull(language, "language");
        this.site = Objects.requireNonNull(site, "site");
        this.options = Objects.requireNonNull(options, "options");
        this.skipLogic = new SkipLogic(options.clock());
        if (consentForm.kind() != FormKind.CONSENT || interviewForm.kind() != FormKind.INTERVIEW
                || !consentForm.id().equals(interviewForm.consentForm())) {
            throw new InterviewException(-1, null, "form '" + interviewForm.id() + "' is not an interview form preceded"
                    + " by consent form '" + consentForm.id() + "'");
        }
        if (study.site(site).isEmpty()) {
            throw new InterviewException(-1, null, "site " + site + " is not a site of study " + study.id());
        }
        if (!study.languages().containsKey(language)) {
            throw new InterviewException(-1, null, "language " + language + " is not a language of study " + study.id()
                    + " " + study.languages().keySet());
        }
        if (respondentCount < 1 || respondentCount > 2) {
            throw new InterviewException(-1, null, "an interview has one respondent, or two (joint interview)");
        }
        LanguageGate.check(study, language, consentForm, interviewForm);
        this.texts = new Texts(study, language);
        for (int i = 0; i < respondentCount; i++) {
            respondents.add(new RespondentProgress());
        }
    }

    /** A new session for {@code respondentCount} respondents (1, or 2 for a joint interview). */
    public static InterviewSession start(Study study, FormDefinition consentForm, FormDefinition interviewForm,
                                         String language, String site, int respondentCount, Options options)
            throws InterviewException {
        return new InterviewSession(study, consentForm, interviewForm, language, site, respondentCount, options);
    }

    /** A paused session restored; the forms must be the versions it was paused with. */
    public static InterviewSession resume(DraftState draft, Study study, FormDefinition consentForm,
                                          FormDefinition interviewForm, Options options) throws InterviewException {
        return DraftState.restore(draft, study, consentForm, interviewForm, options);
    }

    /**
     * The question waiting for respondent {@code r}, if any (none once their forms are done, refused or stopped).
     * A question shown with a master-language text is recorded in {@link #fallbackTexts()}.
     */
    public Optional<Prompt> current(int r) {
        RespondentProgress p = progress(r);
        if (stopped || p.stage == Stage.DONE || p.stage == Stage.REFUSED) {
            return Optional.empty();
        }
        boolean consent = p.stage == Stage.CONSENT;
        FormDefinition form = consent ? consentForm : interviewForm;
        for (Question q : form.questions()) {
            if (p.visitedOf(consent).contains(q.id()) || !shown(p, q, consent)) {
                continue;
            }
            Prompt prompt = texts.prompt(r, form, q);
            if (prompt.fellBack()) {
                fallbackTexts.add(q.id());
            }
            return Optional.of(prompt);
        }
        return Optional.empty();
    }

    /**
     * From now on, saves the draft (encrypted) after every step: each answer, skip, step back, disclosure and
     * referral is on disk as soon as it is taken. Saves once at once.
     */
    public void autosave(DraftAutosave autosave) {
        this.autosave = Objects.requireNonNull(autosave, "autosave");
        saved();
    }

    /**
     * Answers the waiting question of respondent {@code r}; a note is acknowledged with null. A command word
     * ({@link InterviewInput#isCommand}, e.g. {@code :help}) is refused: commands are never stored as answers.
     */
    public void answer(int r, Object raw) throws InterviewException {
        RespondentProgress p = progress(r);
        Question q = waiting(r);
        if (raw instanceof String text && InterviewInput.isCommand(text)) {
            throw new InterviewException(r, q.id(), "'" + text.strip() + "' is a command, not an answer; :help"
                    + " lists the commands");
        }
        boolean consent = p.stage == Stage.CONSENT;
        Map<String, Object> answers = p.answersOf(consent);
        if (q.type() == QuestionType.NOTE) {
            if (raw != null && !(raw instanceof String s && s.isBlank())) {
                throw new InterviewException(r, q.id(), "a note takes no answer");
            }
        } else {
            Object value = AnswerValues.parse(r, q, raw);
            if (value == null) {
                if (q.required()) {
                    throw new InterviewException(r, q.id(), InterviewException.Kind.REQUIRED, "an answer is required");
                }
                answers.remove(q.id());
            } else {
                checkConstraint(r, q, answers, value);
                IdentityChecks.check(this, r, q, consent, value);
                answers.put(q.id(), value);
            }
        }
        p.visitedOf(consent).add(q.id());
        advance(r);
        saved();
    }

    /**
     * Goes back to the question respondent {@code r} answered last (within their consent form and interview form),
     * to answer it again; its answer stays until then. The questions after it are asked again as the skip logic
     * decides on the new answers. An answer to a question that is no longer relevant stays in the draft (going back
     * again restores it) but counts for nothing: not for skip logic, consent, disclosures or the sealed result
     * ({@link #keptAnswers}).
     */
    public void back(int r) throws InterviewException {
        if (stopped) {
            throw new InterviewException(r, null, InterviewException.Kind.STEP, "the interview was stopped");
        }
        RespondentProgress p = progress(r);
        if (p.stage == Stage.DONE) {
            p.stage = Stage.INTERVIEW;
        } else if (p.stage == Stage.REFUSED) {
            p.stage = Stage.CONSENT;
            p.refusal = null;
        }
        if (p.stage == Stage.INTERVIEW && p.interviewVisited.isEmpty()) {
            p.stage = Stage.CONSENT;
        }
        boolean consent = p.stage == Stage.CONSENT;
        Set<String> visited = p.visitedOf(consent);
        if (visited.isEmpty()) {
            throw new InterviewException(r, null, InterviewException.Kind.STEP,
                    "this is the first question; there is nothing to go back to");
        }
        String last = null;
        for (String id : visited) {
            last = id;
        }
        visited.remove(last);
        saved();
    }

    /**
     * The answer already stored for the waiting question of respondent {@code r} (after a step back), as JSON
     * writes it; else empty. Plaintext: show it to the enumerator only.
     */
    public Optional<Object> given(int r) {
        RespondentProgress p = progress(r);
        return current(r).map(prompt -> p.answersOf(p.stage == Stage.CONSENT).get(prompt.questionId()))
                .map(AnswerValues::wire);
    }

    /**
     * The probes the interviewer ticked on the waiting question of respondent {@code r} (the topic's follow-up
     * prompts they asked): {@code probeIds} replaces what was ticked on it before, saved into the draft at once. They
     * stay in the draft only (a resumed draft shows them ticked); sealing keeps answers, not ticks.
     */
    public void tickProbes(int r, List<String> probeIds) throws InterviewException {
        RespondentProgress p = progress(r);
        Prompt waiting = current(r).orElseThrow(() -> new InterviewException(r, null, InterviewException.Kind.STEP,
                "no question is waiting"));
        Question q = waiting.question();
        Set<String> ticked = new LinkedHashSet<>();
        for (String id : probeIds) {
            if (q.probes().stream().noneMatch(probe -> probe.id().equals(id))) {
                throw new InterviewException(r, q.id(), InterviewException.Kind.INVALID,
                        "not a probe of question " + q.id());
            }
            ticked.add(id);
        }
        if (ticked.isEmpty()) {
            p.probesTicked.remove(q.id());
        } else {
            p.probesTicked.put(q.id(), ticked);
        }
        saved();
    }

    /** The probes ticked on question {@code questionId} of respondent {@code r}, in the order ticked. */
    public List<String> ticked(int r, String questionId) {
        return List.copyOf(progress(r).probesTicked.getOrDefault(questionId, Set.of()));
    }

    /** Skips the waiting question of respondent {@code r}; refused for a required question. */
    public void skip(int r) throws InterviewException {
        answer(r, null);
    }

    /** Whether respondent {@code r} passed consent and the interview form is open (or done) for them. */
    public boolean consented(int r) {
        return progress(r).consented();
    }

    /** Whether respondent {@code r} is a minor by their consent answers so far (guardian consent and assent needed). */
    public boolean minor(int r) {
        return ConsentGate.minor(study, keptConsent(r));
    }

    /** Why respondent {@code r} may not be interviewed, when their completed consent form says so; else empty. */
    public Optional<String> refusal(int r) {
        return Optional.ofNullable(progress(r).refusal);
    }

    /** True when every respondent is done or refused, and at least one is done. */
    public boolean finished() {
        return respondents.stream().allMatch(p -> p.stage == Stage.DONE || p.stage == Stage.REFUSED)
                && respondents.stream().anyMatch(p -> p.stage == Stage.DONE);
    }

    /** The respondent stops the interview: it ends now; the {@link StopPolicy} decides what is kept. */
    public void stop() {
        stopped = true;
        if (options.onStop() == StopPolicy.DISCARD_ALL) {
            discarded = true;
            respondents.forEach(RespondentProgress::clear);
            raisedByHand.clear();
            fallbackTexts.clear();
        }
        saved();
    }

    public boolean stopped() {
        return stopped;
    }

    /** True after a stop under {@link StopPolicy#DISCARD_ALL}: nothing is left to keep. */
    public boolean discarded() {
        return discarded;
    }

    /** Raised by the enumerator at any moment, for respondent {@code r}. */
    public void raiseDisclosure(int r, String category, Urgency urgency) throws InterviewException {
        progress(r);
        if (category == null || !category.matches("[a-z][a-z0-9_]*") || urgency == null) {
            throw new InterviewException(r, null, "a disclosure needs a category (a word such as current_risk)"
                    + " and an urgency (immediate, urgent, routine)");
        }
        String shown = current(r).map(Prompt::questionId).orElse(null);
        raisedByHand.add(new Disclosure(r, category, urgency, shown, false));
        saved();
    }

    /** Every disclosure: those the form's rules trigger on the current answers, then those raised by hand. */
    public List<Disclosure> disclosures() {
        List<Disclosure> all = new ArrayList<>();
        for (int r = 0; r < respondents.size(); r++) {
            for (boolean consent : new boolean[]{true, false}) {
                Map<String, Object> answers = consent ? keptConsent(r) : keptAnswers(r);
                for (Question q : (consent ? consentForm : interviewForm).questions()) {
                    if (q.disclosure() != null && answers.containsKey(q.id())
                            && test(q.disclosure().when(), answers, null)) {
                        all.add(new Disclosure(r, q.disclosure().category(), q.disclosure().urgency(), q.id(), true));
                    }
                }
            }
        }
        all.addAll(raisedByHand);
        return List.copyOf(all);
    }

    /**
     * The disclosures there are now that were not in {@code before} (an earlier {@link #disclosures()}): what a step
     * raised. Compared as lists, not by count: a rule that fires lists before the ones raised by hand.
     */
    public List<Disclosure> disclosuresSince(List<Disclosure> before) {
        List<Disclosure> earlier = new ArrayList<>(before);
        List<Disclosure> raised = new ArrayList<>();
        for (Disclosure d : disclosures()) {
            if (!earlier.remove(d)) {
                raised.add(d);
            }
        }
        return List.copyOf(raised);
    }

    /**
     * Records respondent {@code r}'s answer to the referral offer. Routes must be services of the site's referral
     * directory; only {@code refer} consents to any (and records a way and time of contact), and it needs at least
     * one. Nothing is consented by default:
     * a route absent from the map is a no (police and family included).
     *
     * @throws IllegalArgumentException naming the rule broken (never the contact details)
     */
    public void referral(int r, Referral referral) {
        Objects.requireNonNull(referral, "referral");
        progress(r);
        ReferralDirectory directory = study.site(site).map(Site::directory).orElse(null);
        for (String route : referral.routes().keySet()) {
            if (directory == null || directory.service(route).isEmpty()) {
                throw new IllegalArgumentException("route '" + route + "' is not a service of the referral directory"
                        + " of " + site);
            }
        }
        boolean anyYes = referral.routes().containsValue(Boolean.TRUE);
        if (referral.choice() != ReferralChoice.REFER && anyYes) {
            throw new IllegalArgumentException("only the choice refer consents to contact routes; "
                    + referral.choice().wire() + " consents to none");
        }
        if (referral.choice() == ReferralChoice.REFER && !anyYes) {
            throw new IllegalArgumentException("refer needs the respondent's yes to at least one service of the"
                    + " referral directory");
        }
        if (referral.choice() != ReferralChoice.REFER
                && (referral.contactHow() != null || referral.contactWhen() != null)) {
            throw new IllegalArgumentException("only the choice refer records a way and time of contact");
        }
        checkContact("how", referral.contactHow());
        checkContact("when", referral.contactWhen());
        progress(r).referral = referral;
        saved();
    }

    private static void checkContact(String which, String value) {
        if (value != null && (value.length() > MAX_CONTACT_CHARS || value.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("contact '" + which + "' must be one line of at most "
                    + MAX_CONTACT_CHARS + " characters");
        }
    }

    public Optional<Referral> referral(int r) {
        return Optional.ofNullable(progress(r).referral);
    }

    /** A form text in the interview language, else the master language (marked as a fallback), placeholders filled. */
    public LocalText text(Map<String, String> text) {
        return texts.local(text);
    }

    /** Ids of the questions shown with a text in the master language because the chosen one lacked it. */
    public Set<String> fallbackTexts() {
        return Collections.unmodifiableSet(fallbackTexts);
    }

    /**
     * What may be listed about this session's draft without the passphrase: form, site, language, progress. The
     * progress counts questions answered or acknowledged, of at most every question of both forms per respondent.
     */
    public DraftSummary summary(String draftId, java.time.Instant at) {
        int answered = 0;
        for (RespondentProgress p : respondents) {
            answered += p.consentVisited.size() + p.interviewVisited.size();
        }
        int total = (consentForm.questions().size() + interviewForm.questions().size()) * respondents.size();
        return new DraftSummary(draftId, interviewForm.id(), site, language, answered, total, at);
    }

    /** The state to keep while paused (store it encrypted: it holds answers). */
    public DraftState draft() {
        return DraftState.of(this);
    }

    public int respondentCount() {
        return respondents.size();
    }

    public Study study() {
        return study;
    }

    public FormDefinition consentForm() {
        return consentForm;
    }

    public FormDefinition interviewForm() {
        return interviewForm;
    }

    /** {@link FormDefinition#sha256()} of the consent form, computed at the first call only. */
    String consentSha256() {
        if (consentSha256 == null) {
            consentSha256 = consentForm.sha256();
        }
        return consentSha256;
    }

    /** {@link FormDefinition#sha256()} of the interview form, computed at the first call only. */
    String interviewSha256() {
        if (interviewSha256 == null) {
            interviewSha256 = interviewForm.sha256();
        }
        return interviewSha256;
    }

    public String language() {
        return language;
    }

    public String site() {
        return site;
    }

    Options options() {
        return options;
    }

    List<RespondentProgress> progress() {
        return respondents;
    }

    List<Disclosure> raisedByHand() {
        return raisedByHand;
    }

    void restore(boolean wasStopped, List<Disclosure> byHand, Set<String> fellBack) {
        stopped = wasStopped;
        raisedByHand.addAll(byHand);
        fallbackTexts.addAll(fellBack);
    }

    /** The consent answers of respondent {@code r} on questions relevant at the end. */
    Map<String, Object> keptConsent(int r) {
        return kept(progress(r).consent, consentForm);
    }

    /** The interview answers of respondent {@code r} on questions relevant at the end (plaintext: seal it). */
    public Map<String, Object> keptAnswers(int r) {
        return kept(progress(r).answers, interviewForm);
    }

    private void saved() {
        if (autosave != null) {
            autosave.save(this);
        }
    }

    private boolean shown(RespondentProgress p, Question q, boolean consent) {
        if (q.type() == QuestionType.AUDIO && !ConsentGate.recording(p.consent)) {
            return false;
        }
        return q.relevant() == null
                || test(q.relevant(), kept(p.answersOf(consent), consent ? consentForm : interviewForm), null);
    }

    private void advance(int r) {
        RespondentProgress p = progress(r);
        if (current(r).isPresent()) {
            return;
        }
        if (p.stage == Stage.CONSENT) {
            p.refusal = ConsentGate.refusal(study, keptConsent(r));
            p.stage = p.refusal == null ? Stage.INTERVIEW : Stage.REFUSED;
            if (p.stage == Stage.INTERVIEW) {
                advance(r);
            }
        } else if (p.stage == Stage.INTERVIEW) {
            p.stage = Stage.DONE;
        }
    }

    private Question waiting(int r) throws InterviewException {
        if (stopped) {
            throw new InterviewException(r, null, InterviewException.Kind.STEP, "the interview was stopped");
        }
        RespondentProgress p = progress(r);
        return current(r).map(Prompt::question).orElseThrow(() -> new InterviewException(r, null,
                InterviewException.Kind.STEP,
                p.stage == Stage.REFUSED ? "cannot be interviewed: " + p.refusal : "no question is waiting"));
    }

    private void checkConstraint(int r, Question q, Map<String, Object> answers, Object value)
            throws InterviewException {
        Map<String, Object> withValue = new java.util.LinkedHashMap<>(answers);
        withValue.put(q.id(), value);
        if (q.constraint() != null && !test(q.constraint(), withValue, value)) {
            String message = texts.constraintMessage(q);
            throw new InterviewException(r, q.id(), InterviewException.Kind.CONSTRAINT,
                    message != null ? message : "the answer does not meet the constraint");
        }
    }

    private boolean test(String source, Map<String, Object> answers, Object self) {
        return skipLogic.test(source, answers, self);
    }

    private Map<String, Object> kept(Map<String, Object> answers, FormDefinition form) {
        return skipLogic.kept(answers, form);
    }

    RespondentProgress progress(int r) {
        if (r < 0 || r >= respondents.size()) {
            throw new IndexOutOfBoundsException("no respondent " + r);
        }
        return respondents.get(r);
    }
}
