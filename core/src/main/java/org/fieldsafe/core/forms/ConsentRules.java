package org.fieldsafe.core.forms;

import java.math.BigDecimal;
import java.util.Map;
import org.fieldsafe.core.wire.SubmissionHeader.ConsentAssertion;

/**
 * The consent rules (DESIGN.md section 7) over the parsed answers of a consent form, by its stable question ids:
 * participation = yes; a minor (age below the study's age of majority) also needs guardian consent and child
 * assent; audio only with recording consent. One place for whoever seals a submission: the field device
 * (client-lib's {@code ConsentGate}) and the admin command line's import of earlier waves.
 */
public final class ConsentRules {
    public static final String PARTICIPATION = "participation";
    public static final String RECORDING = "recording_consent";
    public static final String MODE = "consent_mode";
    public static final String AGE = "age";
    public static final String GUARDIAN = "guardian_consent";
    public static final String ASSENT = "child_assent";
    public static final String CODE = "respondent_code";
    /** The interview form's respondent category question; its choice ids are the study's category ids. */
    public static final String CATEGORY = "category";

    private ConsentRules() {
    }

    /** Why an interview may not go ahead for these consent answers, or null when it may. */
    public static String refusal(Study study, Map<String, Object> consent) {
        if (!yes(consent, PARTICIPATION)) {
            return "the respondent did not consent to take part (participation)";
        }
        if (minor(study, consent) && !(yes(consent, GUARDIAN) && yes(consent, ASSENT))) {
            return "a minor needs both guardian consent and child assent (guardian_consent, child_assent)";
        }
        if (consent.get(CODE) == null) {
            return "the respondent code is missing (respondent_code)";
        }
        return null;
    }

    /** Younger than the study's age of majority, by the consent form's {@code age} answer. */
    public static boolean minor(Study study, Map<String, Object> consent) {
        return consent.get(AGE) instanceof BigDecimal age
                && age.compareTo(BigDecimal.valueOf(study.ageOfMajority())) < 0;
    }

    public static boolean recording(Map<String, Object> consent) {
        return yes(consent, RECORDING);
    }

    /** The header's consent assertion for these answers. */
    public static ConsentAssertion assertion(Study study, Map<String, Object> consent) {
        boolean minor = minor(study, consent);
        return new ConsentAssertion(yes(consent, PARTICIPATION), recording(consent),
                (String) consent.get(MODE), minor,
                minor ? yes(consent, GUARDIAN) : null, minor ? yes(consent, ASSENT) : null);
    }

    private static boolean yes(Map<String, Object> answers, String id) {
        return "yes".equals(answers.get(id));
    }
}
