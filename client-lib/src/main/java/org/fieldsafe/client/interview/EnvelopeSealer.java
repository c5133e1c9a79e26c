package org.fieldsafe.client.interview;

import java.util.Map;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * Seals the plaintext parts of a finished interview under the study keys (docs/sealing.md): one sealed part
 * per entry of {@code parts}, the header's canonical bytes as associated data.
 */
public interface EnvelopeSealer {
    Envelope seal(SubmissionHeader header, Map<String, byte[]> parts) throws Exception;
}
