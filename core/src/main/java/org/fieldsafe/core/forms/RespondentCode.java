package org.fieldsafe.core.forms;

/** The pattern (a Java regular expression) respondent codes must match, with an example. */
public record RespondentCode(String pattern, String example) {

    public boolean matches(String code) {
        return code != null && code.matches(pattern);
    }
}
