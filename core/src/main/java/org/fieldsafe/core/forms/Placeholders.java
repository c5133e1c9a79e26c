package org.fieldsafe.core.forms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders in form texts: {@code {research_team.phone}} is replaced by the study's value when a text is
 * rendered ({@link #fill}). The validator refuses a text that would reach a respondent unfilled ({@link #problems}):
 * a {@code {key}} the study gives no value for, and the template's fill-in markers such as {@code (Address)},
 * {@code (Phone)} or {@code [Email]}.
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    /** Fill-in markers of text templates, e.g. the consent template's "(Address) (Phone) (Email)". */
    private static final Pattern MARKER = Pattern.compile(
            "[(\\[]\\s*(address|phone|phone number|telephone|e-?mail|e-?mail address|name|contact|date)\\s*[)\\]]",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, String> values;

    private Placeholders(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The placeholders a study fills: its {@code research_team} fields. */
    public static Placeholders of(Study study) {
        return of(study == null ? null : study.researchTeam());
    }

    static Placeholders of(ResearchTeam team) {
        return new Placeholders(team == null ? Map.of() : team.placeholderValues());
    }

    /** The placeholder keys of {@code text} in order of appearance ({@code research_team.phone}). */
    public static Set<String> keys(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group(1).strip());
        }
        return out;
    }

    /** {@code text} with every placeholder the study gives a value for replaced by it; others are left as they are. */
    public String fill(String text) {
        if (text == null || text.indexOf('{') < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1).strip());
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Why {@code text} would be read out with a gap: unknown or valueless placeholders, template markers. */
    public List<String> problems(String text) {
        List<String> out = new ArrayList<>();
        for (String key : keys(text)) {
            if (!values.containsKey(key)) {
                out.add("unfilled placeholder {" + key + "}: " + (key.startsWith(ResearchTeam.PREFIX)
                        && List.of("name", "address", "phone", "email").contains(
                                key.substring(ResearchTeam.PREFIX.length()))
                        ? "study.yaml research_team has no " + key.substring(ResearchTeam.PREFIX.length())
                        : "not a known placeholder (known: {research_team.name}, {research_team.address},"
                                + " {research_team.phone}, {research_team.email})"));
            }
        }
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            out.add("unfilled placeholder '" + m.group() + "': write the value, or a placeholder such as"
                    + " {research_team." + field(m.group(1)) + "} filled from study.yaml");
        }
        return out;
    }

    /** Problems of a translation: its own, plus placeholders that differ from those of its master text. */
    public List<String> translationProblems(String translation, String masterText) {
        List<String> out = problems(translation);
        if (masterText != null) {
            Set<String> master = keys(masterText);
            Set<String> own = keys(translation);
            for (String key : master) {
                if (!own.contains(key)) {
                    out.add("lacks the placeholder {" + key + "} of the master text");
                }
            }
            for (String key : own) {
                if (!master.contains(key)) {
                    out.add("has the placeholder {" + key + "}, which the master text does not");
                }
            }
        }
        return out;
    }

    private static String field(String marker) {
        String m = marker.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("mail")) {
            return "email";
        }
        if (m.contains("phone")) {
            return "phone";
        }
        return m.equals("address") ? "address" : "name";
    }
}
