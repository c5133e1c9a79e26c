package org.fieldsafe.client.app;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.fieldwork.DeviceInterview;
import org.fieldsafe.client.fieldwork.DisclosureFlow;
import org.fieldsafe.client.fieldwork.InterviewStart;
import org.fieldsafe.client.fieldwork.Interviews;
import org.fieldsafe.client.fieldwork.ReferralAnswer;
import org.fieldsafe.client.fieldwork.Screen;
import org.fieldsafe.client.fieldwork.StepResult;
import org.fieldsafe.client.interview.DraftNotSavedException;
import org.fieldsafe.client.interview.DraftPassphrase;
import org.fieldsafe.client.interview.DraftSummary;
import org.fieldsafe.client.sync.Json;

/**
 * The interview calls of the app's JSON API under {@code /api/v1/interviews}, mirroring the facade's step API
 * (docs/client-api.md): start, resume and the drafts list; then per open interview its screen, answer, next, back,
 * disclosure, referral, stop, review, redaction, seal, discard and pause. The draft passphrase comes in the body of
 * start and resume only (never in a URL, never kept: the draft key lives in the open {@link DeviceInterview}). The
 * requests of one interview are serialised. A refused step is a 422 problem carrying the step's {@code problems} and
 * the unchanged {@code screen}; nothing was saved then.
 */
final class InterviewApi {
    static final String PREFIX = "interviews";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    record StartRequest(String form, String site, String language, String category, Integer respondents,
                        String passphrase, String again) {
    }

    record ResumeRequest(String draftId, String passphrase) {
    }

    record AnswerRequest(String question, Object value) {
    }

    record ProbesRequest(String question, List<String> ticked) {
    }

    record DisclosureRequest(String category, String urgency) {
    }

    record ReferralRequest(String choice, List<String> routes, List<String> authoritiesYes, String contactHow,
                           String contactWhen) {
    }

    record RedactionRequest(String id, boolean undo) {
    }

    /** An interview opened (started or resumed): its id (the draft's), the screen and what the flow needs. */
    record Opened(String id, Screen screen, Interviews.StartWarnings warnings, List<DisclosureFlow.Field> raiseFields,
                  List<DisclosureFlow.Service> directory) {
    }

    /** The drafts on the device (no respondent data) and which of them this app has open. */
    record DraftList(List<DraftSummary> drafts, List<String> open) {
    }

    private final FieldsafeClient client;
    private final Map<String, DeviceInterview> open = new ConcurrentHashMap<>();
    private final Object opening = new Object();
    private final RecordingApi recordings = new RecordingApi();

    InterviewApi(FieldsafeClient client) {
        this.client = client;
    }

    static boolean handles(String route) {
        String call = route.substring(route.indexOf(' ') + 1);
        return call.equals(PREFIX) || call.startsWith(PREFIX + "/");
    }

    void handle(HttpExchange ex, String route) throws IOException, Exchanges.Refused, ClientException {
        String method = route.substring(0, route.indexOf(' '));
        String[] parts = route.substring(route.indexOf(' ') + 1).split("/", -1);
        try {
            if (parts.length == 1) {
                switch (method) {
                    case "GET" -> Exchanges.json(ex, 200, new DraftList(client.drafts(), List.copyOf(open.keySet())));
                    case "POST" -> start(ex);
                    default -> throw notFound(route);
                }
            } else if (parts.length == 2 && parts[1].equals("resume") && method.equals("POST")) {
                resume(ex);
            } else if (parts.length == 2 && method.equals("GET")) {
                DeviceInterview interview = interview(parts[1]);
                synchronized (interview) {
                    Exchanges.json(ex, 200, interview.screen());
                }
            } else if (parts.length >= 3 && parts.length <= 4 && parts[2].equals(RecordingApi.SEGMENT)) {
                recording(ex, method, interview(parts[1]), parts.length == 4 ? parts[3] : "", route);
            } else if (parts.length == 3) {
                step(ex, method, interview(parts[1]), parts[2], route);
            } else {
                throw notFound(route);
            }
        } catch (DraftNotSavedException e) {
            throw new Exchanges.Refused(503, "draft-not-saved", "the last step could not be saved in the encrypted "
                    + "draft (disk full or the store locked); free space and do the step again");
        }
    }

    private static Exchanges.Refused notFound(String route) {
        return new Exchanges.Refused(404, "not-found", "no such call: " + route);
    }

    private DeviceInterview interview(String id) throws Exchanges.Refused {
        DeviceInterview interview = ID.matcher(id).matches() ? open.get(id) : null;
        if (interview == null) {
            throw new Exchanges.Refused(404, "interview-not-open", "no open interview with this id; resume it from "
                    + "the drafts list");
        }
        return interview;
    }

    private void start(HttpExchange ex) throws IOException, Exchanges.Refused, ClientException {
        StartRequest body = Exchanges.body(ex, StartRequest.class);
        for (String[] field : new String[][] {{"form", body.form()}, {"site", body.site()},
            {"language", body.language()}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new Exchanges.Refused(422, field[0] + "-missing", "choose the " + field[0]);
            }
        }
        int respondents = body.respondents() == null ? 1 : body.respondents();
        if (respondents != 1 && respondents != 2) {
            throw new Exchanges.Refused(422, "respondents-invalid", "an interview has one respondent or two");
        }
        char[] passphrase = chars(body.passphrase());
        char[] again = chars(body.again());
        try {
            DraftPassphrase.check(passphrase, again);
        } catch (IllegalArgumentException e) {
            throw new Exchanges.Refused(422, "draft-passphrase", e.getMessage());
        }
        String category = body.category() == null || body.category().isBlank() ? null : body.category();
        try {
            synchronized (opening) {
                opened(ex, client.startInterview(new InterviewStart(body.form(), null, body.site(), body.language(),
                        category, respondents, null), passphrase));
            }
        } finally {
            Arrays.fill(passphrase, '\0');
            Arrays.fill(again, '\0');
        }
    }

    private void resume(HttpExchange ex) throws IOException, Exchanges.Refused, ClientException {
        ResumeRequest body = Exchanges.body(ex, ResumeRequest.class);
        if (body.draftId() == null || !ID.matcher(body.draftId()).matches()) {
            throw new Exchanges.Refused(422, "draft-invalid", "choose a draft from the list");
        }
        char[] passphrase = chars(body.passphrase());
        try {
            synchronized (opening) {
                DeviceInterview already = open.remove(body.draftId());
                if (already != null) {
                    already.close();
                }
                opened(ex, client.resumeDraft(body.draftId(), passphrase));
            }
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private void opened(HttpExchange ex, DeviceInterview interview) throws IOException {
        String id = interview.draftId();
        open.put(id, interview);
        Exchanges.json(ex, 201, new Opened(id, interview.screen(), interview.warnings(), interview.raiseFields(),
                interview.directory()));
    }

    private static char[] chars(String s) {
        return s == null ? new char[0] : s.toCharArray();
    }

    private void step(HttpExchange ex, String method, DeviceInterview interview, String action, String route)
            throws IOException, Exchanges.Refused, ClientException {
        String call = method + " " + action;
        synchronized (interview) {
            stillOpen(interview);
            switch (call) {
                case "POST answer" -> {
                    AnswerRequest body = Exchanges.body(ex, AnswerRequest.class);
                    if (body.question() == null || !(body.value() == null || body.value() instanceof String
                            || body.value() instanceof Number || isListOfStrings(body.value()))) {
                        throw new Exchanges.Refused(422, "answer-wrong-type", "an answer is a text, a number, a "
                                + "date as YYYY-MM-DD, a choice id or a list of choice ids, for the question waiting");
                    }
                    if (body.value() != null && RecordingApi.recordingWaits(interview)) {
                        throw new Exchanges.Refused(422, "answer-wrong-type", "a recording question is answered by "
                                + "recording (or left without an answer)");
                    }
                    result(ex, interview.answer(body.question(), body.value()));
                }
                case "POST probes" -> {
                    ProbesRequest body = Exchanges.body(ex, ProbesRequest.class);
                    if (body.question() == null || body.ticked() == null || body.ticked().contains(null)) {
                        throw new Exchanges.Refused(422, "probes-invalid", "name the question waiting and the list "
                                + "of probe ids ticked on it");
                    }
                    result(ex, interview.probes(body.question(), body.ticked()));
                }
                case "POST next" -> result(ex, interview.next());
                case "POST back" -> result(ex, interview.back());
                case "POST stop" -> result(ex, interview.stop());
                case "POST disclosure" -> {
                    DisclosureRequest body = Exchanges.body(ex, DisclosureRequest.class);
                    result(ex, interview.raiseDisclosure(body.category(), body.urgency()));
                }
                case "POST referral" -> {
                    ReferralRequest b = Exchanges.body(ex, ReferralRequest.class);
                    result(ex, interview.referral(new ReferralAnswer(b.choice(), b.routes(), b.authoritiesYes(),
                            b.contactHow(), b.contactWhen())));
                }
                case "GET review" -> Exchanges.json(ex, 200, interview.review());
                case "POST redaction" -> {
                    RedactionRequest body = Exchanges.body(ex, RedactionRequest.class);
                    if (body.id() == null) {
                        throw new Exchanges.Refused(422, "redaction-invalid", "name the replacement to undo or "
                                + "confirm");
                    }
                    Exchanges.json(ex, 200, interview.redaction(body.id(), body.undo()));
                }
                case "POST seal" -> {
                    Object sealed = interview.seal();
                    open.remove(interview.draftId());
                    Exchanges.json(ex, 200, sealed);
                }
                case "POST discard" -> {
                    if (interview.screen().step() != Screen.Step.NOBODY) {
                        throw new Exchanges.Refused(409, "not-discardable", "only an interview nobody can take "
                                + "part in is discarded; stop it instead");
                    }
                    interview.discard();
                    open.remove(interview.draftId());
                    Exchanges.json(ex, 200, Map.of("discarded", true));
                }
                case "POST pause" -> {
                    interview.close();
                    open.remove(interview.draftId());
                    Exchanges.json(ex, 200, Map.of("paused", true));
                }
                default -> throw notFound(route);
            }
        }
    }

    private void recording(HttpExchange ex, String method, DeviceInterview interview, String action, String route)
            throws IOException, Exchanges.Refused, ClientException {
        synchronized (interview) {
            stillOpen(interview);
            recordings.handle(ex, method, interview, action, route);
        }
    }

    private void stillOpen(DeviceInterview interview) throws Exchanges.Refused {
        if (!open.containsKey(interview.draftId())) {
            throw new Exchanges.Refused(404, "interview-not-open", "the interview was paused or sealed meanwhile");
        }
    }

    private static boolean isListOfStrings(Object value) {
        return value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
    }

    private static void result(HttpExchange ex, StepResult result) throws IOException {
        if (result.ok()) {
            Exchanges.json(ex, 200, result);
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:fieldsafe:app:step-refused");
        problem.put("title", "step refused");
        problem.put("status", 422);
        problem.put("detail", "the step was refused and nothing was saved; see problems");
        problem.put("problems", result.problems());
        problem.put("screen", result.screen());
        Exchanges.send(ex, 422, "application/problem+json; charset=utf-8", Json.mapper().writeValueAsBytes(problem));
    }
}
