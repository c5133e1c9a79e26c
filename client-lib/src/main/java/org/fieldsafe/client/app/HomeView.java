package org.fieldsafe.client.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.DeviceInfo;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.FormSummary;
import org.fieldsafe.client.interview.ConsentGate;
import org.fieldsafe.client.interview.DraftSummary;
import org.fieldsafe.client.interview.SiteDirectory;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.Outbox;
import org.fieldsafe.client.store.StoredForm;
import org.fieldsafe.client.store.StoredManifest;
import org.fieldsafe.client.store.StoredStudy;
import org.fieldsafe.client.sync.OutboxStatus;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Study;

/**
 * What the home and status screens show, read from the facade and the store: never an answer, a respondent code
 * or anything of a draft beyond its summary.
 */
final class HomeView {
    record Device(String deviceId, String study, String site, String server, Instant enrolledAt) {
    }

    /** A form with its title in the chosen language ({@code titleLang} says which it really is). */
    record Form(String formId, String kind, int version, String shortHash, String title, String titleLang,
                Map<String, String> languages) {
    }

    record Outboxes(int drafts, int interviewsWaiting, long interviewBytes, int attachmentsWaiting,
                    long attachmentBytes, int sent) {
    }

    /** The device site's referral directory as held: null version when the study is not pulled. */
    record Directory(String site, Integer version, int entries, int emergencies, int unconfirmed) {
    }

    record Home(Device device, List<Form> forms, List<DraftSummary> drafts, Outboxes outbox, Instant lastSent,
                Instant lastPulled, Directory directory, List<Category> categories) {
    }

    /**
     * A respondent category of the study, its label in the chosen language: the study's own, else the interview
     * form's translated choice of its category question, else the master's ({@code lang} says which it is).
     */
    record Category(String id, String label, String lang) {
    }

    record Status(Device device, OutboxStatus outbox) {
    }

    /** A study as parsed, with the hash of the stored canonical JSON it was parsed from. */
    private record Parsed(String sha256, Study study) {
    }

    private final FieldsafeClient client;
    private final DeviceStore store;
    private final Clock clock;
    /** The study parsed last: the session and the home screen read it on every call; a pull changes its hash. */
    private volatile Parsed parsed;

    HomeView(FieldsafeClient client, DeviceStore store, Clock clock) {
        this.client = client;
        this.store = store;
        this.clock = clock;
    }

    Optional<Study> study() throws ClientException {
        Optional<StoredStudy> stored = store.study();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Parsed last = parsed;
        if (last == null || !last.sha256().equals(stored.get().sha256())) {
            last = new Parsed(stored.get().sha256(), Study.fromCanonicalJson(stored.get().canonicalJson()));
            parsed = last;
        }
        return Optional.of(last.study());
    }

    /** The study parsed last, without reading the store (empty before the first {@link #study()}). */
    Optional<Study> parsedStudy() {
        return Optional.ofNullable(parsed).map(Parsed::study);
    }

    /** The study's auto-lock time, or the default before the study is pulled. */
    java.time.Duration autoLock() {
        try {
            return java.time.Duration.ofMinutes(study().map(Study::autoLockMinutesOrDefault)
                    .orElse(Study.DEFAULT_AUTO_LOCK_MINUTES));
        } catch (ClientException e) {
            return java.time.Duration.ofMinutes(Study.DEFAULT_AUTO_LOCK_MINUTES);
        }
    }

    boolean enrolled() throws ClientException {
        return client.device().isPresent();
    }

    Home home(String lang) throws ClientException {
        OutboxStatus status = client.outboxStatus(); // first: it refuses a home that is not enrolled
        DeviceInfo info = client.device().orElseThrow();
        long interviewBytes = 0;
        for (Outbox.Entry e : store.outbox().pending()) {
            interviewBytes += e.envelope().length;
        }
        long attachmentBytes = 0;
        for (OutboxStatus.WaitingAttachment a : status.attachments()) {
            attachmentBytes += a.totalBytes() - a.bytesSent();
        }
        Outboxes outbox = new Outboxes(status.drafts(), status.waiting().size(), interviewBytes,
                status.attachments().size(), attachmentBytes, status.sent().size());
        Instant lastSent = status.sent().stream().map(OutboxStatus.Sent::sentAt).max(Instant::compareTo).orElse(null);
        Instant lastPulled = store.manifest().map(StoredManifest::checkedAt).orElse(null);
        return new Home(device(info), forms(lang), client.drafts(), outbox, lastSent, lastPulled,
                directory(info.site()), categories(lang));
    }

    Status status() throws ClientException {
        OutboxStatus status = client.outboxStatus(); // first: it refuses a home that is not enrolled
        return new Status(device(client.device().orElseThrow()), status);
    }

    private static Device device(DeviceInfo d) {
        return new Device(d.deviceId(), d.study(), d.site(), d.server().toString(), d.enrolledAt());
    }

    private List<Form> forms(String lang) throws ClientException {
        List<Form> forms = new ArrayList<>();
        List<StoredForm> stored = store.forms();
        for (FormSummary f : client.listForms()) {
            String title = f.title();
            String titleLang = null;
            for (StoredForm s : stored) {
                if (s.formId().equals(f.formId()) && s.version() == f.version()) {
                    FormDefinition definition = FormDefinition.fromCanonicalJson(s.canonicalJson());
                    titleLang = definition.title().containsKey(lang) ? lang : definition.masterLanguage();
                    title = definition.title().getOrDefault(titleLang, title);
                }
            }
            forms.add(new Form(f.formId(), f.kind(), f.version(), f.shortHash(), title, titleLang, f.languages()));
        }
        return forms;
    }

    private List<Category> categories(String lang) throws ClientException {
        Optional<Study> study = study();
        if (study.isEmpty() || study.get().categories() == null) {
            return List.of();
        }
        List<FormDefinition> forms = new ArrayList<>();
        for (StoredForm s : store.forms()) {
            forms.add(FormDefinition.fromCanonicalJson(s.canonicalJson()));
        }
        List<Category> out = new ArrayList<>();
        for (org.fieldsafe.core.forms.Category c : study.get().categories()) {
            String own = c.label().get(lang);
            for (int i = 0; own == null && i < forms.size(); i++) {
                own = forms.get(i).question(ConsentGate.CATEGORY).flatMap(q -> q.choice(c.id()))
                        .map(choice -> choice.label().get(lang)).orElse(null);
            }
            out.add(own != null ? new Category(c.id(), own, lang)
                    : new Category(c.id(), c.label().getOrDefault("en", c.id()), "en"));
        }
        return List.copyOf(out);
    }

    private Directory directory(String site) throws ClientException {
        Optional<Study> study = study();
        Optional<SiteDirectory> directory = study.flatMap(s -> SiteDirectory.of(s, site, LocalDate.now(clock),
                SiteDirectory.DEFAULT_MAX_AGE_DAYS));
        if (directory.isEmpty()) {
            return new Directory(site, null, 0, 0, 0);
        }
        SiteDirectory d = directory.get();
        int unconfirmed = (int) d.services().stream()
                .filter(s -> s.needsConfirmation(LocalDate.now(clock), SiteDirectory.DEFAULT_MAX_AGE_DAYS)).count();
        return new Directory(site, d.directory().version(), d.services().size(), d.emergencies().size(), unconfirmed);
    }
}
