package org.fieldsafe.server.submissions;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.FormVersionRow;

/**
 * Parsed study and form definitions, by the SHA-256 of their canonical JSON (content never changes under a hash),
 * so that uploads do not re-parse the study for every request.
 */
final class DefinitionCache {
    private final ConcurrentMap<String, Study> studies = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Optional<String>> consentForms = new ConcurrentHashMap<>();

    Study study(CompiledStudy study) {
        return studies.computeIfAbsent(study.sha256(),
                sha -> Study.fromCanonicalJson(study.canonicalJson().getBytes(StandardCharsets.UTF_8)));
    }

    /** The consent form an interview form version requires; empty for other forms. */
    Optional<String> consentFormOf(FormVersionRow form) {
        return consentForms.computeIfAbsent(form.sha256(), sha -> Optional.ofNullable(
                FormDefinition.fromCanonicalJson(form.canonicalJson().getBytes(StandardCharsets.UTF_8)).consentForm()));
    }
}
