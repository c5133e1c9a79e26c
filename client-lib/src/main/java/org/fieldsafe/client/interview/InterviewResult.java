package org.fieldsafe.client.interview;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Sensitivity;
import org.fieldsafe.core.redact.Redactor;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionHeader.FormRef;
import org.fieldsafe.core.wire.SubmissionHeader.RespondentAssertion;
import org.fieldsafe.core.wire.SubmissionHeader.Triage;
import org.fieldsafe.core.wire.SubmissionIds;

/**
 * A finished (or stopped, kept) interview as the plaintext parts to seal and their header (docs/sealing.md):
 * {@code research} (answers minus direct identifiers, free text redacted), {@code identity} (direct
 * identifiers, only when answered) and {@code referral} (only with a disclosure). Respondents who did not pass
 * consent are left out.
 */
public final class InterviewResult {
    /** Who and what the header names besides the session: device, enumerator, stored form versions, time. */
    public record Context(String deviceId, String enumerator, FormRef consentForm, FormRef interviewForm,
                          CodeHasher hasher, Clock clock) {
        public Context {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(consentForm, "consentForm");
            Objects.requireNonNull(interviewForm, "interviewForm");
            Objects.requireNonNull(hasher, "hasher");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** An audio answer in the research part: {@code attachment:<name>}, the sealed attachment's name. */
    public static final String ATTACHMENT_PREFIX = "attachment:";

    /** The attachment name of respondent {@code r}'s recording for {@code questionId}. */
    public static String attachmentName(int r, String questionId) {
        return r == 0 ? questionId : questionId + "_r" + (r + 1);
    }

    static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final SubmissionHeader header;
    private final Map<String, byte[]> parts;
    private final List<RedactionReport> redactions;

    private InterviewResult(SubmissionHeader header, Map<String, byte[]> parts, List<RedactionReport> redactions) {
        this.header = header;
        this.parts = parts;
        this.redactions = redactions;
    }

    public SubmissionHeader header() {
        return header;
    }

    /** Part name to plaintext JSON, sorted by name. Plaintext: seal it, never store it. */
    public Map<String, byte[]> parts() {
        return parts;
    }

    public List<RedactionReport> redactions() {
        return redactions;
    }

    /** Seals the parts; the header is the one of this result. */
    public Envelope seal(EnvelopeSealer sealer) throws Exception {
        return sealer.seal(header, parts);
    }

    /** A free-text answer that is redacted before sealing: whose, where, and its text (plaintext). */
    public record FreeText(int respondent, String form, String question, String text) {
        /** The id of this answer's replacement number {@code index}, as {@link #build} takes the undone ones. */
        public String replacementId(int index) {
            return respondent + "/" + form + "/" + question + "/" + index;
        }
    }

    public static InterviewResult build(InterviewSession s, Context ctx) throws InterviewException {
        return build(s, ctx, Set.of());
    }

    /**
     * The redactor for this session's sealed result: it replaces the direct-identifier answers of every
     * respondent who consented, and any phone number or e-mail address.
     */
    public static Redactor redactor(InterviewSession s) {
        List<String> identifiers = new ArrayList<>();
        for (int r : included(s)) {
            identifiers.addAll(directIdentifiers(s.consentForm(), s.keptConsent(r)).values().stream()
                    .map(String::valueOf).toList());
            identifiers.addAll(directIdentifiers(s.interviewForm(), s.keptAnswers(r)).values().stream()
                    .map(String::valueOf).toList());
        }
        return new Redactor(identifiers);
    }

    /** The free-text answers the research part holds redacted, of every respondent who consented. */
    public static List<FreeText> freeTexts(InterviewSession s) {
        List<FreeText> out = new ArrayList<>();
        for (int r : included(s)) {
            for (boolean consent : new boolean[] {true, false}) {
                FormDefinition form = consent ? s.consentForm() : s.interviewForm();
                Map<String, Object> answers = consent ? s.keptConsent(r) : s.keptAnswers(r);
                for (Map.Entry<String, Object> e : answers.entrySet()) {
                    Question q = form.question(e.getKey()).orElseThrow();
                    if (redacted(q) && e.getValue() instanceof String text) {
                        out.add(new FreeText(r, form.id(), q.id(), text));
                    }
                }
            }
        }
        return out;
    }

    private static boolean redacted(Question q) {
        return (q.type() == QuestionType.TEXT || q.type() == QuestionType.SHORT_TEXT)
                && q.sensitivity() != Sensitivity.DIRECT_IDENTIFIER && !q.id().equals(ConsentGate.CODE);
    }

    private static List<Integer> included(InterviewSession s) {
        List<Integer> included = new ArrayList<>();
        for (int r = 0; r < s.respondentCount(); r++) {
            if (s.consented(r)) {
                included.add(r);
            }
        }
        return included;
    }

    /**
     * The parts and header, with free text redacted except the replacements in {@code undone} (ids from
     * {@link FreeText#replacementId}): those the enumerator reviewed and judged not identifying.
     */
    public static InterviewResult build(InterviewSession s, Context ctx, Set<String> undone)
            throws InterviewException {
        return build(s, ctx, undone, SubmissionIds.next(), Set.of());
    }

    /**
     * As {@link #build(InterviewSession, Context, Set)} under a submission id fixed before (the field app's
     * recordings are sealed as they arrive, bound to it); audio answers whose attachment is in {@code unrecorded}
     * (a recording that was dropped) are left out of the research part.
     */
    public static InterviewResult build(InterviewSession s, Context ctx, Set<String> undone, String submissionId,
                                        Set<String> unrecorded) throws InterviewException {
        if (s.discarded()) {
            throw new InterviewException(-1, null, "the interview was stopped and discarded; nothing to keep");
        }
        if (!s.finished() && !s.stopped()) {
            throw new InterviewException(-1, null, "the interview is not finished");
        }
        List<Integer> included = included(s);
        if (included.isEmpty()) {
            throw new InterviewException(-1, null, "no respondent consented; nothing is kept");
        }
        Redactor redactor = redactor(s);
        List<RedactionReport> redactions = new ArrayList<>();
        List<Map<String, Object>> research = new ArrayList<>();
        List<Map<String, Object>> identity = new ArrayList<>();
        List<RespondentAssertion> assertions = new ArrayList<>();
        for (int r : included) {
            String code = code(s, r);
            String category = category(s, r, code);
            Map<String, Object> rr = new LinkedHashMap<>();
            rr.put("code", code);
            rr.put("category", category);
            rr.put("consent", researchAnswers(r, s.consentForm(), s.keptConsent(r), redactor, undone, redactions,
                    unrecorded));
            rr.put("answers", researchAnswers(r, s.interviewForm(), s.keptAnswers(r), redactor, undone, redactions,
                    unrecorded));
            research.add(rr);
            Map<String, Object> ids = new LinkedHashMap<>(directIdentifiers(s.consentForm(), s.keptConsent(r)));
            ids.putAll(directIdentifiers(s.interviewForm(), s.keptAnswers(r)));
            if (!ids.isEmpty()) {
                identity.add(Map.of("code", code, "answers", ids));
            }
            assertions.add(new RespondentAssertion(ctx.hasher().hash(code), category,
                    ConsentGate.assertion(s.study(), s.keptConsent(r))));
        }
        Map<String, byte[]> parts = new TreeMap<>();
        Map<String, Object> researchPart = new LinkedHashMap<>();
        researchPart.put("form", ctx.interviewForm());
        researchPart.put("language", s.language());
        researchPart.put("respondents", research);
        researchPart.put("redactions", redactions.stream().map(InterviewResult::redactionJson).toList());
        researchPart.put("fallbackTexts", List.copyOf(s.fallbackTexts()));
        researchPart.put("stoppedEarly", s.stopped());
        parts.put(Envelope.RESEARCH, json(researchPart));
        if (!identity.isEmpty()) {
            parts.put(Envelope.IDENTITY, json(Map.of("respondents", identity)));
        }
        Triage triage = null;
        // the most urgent disclosure leads; at equal urgency the one the enumerator raised by hand (their own call),
        // and the case is "raised by the enumerator" whenever they raised one for that respondent, even when a
        // form rule fired as well (the interviewer-only disclosure question is answered yes then, too)
        List<Disclosure> disclosures = s.disclosures().stream().filter(d -> included.contains(d.respondent()))
                .toList();
        Disclosure top = disclosures.stream().min(Comparator.comparing(Disclosure::urgency)
                .thenComparing(Disclosure::byRule)).orElse(null);
        if (top != null) {
            int r = top.respondent();
            Referral referral = s.referral(r).orElseThrow(() -> new InterviewException(r, top.questionId(),
                    "a disclosure needs the respondent's referral choice (refer, information_only, decline)"));
            boolean byHand = disclosures.stream().anyMatch(d -> d.respondent() == r && !d.byRule());
            triage = new Triage(top.category(), top.urgency().wire(), referral.choice().wire(), byHand);
            parts.put(Envelope.REFERRAL, json(referralJson(s, r, top, referral)));
        }
        SubmissionHeader header = new SubmissionHeader(SubmissionHeader.VERSION, submissionId,
                s.study().id(), ctx.interviewForm(), ctx.consentForm(), s.site(), ctx.deviceId(), ctx.enumerator(),
                Instant.now(ctx.clock()).truncatedTo(ChronoUnit.SECONDS).toString(), s.language(),
                List.copyOf(assertions), triage, List.copyOf(parts.keySet()));
        return new InterviewResult(header, java.util.Collections.unmodifiableMap(parts), List.copyOf(redactions));
    }

    private static Map<String, Object> researchAnswers(int r, FormDefinition form, Map<String, Object> answers,
                                                       Redactor redactor, Set<String> undone,
                                                       List<RedactionReport> redactions,
                                                       Set<String> unrecorded) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : answers.entrySet()) {
            Question q = form.question(e.getKey()).orElseThrow();
            if (q.sensitivity() == Sensitivity.DIRECT_IDENTIFIER) {
                continue;
            }
            Object value = e.getValue();
            if (q.type() == QuestionType.AUDIO && unrecorded.contains(attachmentName(r, q.id()))) {
                continue;
            }
            if (q.type() == QuestionType.AUDIO && value instanceof String) {
                // the recording itself travels as a sealed attachment; the answer names it, not the file
                value = ATTACHMENT_PREFIX + attachmentName(r, q.id());
            }
            if (redacted(q) && value instanceof String text) {
                FreeText answer = new FreeText(r, form.id(), q.id(), text);
                Set<Integer> kept = new java.util.HashSet<>();
                int found = redactor.find(text).size();
                for (int i = 0; i < found; i++) {
                    if (undone.contains(answer.replacementId(i))) {
                        kept.add(i);
                    }
                }
                Redactor.Redacted red = redactor.redact(text, kept);
                if (red.changed()) {
                    redactions.add(new RedactionReport(r, form.id(), q.id(), red.counts()));
                }
                value = red.text();
            }
            out.put(q.id(), AnswerValues.wire(value));
        }
        return out;
    }

    private static Map<String, Object> directIdentifiers(FormDefinition form, Map<String, Object> answers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Question q : form.questions()) {
            if (q.sensitivity() == Sensitivity.DIRECT_IDENTIFIER && answers.get(q.id()) != null) {
                out.put(q.id(), AnswerValues.wire(answers.get(q.id())));
            }
        }
        return out;
    }

    private static String code(InterviewSession s, int r) {
        return (String) s.keptConsent(r).get(ConsentGate.CODE);
    }

    private static String category(InterviewSession s, int r, String code) {
        Object answered = s.keptAnswers(r).get(ConsentGate.CATEGORY);
        if (answered instanceof String c) {
            return c;
        }
        String[] segments = code.split("-");
        return segments.length >= 2 ? segments[segments.length - 2] : null;
    }

    private static Map<String, Object> redactionJson(RedactionReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("respondent", r.respondent());
        m.put("question", r.question());
        m.put("kinds", r.counts().keySet().stream().sorted().map(Enum::name).toList());
        return m;
    }

    private static Map<String, Object> referralJson(InterviewSession s, int r, Disclosure top, Referral referral) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code(s, r));
        m.put("category", top.category());
        m.put("urgency", top.urgency().wire());
        m.put("choice", referral.choice().wire());
        m.put("routes", new TreeMap<>(referral.routes()));
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("how", referral.contactHow());
        contact.put("when", referral.contactWhen());
        m.put("contact", contact);
        return m;
    }

    private static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("part not serialisable", e);
        }
    }
}
