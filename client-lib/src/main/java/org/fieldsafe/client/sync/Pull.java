package org.fieldsafe.client.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.FormVersion;
import org.fieldsafe.client.PullProgress;
import org.fieldsafe.client.PullResult;
import org.fieldsafe.client.store.DeviceRecord;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.PullUpdate;
import org.fieldsafe.client.store.StoredForm;
import org.fieldsafe.client.keys.StoredKey;
import org.fieldsafe.client.store.StoredManifest;
import org.fieldsafe.client.store.StoredStudy;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.wire.Manifest;

/**
 * One pull: fetch the manifest (conditionally on the stored ETag), download the study if its hash
 * changed and every form version not yet held, check each body against the manifest's SHA-256, then
 * store everything in one transaction. Any failure before the commit leaves the store as it was.
 */
public final class Pull {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final DeviceStore store;
    private final ServerApi api;
    private final Clock clock;

    public Pull(DeviceStore store, ServerApi api, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public PullResult run(DeviceRecord device, PullProgress progress) throws ClientException {
        Optional<StoredManifest> stored = store.manifest();
        String etag = stored.map(StoredManifest::etag).orElse(null);
        Optional<ServerApi.Answer> fetched = api.manifest(device.deviceToken(), etag);
        if (fetched.isEmpty()) {
            if (stored.isEmpty()) {
                throw new ClientException(Reason.SERVER, "the server answered 304 Not Modified although this"
                        + " device holds no manifest yet", 304, null, null);
            }
            store.markManifestChecked(clock.instant());
            progress.upToDate();
            return new PullResult(true, false, List.of(), manifestForms(stored.get().body()).size(), 0);
        }
        ServerApi.Answer answer = fetched.get();
        Manifest manifest = answer.json(Manifest.class, "manifest");
        List<Manifest.FormEntry> forms = validate(manifest, device);
        Instant now = clock.instant();
        List<StoredKey> keysToPin = checkKeys(manifest.keys(), store.studyKeys(), now);

        StoredStudy study = pullStudy(manifest.study(), device, progress, now);
        List<Manifest.FormEntry> missing = new ArrayList<>();
        for (Manifest.FormEntry entry : forms) {
            Optional<String> held = store.formSha256(entry.formId(), entry.version());
            if (held.isEmpty() || !held.get().equalsIgnoreCase(entry.sha256())) {
                missing.add(entry);
            }
        }
        List<StoredForm> newForms = new ArrayList<>();
        List<FormVersion> pulled = new ArrayList<>();
        if (!missing.isEmpty()) {
            progress.pullingForms(missing.size());
        }
        for (Manifest.FormEntry entry : missing) {
            FormVersion version = new FormVersion(entry.formId(), entry.version(), lower(entry.sha256()));
            byte[] body = api.form(device.deviceToken(), entry.formId(), entry.version()).body();
            verify(body, entry.sha256(), "form " + version);
            newForms.add(new StoredForm(entry.formId(), entry.version(), entry.kind(), lower(entry.sha256()),
                    languages(entry), body, now));
            pulled.add(version);
            progress.formPulled(version);
        }
        List<PullUpdate.FormLanguages> states = new ArrayList<>();
        for (Manifest.FormEntry entry : forms) {
            states.add(new PullUpdate.FormLanguages(entry.formId(), entry.version(), languages(entry)));
        }
        store.applyPull(new PullUpdate(answer.etag(), answer.body(), study, newForms, states, keysToPin, now));
        return new PullResult(false, study != null, pulled, forms.size(), keysToPin.size());
    }

    private StoredStudy pullStudy(Manifest.StudyRef ref, DeviceRecord device, PullProgress progress, Instant now)
            throws ClientException {
        if (ref == null) {
            return null;
        }
        Optional<StoredStudy> held = store.study();
        if (held.isPresent() && held.get().sha256().equalsIgnoreCase(ref.sha256())) {
            return null;
        }
        progress.pullingStudy(ref.id());
        byte[] body = api.study(device.deviceToken()).body();
        verify(body, ref.sha256(), "study " + ref.id());
        progress.studyPulled(ref.id());
        return new StoredStudy(ref.id(), lower(ref.sha256()), body, now);
    }

    /** Checks the manifest is one this client can act on; returns its form entries without repeats. */
    private static List<Manifest.FormEntry> validate(Manifest manifest, DeviceRecord device) throws ClientException {
        Manifest.StudyRef study = manifest.study();
        if (study != null) {
            if (study.id() == null || !Digests.isSha256Hex(study.sha256())) {
                throw unusable("its study has no id or no valid sha256");
            }
            if (!study.id().equals(device.study())) {
                throw unusable("it is for study '" + study.id() + "' but this device is enrolled for study '"
                        + device.study() + "'");
            }
        }
        Map<String, Manifest.FormEntry> unique = new LinkedHashMap<>();
        for (Manifest.FormEntry entry : manifest.forms() == null ? List.<Manifest.FormEntry>of() : manifest.forms()) {
            if (entry == null || entry.formId() == null || !ID.matcher(entry.formId()).matches()) {
                throw unusable("a form entry has no valid form id");
            }
            if (entry.version() < 1 || !Digests.isSha256Hex(entry.sha256()) || entry.kind() == null || entry.kind().isBlank()) {
                throw unusable("form '" + entry.formId() + "' lacks a valid version, sha256 or kind");
            }
            unique.putIfAbsent(entry.formId() + "/" + entry.version(), entry);
        }
        return List.copyOf(unique.values());
    }

    /**
     * The keys an enrolment answer hands the device, checked (each fingerprint is the SHA-256 of its public key)
     * and ready to pin.
     */
    public static List<StoredKey> keysFromEnrolment(List<Manifest.StudyKey> offered, Instant now)
            throws ClientException {
        return checkKeys(offered, List.of(), now);
    }

    /**
     * Study keys are pinned at enrolment, or by the first manifest that offers any when the study had none then;
     * after
     * that, a manifest offering a key that is not pinned, or a pinned fingerprint with other key material, is
     * refused, so a server cannot make the device seal interviews to someone else's key. Returns the keys to
     * pin now (empty once keys are pinned).
     */
    private static List<StoredKey> checkKeys(List<Manifest.StudyKey> offered, List<StoredKey> pinned, Instant now)
            throws ClientException {
        List<StoredKey> toPin = new ArrayList<>();
        Map<String, StoredKey> seen = new LinkedHashMap<>();
        for (Manifest.StudyKey key : offered == null ? List.<Manifest.StudyKey>of() : offered) {
            if (key == null || blank(key.purpose()) || blank(key.publicKey()) || blank(key.fingerprint())) {
                throw unusable("a study key lacks its purpose, public key or fingerprint");
            }
            String fingerprint = lower(key.fingerprint());
            if (!fingerprint.equals(fingerprintOf(key.publicKey()))) {
                throw unusable("the " + key.purpose() + " key's fingerprint is not the SHA-256 of its public key");
            }
            if (seen.containsKey(fingerprint)) {
                continue;
            }
            StoredKey candidate = new StoredKey(key.purpose(), key.algorithm(), key.publicKey(), fingerprint, now);
            seen.put(fingerprint, candidate);
            if (pinned.isEmpty()) {
                toPin.add(candidate);
                continue;
            }
            boolean known = pinned.stream().anyMatch(p -> p.fingerprint().equalsIgnoreCase(fingerprint)
                    && p.purpose().equals(key.purpose()) && p.publicKey().equals(key.publicKey()));
            if (!known) {
                throw new ClientException(Reason.INTEGRITY, "the server offers a " + key.purpose() + " study key ("
                        + shortFingerprint(fingerprint) + ") that differs from the keys this device pinned; nothing"
                        + " was stored. If the study's keys were really replaced, enrol the device again");
            }
        }
        return toPin;
    }

    private static String fingerprintOf(String publicKeyBase64) throws ClientException {
        try {
            return Digests.sha256Hex(Base64.getDecoder().decode(publicKeyBase64));
        } catch (IllegalArgumentException e) {
            throw unusable("a study key is not base64");
        }
    }

    private static String shortFingerprint(String fingerprint) {
        return fingerprint.length() > 16 ? fingerprint.substring(0, 16) + "..." : fingerprint;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static ClientException unusable(String why) {
        return new ClientException(Reason.SERVER, "the server sent a manifest this client cannot use: " + why);
    }

    private static void verify(byte[] body, String expected, String what) throws ClientException {
        String actual = Digests.sha256Hex(body);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new ClientException(Reason.INTEGRITY, what + " from the server does not match the manifest"
                    + " (expected sha256 " + lower(expected).substring(0, 12) + "..., got " + actual.substring(0, 12)
                    + "...); nothing was stored");
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw new ClientException(Reason.INTEGRITY, what + " from the server is not a JSON object;"
                        + " nothing was stored");
            }
        } catch (IOException e) {
            throw new ClientException(Reason.INTEGRITY, what + " from the server is not valid JSON; nothing was"
                    + " stored", e);
        }
    }

    /** The form entries of a stored manifest (for counting), tolerating what this client ignores. */
    static List<Manifest.FormEntry> manifestForms(byte[] body) throws ClientException {
        try {
            Manifest m = Json.mapper().readValue(body, Manifest.class);
            return m.forms() == null ? List.of() : m.forms();
        } catch (IOException e) {
            throw new ClientException(Reason.STORE, "the stored manifest is unreadable; pull again", e);
        }
    }

    private static Map<String, String> languages(Manifest.FormEntry entry) {
        return entry.languages() == null ? Map.of() : entry.languages();
    }

    private static String lower(String hex) {
        return hex.toLowerCase(Locale.ROOT);
    }
}
