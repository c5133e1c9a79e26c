package org.fieldsafe.client.interview;

import java.util.Map;
import org.fieldsafe.core.forms.ConsentRules;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.wire.SubmissionHeader.ConsentAssertion;

/**
 * The consent rules (DESIGN.md section 7) as the interview applies them; the rules themselves are core's
 * {@link ConsentRules}, shared with the admin command line's import of earlier waves.
 */
public final class ConsentGate {
    public static final String PARTICIPATION = ConsentRules.PARTICIPATION;
    public static final String RECORDING = ConsentRules.RECORDING;
    public static final String MODE = ConsentRules.MODE;
    public static final String AGE = ConsentRules.AGE;
    public static final String GUARDIAN = ConsentRules.GUARDIAN;
    public static final String ASSENT = ConsentRules.ASSENT;
    public static final String CODE = ConsentRules.CODE;
    /** The interview form's respondent category question; its choice ids are the study's category ids. */
    public static final String CATEGORY = ConsentRules.CATEGORY;

    private ConsentGate() {
    }

    /** Why the interview may not start for these consent answers, or null when it may. */
    static String refusal(Study study, Map<String, Object> consent) {
        return ConsentRules.refusal(study, consent);
    }

    static boolean minor(Study study, Map<String, Object> consent) {
        return ConsentRules.minor(study, consent);
    }

    static boolean recording(Map<String, Object> consent) {
        return ConsentRules.recording(consent);
    }

    /** The header's consent assertion for these answers. */
    static ConsentAssertion assertion(Study study, Map<String, Object> consent) {
        return ConsentRules.assertion(study, consent);
    }
}
