package org.fieldsafe.core.forms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The research team's contact ({@code research_team} in study.yaml), read out in the consent information so a
 * respondent can reach the team later. Form texts refer to it as {@code {research_team.phone}} and so on
 * ({@link Placeholders}); any field may be absent, but a text that uses an absent one does not validate.
 */
public record ResearchTeam(String name, String address, String phone, String email) {
    static final String PREFIX = "research_team.";

    /** Placeholder key ({@code research_team.phone}) to value, for the fields present. */
    public Map<String, String> placeholderValues() {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "name", name);
        put(out, "address", address);
        put(out, "phone", phone);
        put(out, "email", email);
        return out;
    }

    private static void put(Map<String, String> out, String field, String value) {
        if (value != null) {
            out.put(PREFIX + field, value);
        }
    }
}
