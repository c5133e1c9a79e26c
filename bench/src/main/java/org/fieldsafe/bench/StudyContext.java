package org.fieldsafe.bench;

import java.util.List;
import org.fieldsafe.core.wire.SubmissionHeader.FormRef;

/**
 * What a valid header needs from the study: its id, the interview and consent form versions with their hashes,
 * the research key fingerprints to address parts to, and the server's receipt key (null: receipts are checked for
 * id and hash only).
 */
record StudyContext(String study, FormRef interview, FormRef consent, List<String> researchKeyIds,
                    byte[] receiptKey) {
}
