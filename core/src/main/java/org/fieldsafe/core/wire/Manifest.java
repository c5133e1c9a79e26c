package org.fieldsafe.core.wire;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/sync/manifest}: what a device should hold. No timestamps, so that equal content gives
 * an equal body and an equal ETag.
 */
public record Manifest(StudyRef study, String site, String deviceId, List<FormEntry> forms,
                       DirectoryRef directory, List<StudyKey> keys) {

    /** The study definition the device should hold, by hash. */
    public record StudyRef(String id, String sha256) {
    }

    /** One published form version; {@code languages} maps a language code to complete, draft or missing. */
    public record FormEntry(String formId, String kind, int version, String sha256,
                            Map<String, String> languages, String href) {
    }

    /** The referral directory of the device's site. */
    public record DirectoryRef(String site, int version, String sha256) {
    }

    /** A study public key (filled once study keys exist). */
    public record StudyKey(String purpose, String algorithm, String publicKey, String fingerprint) {
    }
}
