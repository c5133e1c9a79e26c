package org.fieldsafe.server.openrosa;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.core.crypto.odk.OdkXml;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Study;
import org.w3c.dom.Element;

/**
 * The answers of a decrypted ODK submission, read from the XForm instance Fieldsafe generated
 * ({@code /data/<consent form id>/<question id>} and {@code /data/<interview form id>/<question id>}): each value
 * typed by its question (integers, decimals, a select_multiple's space-separated choices as a list, the rest as text;
 * empty ones left out), and the consent rule re-checked as the field app applies it before an interview.
 */
public record OdkInstance(Map<String, Object> consent, Map<String, Object> answers) {
    static final String PARTICIPATION = "participation";
    static final String AGE = "age";
    static final String GUARDIAN = "guardian_consent";
    static final String ASSENT = "child_assent";
    static final String CODE = "respondent_code";

    /** Reads the instance; {@link IllegalArgumentException} (no content in the message) when it is not one. */
    public static OdkInstance read(byte[] xml, FormDefinition consentForm, FormDefinition form) {
        Element root = parse(xml);
        return new OdkInstance(group(root, consentForm), group(root, form));
    }

    /**
     * The field app's consent rule: participation yes, a respondent code, and for a minor (age below the study's age
     * of majority) guardian consent and child assent both yes.
     */
    public boolean consented(Study study) {
        if (!"yes".equals(consent.get(PARTICIPATION)) || text(CODE).isEmpty()) {
            return false;
        }
        Object age = consent.get(AGE);
        boolean minor = age instanceof Number n && n.intValue() < study.ageOfMajority();
        return !minor || "yes".equals(consent.get(GUARDIAN)) && "yes".equals(consent.get(ASSENT));
    }

    /** The respondent code given in the consent group. */
    public Optional<String> text(String consentQuestion) {
        Object value = consent.get(consentQuestion);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    private static Map<String, Object> group(Element root, FormDefinition form) {
        Map<String, Object> values = new LinkedHashMap<>();
        Element group = child(root, form.id());
        if (group == null) {
            return values;
        }
        for (Question q : form.questions()) {
            Element node = child(group, q.id());
            String text = node == null ? "" : node.getTextContent().strip();
            if (!text.isEmpty() && q.type() != QuestionType.NOTE) {
                values.put(q.id(), typed(q.type(), text));
            }
        }
        return values;
    }

    private static Object typed(QuestionType type, String text) {
        try {
            return switch (type) {
                case INTEGER -> Long.parseLong(text);
                case DECIMAL -> new BigDecimal(text);
                case SELECT_MULTIPLE -> Arrays.asList(text.split("\\s+"));
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a number question holds no number");
        }
    }

    private static Element child(Element parent, String name) {
        return OdkXml.child(parent, name);
    }

    private static Element parse(byte[] xml) {
        try {
            return OdkXml.root(xml);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the decrypted submission is not well-formed XML");
        }
    }
}
