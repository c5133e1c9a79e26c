package org.fieldsafe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.fieldsafe.core.wire.SubmissionHeader.FormRef;

/** Reads a device's manifest for the form versions, research key ids and receipt key a header needs. */
final class StudyContexts {
    private StudyContexts() {
    }

    static StudyContext fromManifest(Http http, String deviceToken, String study)
            throws IOException, InterruptedException {
        return fromManifest(http.get("/sync/manifest", deviceToken), study);
    }

    static StudyContext fromManifest(JsonNode manifest, String study) throws IOException {
        FormRef interview = null;
        FormRef consent = null;
        for (JsonNode f : manifest.path("forms")) {
            FormRef ref = new FormRef(f.path("formId").asText(), f.path("version").asInt(), f.path("sha256").asText());
            if ("consent".equals(f.path("kind").asText())) {
                consent = ref;
            } else if ("interview".equals(f.path("kind").asText())) {
                interview = ref;
            }
        }
        if (interview == null || consent == null) {
            throw new IOException("the manifest lists no published interview and consent form");
        }
        Map<String, String> keyIds = new HashMap<>();
        byte[] receipt = null;
        for (JsonNode k : manifest.path("keys")) {
            String purpose = k.path("purpose").asText();
            if ("receipt".equals(purpose)) {
                receipt = Base64.getDecoder().decode(k.path("publicKey").asText());
            } else {
                keyIds.putIfAbsent(purpose, k.path("fingerprint").asText());
            }
        }
        String id = manifest.path("study").path("id").asText(study);
        return new StudyContext(id, interview, consent, keyIds, receipt);
    }
}
