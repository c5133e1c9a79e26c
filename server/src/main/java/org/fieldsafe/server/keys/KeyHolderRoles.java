package org.fieldsafe.server.keys;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.server.storage.CompiledStudy;

/** Which roles may hold which study key: study.yaml's {@code key_holders}, read once per study definition. */
final class KeyHolderRoles {
    /** Key holders (purpose to roles) by the SHA-256 of the study definition they were read from. */
    private final ConcurrentMap<String, Map<String, List<String>>> bySha = new ConcurrentHashMap<>();

    /**
     * True when the study's {@code key_holders} lists {@code role} (its wire name) for {@code purpose}; the ODK key
     * opens research answers, so the research key's roles hold it; the transcription key is held by transcribers
     * (and the roles {@code key_holders} lists for it).
     */
    boolean allows(CompiledStudy study, String purpose, String role) {
        if (StudyKeyService.TRANSCRIPTION.equals(purpose) && "transcriber".equals(role)) {
            return true;
        }
        String listed = StudyKeyService.ODK.equals(purpose) ? StudyKeyService.RESEARCH : purpose;
        Map<String, List<String>> byPurpose = bySha.computeIfAbsent(study.sha256(), sha -> {
            Map<String, List<String>> holders = Study.fromCanonicalJson(
                    study.canonicalJson().getBytes(StandardCharsets.UTF_8)).keyHolders();
            return holders == null ? Map.of() : holders;
        });
        return byPurpose.getOrDefault(listed, List.of()).contains(role);
    }
}
