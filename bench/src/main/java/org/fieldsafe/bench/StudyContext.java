package org.fieldsafe.bench;

import java.util.Map;
import org.fieldsafe.core.wire.SubmissionHeader.FormRef;

/**
 * What a valid upload needs from the study: its id, the interview and consent form versions with their hashes,
 * the study key fingerprint per purpose ({@code research}, {@code identity}) that parts are addressed to, and the
 * server's receipt key (null: receipts are checked for id and hash only).
 */
record StudyContext(String study, FormRef interview, FormRef consent, Map<String, String> keyIds,
                    byte[] receiptKey) {
    StudyContext {
        keyIds = Map.copyOf(keyIds);
    }
}
