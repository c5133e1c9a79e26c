package org.fieldsafe.client.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fieldsafe.client.keys.StoredKey;

/**
 * Everything one successful pull writes, applied by {@link DeviceStore#applyPull} in one transaction.
 *
 * @param manifestEtag the manifest's ETag as sent (may be null)
 * @param manifestBody the manifest bytes as sent
 * @param study the new study definition, or null when the stored one is current
 * @param newForms form versions downloaded and verified in this pull
 * @param languages every form version of the manifest with its current translation states (these may
 *                  change without a new version, so they are refreshed on every pull)
 * @param keysToPin study public keys to pin (only when none are pinned yet)
 * @param at when the pull happened
 */
public record PullUpdate(String manifestEtag, byte[] manifestBody, StoredStudy study, List<StoredForm> newForms,
                         List<FormLanguages> languages, List<StoredKey> keysToPin, Instant at) {
    public PullUpdate {
        Objects.requireNonNull(manifestBody, "manifestBody");
        newForms = List.copyOf(newForms);
        languages = List.copyOf(languages);
        keysToPin = List.copyOf(keysToPin);
        Objects.requireNonNull(at, "at");
    }

    /** The translation states of one form version, as the manifest gives them. */
    public record FormLanguages(String formId, int version, Map<String, String> languages) {
    }
}
