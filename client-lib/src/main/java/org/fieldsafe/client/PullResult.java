package org.fieldsafe.client;

import java.util.List;

/**
 * What a pull did.
 *
 * @param upToDate the server confirmed (304) that the device already holds the current manifest
 * @param studyUpdated a new study definition was stored
 * @param pulled the form versions downloaded and stored by this pull
 * @param formsInManifest how many form versions the current manifest names
 * @param keysPinned how many study public keys this pull pinned (the first manifest that carries keys)
 */
public record PullResult(boolean upToDate, boolean studyUpdated, List<FormVersion> pulled, int formsInManifest,
                         int keysPinned) {
    public PullResult {
        pulled = List.copyOf(pulled);
    }
}
