package org.fieldsafe.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.fieldwork.DeviceInterview;
import org.fieldsafe.client.fieldwork.HeldDirectory;
import org.fieldsafe.client.fieldwork.InterviewCrypto;
import org.fieldsafe.client.fieldwork.InterviewStart;
import org.fieldsafe.client.fieldwork.Interviews;
import org.fieldsafe.client.interview.InterviewSession;
import org.fieldsafe.client.interview.StopPolicy;
import org.fieldsafe.client.store.DeviceRecord;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.StoredForm;
import org.fieldsafe.client.keys.StoredKey;
import org.fieldsafe.client.store.StoredManifest;
import org.fieldsafe.client.sync.Json;
import org.fieldsafe.client.sync.OutboxStatus;
import org.fieldsafe.client.sync.ReceiptVerifier;
import org.fieldsafe.client.sync.Pull;
import org.fieldsafe.client.sync.ServerApi;
import org.fieldsafe.client.sync.Sync;
import org.fieldsafe.client.sync.SyncOptions;
import org.fieldsafe.client.sync.SyncProgress;
import org.fieldsafe.client.sync.SyncResult;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.Manifest;

/**
 * The field device's Java API: enrol with a server, pull the study and forms into the local store, and
 * list the forms held. One instance per device home; it owns (and closes) its {@link DeviceStore}.
 */
public final class FieldsafeClient implements AutoCloseable {
    /** Connect and per-request time limits, and the clock that stamps stored rows. */
    public record Settings(Duration connectTimeout, Duration requestTimeout, Clock clock) {
        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(clock, "clock");
        }

        /** 15 s to connect, 2 min per request (slow rural links), the system clock. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(15), Duration.ofMinutes(2), Clock.systemUTC());
        }
    }

    private final DeviceStore store;
    private final Settings settings;
    /** Made at the first call to the server: building one loads TLS, which the app's start need not wait for. */
    private HttpClient http;
    private final Interviews interviews;

    /** A client with the real interview crypto ({@link InterviewCrypto#standard()}). */
    public FieldsafeClient(DeviceStore store, Settings settings) {
        this(store, settings, InterviewCrypto.standard());
    }

    /** A client that seals interviews and encrypts their drafts with {@code crypto}. */
    public FieldsafeClient(DeviceStore store, Settings settings, InterviewCrypto crypto) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.interviews = new Interviews(store, crypto, settings.clock());
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = ServerApi.newHttpClient(settings.connectTimeout());
        }
        return http;
    }

    /** Opens (creating if needed) the device home with {@link Settings#defaults()}. */
    public static FieldsafeClient open(Path home) throws ClientException {
        return open(home, Settings.defaults());
    }

    /** Opens (creating if needed) the device home, e.g. to enrol it. */
    public static FieldsafeClient open(Path home, Settings settings) throws ClientException {
        return new FieldsafeClient(DeviceStore.open(home), settings);
    }

    /** Opens (creating if needed) the device home, sealing and encrypting drafts with {@code crypto}. */
    public static FieldsafeClient open(Path home, Settings settings, InterviewCrypto crypto) throws ClientException {
        return new FieldsafeClient(DeviceStore.open(home), settings, crypto);
    }

    /** Opens a device home that must already hold a store ({@link Reason#NOT_ENROLLED} otherwise). */
    public static FieldsafeClient openExisting(Path home, Settings settings) throws ClientException {
        return new FieldsafeClient(DeviceStore.openExisting(home), settings);
    }

    /** Opens a device home that must already hold a store, sealing and encrypting drafts with {@code crypto}. */
    public static FieldsafeClient openExisting(Path home, Settings settings, InterviewCrypto crypto)
            throws ClientException {
        return new FieldsafeClient(DeviceStore.openExisting(home), settings, crypto);
    }

    /** This machine's host name, the default device name shown to coordinators. */
    public static String defaultDeviceName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "fieldsafe-device" : name;
        } catch (UnknownHostException e) {
            return "fieldsafe-device";
        }
    }

    public Path home() {
        return store.home();
    }

    /** The enrolled device, if this home is enrolled. */
    public Optional<DeviceInfo> device() throws ClientException {
        return store.device().map(FieldsafeClient::info);
    }

    /**
     * Opens (creating if needed) the device home and enrols it ({@link #enrol(URI, String, String, boolean)}). When
     * the home did not exist before and the enrolment fails, no empty store is left behind (so the home does not
     * look enrolled).
     */
    public static DeviceInfo enrolHome(Path home, Settings settings, URI server, String code, String deviceName,
                                       boolean force) throws ClientException {
        boolean fresh = !Files.exists(home);
        try (FieldsafeClient client = open(home, settings)) {
            return client.enrol(server, code, deviceName, force);
        } catch (ClientException e) {
            if (fresh) {
                DeviceStore.removeEmptyHome(home);
            }
            throw e;
        }
    }

    /**
     * Whether talking to {@code server} sends the device token and everything synced unencrypted over a network:
     * plain http to anything but this machine.
     */
    public static boolean cleartextOverNetwork(URI server) {
        if (!"http".equals(server.getScheme())) {
            return false;
        }
        String host = server.getHost();
        if ("localhost".equalsIgnoreCase(host)) {
            return false;
        }
        try {
            return !InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** Enrols this home; refuses ({@link Reason#ALREADY_ENROLLED}) if it is enrolled already. */
    public DeviceInfo enrol(URI server, String code, String deviceName) throws ClientException {
        return enrol(server, code, deviceName, false);
    }

    /**
     * Exchanges a one-time enrolment code for a device id and token and stores them. With {@code force},
     * an enrolled home is bound to the new enrolment; its manifest is dropped, and its study and forms too
     * when the server or study changes. A null or blank device name means {@link #defaultDeviceName()}.
     */
    public DeviceInfo enrol(URI server, String code, String deviceName, boolean force) throws ClientException {
        URI base = ServerApi.normaliseServer(Objects.requireNonNull(server, "server"));
        String normalisedCode = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (normalisedCode.isEmpty()) {
            throw new ClientException(Reason.USAGE, "the enrolment code is empty");
        }
        String name = deviceName == null || deviceName.isBlank() ? defaultDeviceName() : deviceName.strip();
        Optional<DeviceRecord> existing = store.device();
        if (existing.isPresent() && !force) {
            DeviceRecord d = existing.get();
            throw new ClientException(Reason.ALREADY_ENROLLED, "this device is already enrolled (device "
                    + d.deviceId() + ", study " + d.study() + ", site " + d.site() + ", server " + d.server()
                    + "); use --force to enrol it again");
        }
        if (existing.isPresent()) {
            refuseWhileOutboxWaits(existing.get());
        }
        DeviceEnrolment enrolment = new ServerApi(base, http(), settings.requestTimeout()).enrol(normalisedCode, name);
        DeviceRecord record = new DeviceRecord(base, enrolment.deviceId(), enrolment.deviceToken(), enrolment.study(),
                enrolment.site(), enrolment.enumerator(), name, settings.clock().instant());
        boolean otherContent = existing.isPresent()
                && (!existing.get().server().equals(base) || !existing.get().study().equals(enrolment.study()));
        List<StoredKey> keys = Pull.keysFromEnrolment(enrolment.keys(), settings.clock().instant());
        store.saveEnrolment(record, otherContent, keys, checkedCodeKey(enrolment.respondentCodeKey()));
        return info(record);
    }

    /**
     * Sealed interviews and recordings in the outbox can only be sent under the enrolment they were sealed for (the
     * header names the device): binding the home to a new enrolment would strand them, so it waits for a sync.
     */
    private void refuseWhileOutboxWaits(DeviceRecord current) throws ClientException {
        int interviews = store.outbox().pending().size();
        int recordings = store.outbox().attachmentProgress().size();
        if (interviews + recordings > 0) {
            throw new ClientException(Reason.OUTBOX_NOT_EMPTY, interviews + " sealed interview(s) and " + recordings
                    + " recording(s) still wait to be sent from device " + current.deviceId()
                    + "; they can only be sent under its current enrolment: run 'fieldsafe client sync' first,"
                    + " then enrol again");
        }
    }

    private static String checkedCodeKey(String base64) throws ClientException {
        if (base64 == null) {
            return null;
        }
        try {
            if (Base64.getDecoder().decode(base64).length == RespondentCodes.KEY_BYTES) {
                return base64;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ClientException(Reason.SERVER, "the server sent a respondent-code key this client cannot use");
    }

    /** Brings the study and forms up to date with the server; see {@link #pull(PullProgress)}. */
    public PullResult pull() throws ClientException {
        return pull(PullProgress.NONE);
    }

    /**
     * Fetches the manifest (conditionally on the stored ETag) and, unless the server answers 304, the
     * study if its hash changed and every form version not yet stored, each checked against the
     * manifest's SHA-256; then stores all of it in one transaction. On any failure nothing is stored.
     */
    public PullResult pull(PullProgress progress) throws ClientException {
        DeviceRecord device = enrolled();
        ServerApi api = new ServerApi(device.server(), http(), settings.requestTimeout());
        return new Pull(store, api, settings.clock()).run(device, progress == null ? PullProgress.NONE : progress);
    }

    /** Pushes the outbox with {@link SyncOptions#defaults()}; see {@link #sync(SyncProgress, SyncOptions)}. */
    public SyncResult sync(SyncProgress progress) throws ClientException {
        return sync(progress, SyncOptions.defaults());
    }

    /**
     * Uploads every sealed envelope waiting in the outbox, with retries, and deletes each sealed copy once the
     * server's receipt for exactly those bytes verifies against the pinned receipt key (or the respondent
     * withdrew). Envelopes the server refuses, or that could not be sent in time, stay in the outbox.
     */
    public SyncResult sync(SyncProgress progress, SyncOptions options) throws ClientException {
        DeviceRecord device = enrolled();
        ServerApi api = new ServerApi(device.server(), http(), settings.requestTimeout());
        return new Sync(store, api, ReceiptVerifier.ED25519, options, settings.clock())
                .run(device, progress == null ? SyncProgress.NONE : progress);
    }

    /** Drafts, sealed interviews and attachments waiting, and receipts held on this device. */
    public OutboxStatus outboxStatus() throws ClientException {
        enrolled();
        return OutboxStatus.read(store);
    }

    /**
     * The paused or interrupted interviews on this device, listed without the passphrase: id, form, site, language,
     * progress and last save; never an answer or a respondent code.
     */
    public List<org.fieldsafe.client.interview.DraftSummary> drafts() throws ClientException {
        enrolled();
        return store.drafts().summaries();
    }

    /**
     * Interviews on this device: the checks before one starts, start and resume with the encrypted draft, an
     * answers file, sealing into the outbox. The command line and the field app both go through it.
     */
    public Interviews interviews() {
        return interviews;
    }

    /**
     * Starts an interview to drive step by step ({@link DeviceInterview#screen()}, {@code answer}, {@code next},
     * {@code back}, ...): version null is the latest on the device; category null leaves it to the form's category
     * question. The passphrase (a new draft's, checked for strength) encrypts the draft every step is saved into.
     */
    public DeviceInterview startInterview(String form, Integer version, String site, String language, String category,
                                          char[] passphrase) throws ClientException {
        return startInterview(new InterviewStart(form, version, site, language, category, 1, StopPolicy.DISCARD_ALL),
                passphrase);
    }

    /** Starts an interview as {@code start} says (a joint interview, the stop policy...). */
    public DeviceInterview startInterview(InterviewStart start, char[] passphrase) throws ClientException {
        return interviews.start(start, passphrase);
    }

    /** Resumes a paused or interrupted interview from its draft; a stop then discards everything. */
    public DeviceInterview resumeDraft(String draftId, char[] passphrase) throws ClientException {
        return resumeDraft(draftId, passphrase, StopPolicy.DISCARD_ALL);
    }

    /** Resumes a paused or interrupted interview from its draft, with the stop policy {@code onStop}. */
    public DeviceInterview resumeDraft(String draftId, char[] passphrase, StopPolicy onStop) throws ClientException {
        return interviews.resume(draftId, passphrase, new InterviewSession.Options(settings.clock(), onStop));
    }

    /**
     * A site's referral directory as this device holds it (no network), names in {@code language} (null: the
     * study's master language), entries confirmed longer ago than {@code maxAgeDays} marked stale.
     */
    public HeldDirectory directory(String site, String language, int maxAgeDays) throws ClientException {
        return HeldDirectory.read(store, site, language, maxAgeDays, settings.clock());
    }

    /** The form versions the current manifest names, in its order, with titles and translation states. */
    public List<FormSummary> listForms() throws ClientException {
        enrolled();
        Optional<StoredManifest> stored = store.manifest();
        if (stored.isEmpty()) {
            return List.of();
        }
        Manifest manifest = readManifest(stored.get().body());
        Map<String, StoredForm> held = new HashMap<>();
        for (StoredForm form : store.forms()) {
            held.put(form.formId() + "/" + form.version(), form);
        }
        String master = masterLanguage();
        List<FormSummary> forms = new ArrayList<>();
        for (Manifest.FormEntry entry : manifest.forms() == null ? List.<Manifest.FormEntry>of() : manifest.forms()) {
            StoredForm form = held.remove(entry.formId() + "/" + entry.version());
            if (form != null) {
                forms.add(new FormSummary(form.formId(), form.kind(), form.version(), form.sha256(),
                        title(form.canonicalJson(), master), form.languages(), form.pulledAt()));
            }
        }
        return forms;
    }

    @Override
    public void close() {
        store.close();
    }

    private DeviceRecord enrolled() throws ClientException {
        return store.device().orElseThrow(() -> new ClientException(Reason.NOT_ENROLLED, "no enrolled device at "
                + store.home() + "; enrol it first: fieldsafe client enrol --server URL --code CODE --home "
                + store.home()));
    }

    private static DeviceInfo info(DeviceRecord d) {
        return new DeviceInfo(d.server(), d.deviceId(), d.study(), d.site(), d.enumerator(), d.deviceName(),
                d.enrolledAt());
    }

    private static Manifest readManifest(byte[] body) throws ClientException {
        try {
            return Json.mapper().readValue(body, Manifest.class);
        } catch (IOException e) {
            throw new ClientException(Reason.STORE, "the stored manifest is unreadable; pull again", e);
        }
    }

    /** The study's master language from its canonical JSON, English when it does not say. */
    private String masterLanguage() throws ClientException {
        Optional<byte[]> study = store.study().map(s -> s.canonicalJson());
        if (study.isPresent()) {
            try {
                JsonNode node = Json.mapper().readTree(study.get());
                for (String field : List.of("master_language", "masterLanguage")) {
                    JsonNode value = node.path(field);
                    if (value.isTextual() && !value.asText().isBlank()) {
                        return value.asText();
                    }
                }
            } catch (IOException e) {
                return "en";
            }
        }
        return "en";
    }

    /**
     * The form title in the form's own {@code master_language}, else in {@code language} (the study's
     * master), else in any language it has; null when the form has no title.
     */
    static String title(byte[] canonicalJson, String language) {
        try {
            JsonNode form = Json.mapper().readTree(canonicalJson);
            JsonNode title = form.path("title");
            if (title.isTextual()) {
                return title.asText();
            }
            for (String lang : new String[] {form.path("master_language").asText(""), language}) {
                if (!lang.isEmpty() && title.path(lang).isTextual()) {
                    return title.path(lang).asText();
                }
            }
            for (JsonNode text : title) {
                if (text.isTextual()) {
                    return text.asText();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
