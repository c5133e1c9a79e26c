package org.fieldsafe.core.crypto.odk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decrypted ODK submission: the submission XML and its media by plain name (manifest order), and how its
 * element signature was found. Holds research plaintext: keep it in memory for one export and drop it.
 */
public record OpenedOdkSubmission(byte[] submissionXml, Map<String, byte[]> media, OdkSignature.Status signature) {

    public OpenedOdkSubmission {
        submissionXml = submissionXml.clone();
        media = Collections.unmodifiableMap(new LinkedHashMap<>(media));
    }

    @Override
    public byte[] submissionXml() {
        return submissionXml.clone();
    }

    @Override
    public String toString() {
        return "OpenedOdkSubmission[" + media.size() + " media, signature=" + signature + ", content=(redacted)]";
    }
}
