package org.fieldsafe.client.interview;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.Urgency;

/**
 * The answers file of {@code client interview --answers FILE.json} and the skeleton that
 * {@code --answers-template} prints (DESIGN.md section 11). Reading it runs the same session as the
 * interactive path, so every answer is checked the same way; a problem names the respondent index and the
 * question id, never a value.
 *
 * <pre>
 * {"form": "interview", "site": "KH-SVR", "lang": "km",
 *  "respondents": [{"consent": {"participation": "yes", ...}, "answers": {"category": "RH", ...}}],
 *  "disclosures": [{"respondent": 0, "category": "current_risk", "urgency": "urgent",
 *                   "choice": "refer", "routes": {"kh-child-helpline": true},
 *                   "contact": {"how": "phone", "when": "evenings"}}],
 *  "questions": {...}}
 * </pre>
 * A disclosure entry with {@code category} and {@code urgency} is raised by hand; {@code choice} (refer,
 * information_only, decline), {@code routes} and {@code contact} record the respondent's referral answer.
 * {@code questions} describes the questions and is not read back; an id used by both forms is listed as
 * {@code consent.<id>} and {@code interview.<id>}.
 */
public final class AnswersFile {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> TOP = Set.of("form", "site", "lang", "respondents", "disclosures", "questions");
    private static final Set<String> DISCLOSURE = Set.of("respondent", "category", "urgency", "choice", "routes",
            "contact");

    private AnswersFile() {
    }

    /** The skeleton: every answerable question with null, one respondent, no disclosure. */
    public static ObjectNode template(FormDefinition consent, FormDefinition interview, String site, String lang) {
        ObjectNode root = NODES.objectNode();
        root.put("form", interview.id());
        root.put("site", site);
        root.put("lang", lang);
        ObjectNode respondent = root.putArray("respondents").addObject();
        ObjectNode consentAnswers = respondent.putObject("consent");
        ObjectNode answers = respondent.putObject("answers");
        root.putArray("disclosures");
        ObjectNode questions = root.putObject("questions");
        Set<String> shared = new HashSet<>();
        consent.questions().forEach(q -> shared.add(q.id()));
        shared.retainAll(interview.questions().stream().map(Question::id).toList());
        for (FormDefinition form : List.of(consent, interview)) {
            for (Question q : form.questions()) {
                if (q.type() == QuestionType.NOTE) {
                    continue;
                }
                (form == consent ? consentAnswers : answers).putNull(q.id());
                ObjectNode d = questions.putObject(shared.contains(q.id()) ? form.id() + "." + q.id() : q.id());
                d.put("form", form.kind().toString());
                d.put("type", q.type().wire());
                ArrayNode choices = d.putArray("choices");
                q.choices().forEach(c -> choices.add(c.id()));
                d.put("required", q.required());
                d.put("sensitivity", q.sensitivity().wire());
                d.put("disclosure", q.disclosure() != null);
            }
        }
        return root;
    }

    /**
     * Runs a whole interview from the file: consent then interview for each respondent, then disclosures and
     * referral answers. The returned session is finished.
     */
    public static InterviewSession run(JsonNode file, Study study, FormDefinition consent, FormDefinition interview,
                                       String site, String lang, InterviewSession.Options options)
            throws InterviewException {
        if (file == null || !file.isObject()) {
            throw new InterviewException(-1, null, "the answers file must hold a JSON object");
        }
        unknownKeys(file, TOP, -1, "top level");
        same(file, "form", interview.id());
        same(file, "site", site);
        same(file, "lang", lang);
        JsonNode respondents = file.get("respondents");
        if (respondents == null || !respondents.isArray() || respondents.isEmpty() || respondents.size() > 2) {
            throw new InterviewException(-1, null, "'respondents' must list one respondent, or two (joint interview)");
        }
        InterviewSession s = InterviewSession.start(study, consent, interview, lang, site, respondents.size(), options);
        for (int r = 0; r < respondents.size(); r++) {
            JsonNode rn = respondents.get(r);
            if (!rn.isObject()) {
                throw new InterviewException(r, null, "a respondent must be an object with 'consent' and 'answers'");
            }
            unknownKeys(rn, Set.of("consent", "answers"), r, "respondent");
            JsonNode c = section(rn, "consent", r);
            JsonNode a = section(rn, "answers", r);
            knownQuestions(c, consent, r);
            knownQuestions(a, interview, r);
            feed(s, r, consent.id(), c, a);
            if (!s.consented(r)) {
                throw new InterviewException(r, null,
                        "cannot be interviewed: " + s.refusal(r).orElse("consent incomplete"));
            }
        }
        disclosures(s, file.get("disclosures"));
        return s;
    }

    private static void feed(InterviewSession s, int r, String consentId, JsonNode c, JsonNode a)
            throws InterviewException {
        while (s.current(r).isPresent()) {
            Prompt p = s.current(r).get();
            if (p.question().type() == QuestionType.NOTE) {
                s.answer(r, null);
                continue;
            }
            JsonNode value = (p.formId().equals(consentId) ? c : a).get(p.questionId());
            s.answer(r, toJava(value));
        }
    }

    private static void disclosures(InterviewSession s, JsonNode list) throws InterviewException {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw new InterviewException(-1, null, "'disclosures' must be a list");
        }
        for (JsonNode d : list) {
            int r = d.path("respondent").asInt(0);
            if (!d.isObject() || r < 0 || r >= s.respondentCount()) {
                throw new InterviewException(-1, null, "a disclosure must be an object naming a respondent index");
            }
            unknownKeys(d, DISCLOSURE, r, "disclosure");
            try {
                if (d.hasNonNull("category") || d.hasNonNull("urgency")) {
                    s.raiseDisclosure(r, d.path("category").asText(null), Urgency.of(d.path("urgency").asText("")));
                }
                if (d.hasNonNull("choice")) {
                    Map<String, Boolean> routes = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = d.path("routes").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (!e.getValue().isBoolean()) {
                            throw new IllegalArgumentException("route '" + e.getKey() + "' needs true or false: the"
                                    + " respondent's own answer for that service");
                        }
                        routes.put(e.getKey(), e.getValue().booleanValue());
                    }
                    JsonNode contact = d.path("contact");
                    s.referral(r, new Referral(ReferralChoice.of(d.get("choice").asText()), routes,
                            contact.path("how").asText(null), contact.path("when").asText(null)));
                }
            } catch (IllegalArgumentException e) {
                throw new InterviewException(r, null, "disclosure: " + e.getMessage());
            }
        }
    }

    private static Object toJava(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isArray()) {
            List<Object> items = new ArrayList<>();
            v.forEach(item -> items.add(item.isTextual() ? item.asText() : item));
            return items;
        }
        return v;
    }

    private static JsonNode section(JsonNode respondent, String name, int r) throws InterviewException {
        JsonNode n = respondent.get(name);
        if (n == null || n.isNull()) {
            return NODES.objectNode();
        }
        if (!n.isObject()) {
            throw new InterviewException(r, null, "'" + name + "' must be an object of question id to answer");
        }
        return n;
    }

    private static void knownQuestions(JsonNode answers, FormDefinition form, int r) throws InterviewException {
        for (Iterator<String> it = answers.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            Question q = form.question(id).orElseThrow(() -> new InterviewException(r, id,
                    "unknown question in form '" + form.id() + "'"));
            if (q.type() == QuestionType.NOTE && !answers.get(id).isNull()) {
                throw new InterviewException(r, id, "a note takes no answer");
            }
        }
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, int r, String where)
            throws InterviewException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new InterviewException(r, null, "unknown key '" + key + "' (" + where + ")");
            }
        }
    }

    private static void same(JsonNode file, String key, String expected) throws InterviewException {
        JsonNode v = file.get(key);
        if (v != null && !v.isNull() && !v.asText().equals(expected)) {
            throw new InterviewException(-1, null, "the answers file is for " + key + " '" + v.asText()
                    + "', not '" + expected + "'");
        }
    }

    /** A mapper for answers files: decimals read exactly. */
    public static ObjectMapper mapper() {
        return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
