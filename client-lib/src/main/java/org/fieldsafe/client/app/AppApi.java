package org.fieldsafe.client.app;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.FormVersion;
import org.fieldsafe.client.PullProgress;
import org.fieldsafe.client.PullResult;
import org.fieldsafe.client.sync.Outcome;
import org.fieldsafe.client.sync.SyncProgress;
import org.fieldsafe.client.sync.Json;
import org.fieldsafe.client.sync.SyncResult;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.TranslationState;

/**
 * The page's JSON API under {@code /api/v1/}: thin calls onto {@link FieldsafeClient}. Everything but the session,
 * the passphrase and the lock answers 423 while the app is locked. Bodies are read strictly and size-limited; a
 * refused call changes nothing.
 */
final class AppApi {
    record PassphraseRequest(String passphrase, String again) {
    }

    record UnlockRequest(String passphrase) {
    }

    record LanguageRequest(String lang) {
    }

    record EnrolRequest(String server, String code) {
    }

    /** What the page needs before anything else; nothing in it is sensitive (the public title is neutral). */
    record Session(boolean passphraseSet, boolean locked, boolean enrolled, boolean studyPulled, String lang,
                   String publicTitle, String publicTitleLang, int autoLockMinutes, Map<String, String> languages,
                   TranslationState textsState, Map<String, org.fieldsafe.core.web.UiTexts.Text> texts, boolean jobRunning) {
    }

    record Started(String kind) {
    }

    private static final int MAX_FAILED_UNLOCKS = 5;
    private static final Duration UNLOCK_PAUSE = Duration.ofSeconds(30);

    private final FieldsafeClient client;
    private final HomeView view;
    private final AppAccess access;
    private final AppPassphrase passphrase;
    private final Jobs jobs;
    private final Clock clock;
    private final InterviewApi interviews;
    private volatile String lang;
    private int failedUnlocks;
    private Instant lastFailedUnlock = Instant.EPOCH;

    AppApi(FieldsafeClient client, HomeView view, AppAccess access, AppPassphrase passphrase, Jobs jobs, Clock clock,
           String lang) {
        this.client = client;
        this.view = view;
        this.access = access;
        this.passphrase = passphrase;
        this.jobs = jobs;
        this.clock = clock;
        this.lang = lang;
        this.interviews = new InterviewApi(client);
    }

    void handle(HttpExchange ex, String call) throws IOException, Exchanges.Refused, ClientException {
        String method = ex.getRequestMethod();
        String route = method + " " + call;
        switch (route) {
            case "GET session" -> Exchanges.json(ex, 200, session());
            case "POST passphrase" -> setPassphrase(ex);
            case "POST unlock" -> unlock(ex);
            case "POST lock" -> {
                access.lock();
                Exchanges.json(ex, 200, session());
            }
            case "POST language" -> language(ex);
            default -> unlocked(ex, route);
        }
    }

    private void unlocked(HttpExchange ex, String route) throws IOException, Exchanges.Refused, ClientException {
        if (!knownRoute(route) && !InterviewApi.handles(route)) {
            throw new Exchanges.Refused(404, "not-found", "no such call: " + route);
        }
        if (access.locked()) {
            throw new Exchanges.Refused(423, "locked", "the app is locked; unlock it with the app passphrase");
        }
        access.touch();
        if (InterviewApi.handles(route)) {
            interviews.handle(ex, route);
            return;
        }
        switch (route) {
            case "POST activity" -> Exchanges.json(ex, 200, Map.of("locked", false));
            case "GET job" -> Exchanges.json(ex, 200, Optional.ofNullable(jobs.current()).map(v -> (Object) v)
                    .orElse(Map.of()));
            case "POST enrol" -> enrol(ex);
            case "POST pull" -> start(ex, "pull", this::pull);
            case "POST sync" -> start(ex, "sync", this::sync);
            case "GET home" -> {
                notBusy();
                Exchanges.json(ex, 200, view.home(lang));
            }
            case "GET status" -> {
                notBusy();
                Exchanges.json(ex, 200, view.status());
            }
            default -> throw new Exchanges.Refused(404, "not-found", "no such call: " + route);
        }
    }

    private static boolean knownRoute(String route) {
        return switch (route) {
            case "POST activity", "GET job", "POST enrol", "POST pull", "POST sync", "GET home", "GET status" -> true;
            default -> false;
        };
    }

    Session session() throws ClientException {
        Optional<Study> study = view.study();
        String title = study.map(s -> s.publicTitleIn(lang)).orElse("Fieldsafe");
        String titleLang = study.map(s -> s.publicTitle() != null && s.publicTitle().containsKey(lang) ? lang
                : s.masterLanguage()).orElse("en");
        org.fieldsafe.core.web.UiTexts.Texts texts = UiTexts.of(lang);
        return new Session(passphrase.isSet(), access.locked(), view.enrolled(), study.isPresent(), lang, title,
                titleLang, (int) view.autoLock().toMinutes(), UiTexts.LANGUAGES, texts.state(), texts.texts(),
                jobs.running());
    }

    /**
     * The first session answer's one-time work, done before the page asks for it (AppServer runs it as the app
     * starts, while the browser opens the link): the study read and parsed, the UI texts loaded, Jackson's first
     * serialisation of the answer. Nothing is sent or changed; a failure is left for the page's own call to report.
     */
    void warmUp() {
        try {
            Json.mapper().writeValueAsBytes(session());
        } catch (ClientException | IOException | RuntimeException e) {
            // the page's GET session meets the same failure and answers it as a problem
        }
    }

    private void setPassphrase(HttpExchange ex) throws IOException, Exchanges.Refused, ClientException {
        PassphraseRequest body = Exchanges.body(ex, PassphraseRequest.class);
        if (passphrase.isSet()) {
            throw new Exchanges.Refused(409, "passphrase-set", "the app passphrase is set already; unlock with it");
        }
        char[] first = body.passphrase() == null ? new char[0] : body.passphrase().toCharArray();
        char[] again = body.again() == null ? new char[0] : body.again().toCharArray();
        try {
            passphrase.set(first, again);
        } catch (IllegalArgumentException e) {
            throw new Exchanges.Refused(422, Arrays.equals(first, again) ? "passphrase-weak" : "passphrase-differs",
                    e.getMessage());
        }
        access.unlock();
        Exchanges.json(ex, 200, session());
    }

    private void unlock(HttpExchange ex) throws IOException, Exchanges.Refused, ClientException {
        UnlockRequest body = Exchanges.body(ex, UnlockRequest.class);
        synchronized (this) {
            if (failedUnlocks >= MAX_FAILED_UNLOCKS
                    && Duration.between(lastFailedUnlock, clock.instant()).compareTo(UNLOCK_PAUSE) < 0) {
                throw new Exchanges.Refused(429, "unlock-paused", "too many wrong passphrases; wait 30 seconds");
            }
        }
        if (!passphrase.verify(body.passphrase() == null ? new char[0] : body.passphrase().toCharArray())) {
            synchronized (this) {
                failedUnlocks++;
                lastFailedUnlock = clock.instant();
            }
            throw new Exchanges.Refused(422, "passphrase-wrong", "that is not the app passphrase");
        }
        synchronized (this) {
            failedUnlocks = 0;
        }
        access.unlock();
        Exchanges.json(ex, 200, session());
    }

    private void language(HttpExchange ex) throws IOException, Exchanges.Refused, ClientException {
        LanguageRequest body = Exchanges.body(ex, LanguageRequest.class);
        if (body.lang() == null || !UiTexts.known(body.lang())) {
            throw new Exchanges.Refused(422, "unknown-language", "choose one of " + UiTexts.LANGUAGES.keySet());
        }
        synchronized (this) {
            lang = body.lang();
        }
        Exchanges.json(ex, 200, session());
    }

    private void enrol(HttpExchange ex) throws IOException, Exchanges.Refused, ClientException {
        EnrolRequest body = Exchanges.body(ex, EnrolRequest.class);
        notBusy();
        if (body.server() == null || body.server().isBlank()) {
            throw new Exchanges.Refused(422, "server-missing", "enter the server address");
        }
        if (body.code() == null || body.code().isBlank()) {
            throw new Exchanges.Refused(422, "code-missing", "enter the enrolment code");
        }
        URI server;
        try {
            server = new URI(body.server().strip());
        } catch (java.net.URISyntaxException e) {
            throw new Exchanges.Refused(422, "server-invalid", "the server address is not a web address");
        }
        client.enrol(server, body.code(), null);
        Exchanges.json(ex, 200, session());
    }

    private void notBusy() throws Exchanges.Refused {
        if (jobs.running()) {
            throw new Exchanges.Refused(409, "busy", "a pull or sync is running; wait for it to finish");
        }
    }

    private void start(HttpExchange ex, String kind, Jobs.Work work) throws IOException, Exchanges.Refused {
        if (!jobs.start(kind, work)) {
            throw new Exchanges.Refused(409, "busy", "a pull or sync is running; wait for it to finish");
        }
        Exchanges.json(ex, 202, new Started(kind));
    }

    private void pull(Jobs.Job job) throws ClientException {
        PullResult result = client.pull(new PullProgress() {
            private int done;
            private int total;

            @Override
            public void upToDate() {
                job.step("pull.upToDate", null, null);
            }

            @Override
            public void pullingStudy(String studyId) {
                job.step("pull.study", studyId, null);
            }

            @Override
            public void pullingForms(int count) {
                total = count;
                job.progress(0, count);
                job.step("pull.forms", null, Integer.toString(count));
            }

            @Override
            public void formPulled(FormVersion form) {
                job.progress(++done, total);
                job.step("pull.form", form.toString(), null);
            }
        });
        job.step(result.upToDate() ? "pull.doneUpToDate" : "pull.done", null,
                Integer.toString(result.formsInManifest()));
    }

    private void sync(Jobs.Job job) throws ClientException {
        SyncResult result = client.sync(new SyncProgress() {
            @Override
            public void sending(int count) {
                job.progress(0, count);
                job.step("sync.sending", null, Integer.toString(count));
            }

            @Override
            public void retrying(String submissionId, int attempt, Duration pause, String reason) {
                job.step("sync.retrying", submissionId, Long.toString(Math.max(1, pause.toSeconds())));
            }

            @Override
            public void settled(Outcome o, int done, int total) {
                job.progress(done, total);
                job.step("sync.outcome." + o.kind().name().toLowerCase(java.util.Locale.ROOT), o.submissionId(),
                        o.message());
            }

            @Override
            public void sendingAttachments(int count) {
                job.progress(0, count);
                job.step("sync.sendingAttachments", null, Integer.toString(count));
            }

            @Override
            public void uploaded(String attachment, long sent, long total) {
                job.step("sync.uploaded", attachment, (total == 0 ? 100 : sent * 100 / total) + "");
            }

            @Override
            public void attachmentSettled(Outcome o, int done, int total) {
                settled(o, done, total);
            }
        });
        if (result.stopped().isPresent()) {
            throw result.stopped().get();
        }
        if (result.outcomes().isEmpty()) {
            job.step("sync.nothing", null, null);
        } else if (!result.complete()) {
            throw new ClientException(Reason.REJECTED, (result.interviewsWaiting() + result.attachmentsWaiting())
                    + " still waiting on this device");
        } else {
            job.step("sync.done", null, Long.toString(result.sent()));
        }
    }
}
