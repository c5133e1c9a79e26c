package org.fieldsafe.server.export;

import java.util.regex.Pattern;
import org.fieldsafe.server.auth.FieldsafePrincipal;

/**
 * The audit subject of a refused export-related request, written before the study is looked up: the study id
 * from the URL only when it looks like one (so no typed text reaches the audit log), and the caller's role.
 */
final class DeniedSubject {
    private static final Pattern STUDY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private DeniedSubject() {
    }

    static String of(String studyId, FieldsafePrincipal who, String what) {
        String study = studyId != null && STUDY_ID.matcher(studyId).matches() ? studyId : "(not a study id)";
        return "study:" + study + " " + what + " role:" + who.role().wire();
    }
}
