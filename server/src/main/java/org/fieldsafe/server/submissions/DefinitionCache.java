package org.fieldsafe.server.submissions;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.FormVersionRow;

/**
 * Parsed study and form definitions, by the SHA-256 of their canonical JSON (content never changes under a hash),
 * so that uploads (and the desk's redaction scan) do not re-parse the study for every request.
 */
public final class DefinitionCache {
    private final ConcurrentMap<String, Study> studies = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Optional<String>> consentForms = new ConcurrentHashMap<>();

    public Study study(CompiledStudy study) {
        return study(study.sha256(), study::canonicalJson);
    }

    /** The study whose canonical JSON has this hash; {@code canonicalJson} is asked only on a miss. */
    Study study(String sha256, Supplier<String> canonicalJson) {
        Study known = studies.get(sha256);
        return known != null ? known : studies.computeIfAbsent(sha256,
                sha -> Study.fromCanonicalJson(canonicalJson.get().getBytes(StandardCharsets.UTF_8)));
    }

    /** The consent form an interview form version requires; empty for other forms. */
    Optional<String> consentFormOf(FormVersionRow form) {
        return consentFormOf(form.sha256(), form::canonicalJson);
    }

    /** The consent form the form version with this hash requires; {@code canonicalJson} is asked only on a miss. */
    Optional<String> consentFormOf(String sha256, Supplier<String> canonicalJson) {
        Optional<String> known = consentForms.get(sha256);
        return known != null ? known : consentForms.computeIfAbsent(sha256, sha -> Optional.ofNullable(
                FormDefinition.fromCanonicalJson(canonicalJson.get().getBytes(StandardCharsets.UTF_8)).consentForm()));
    }
}
