package org.fieldsafe.server.cli.xlsform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Column headers of translated texts as XLSForm writes them, {@code label::Bengali (bn)}: the base name, then
 * {@code ::} (or the older single {@code :}) and the language as {@code Name (code)}, a bare code or a bare name.
 * A base name without a language ({@code label}) is the study's master language.
 */
final class LanguageColumns {
    private static final Pattern NAME_AND_CODE = Pattern.compile("(.*)\\(([^()]+)\\)\\s*");

    private final String master;
    private final Map<String, String> languages;

    /** {@code languages}: the study's language codes to their English names (study.yaml). */
    LanguageColumns(String master, Map<String, String> languages) {
        this.master = master;
        this.languages = languages;
    }

    String master() {
        return master;
    }

    /** The study's languages in study.yaml order: code to English name. */
    Map<String, String> languages() {
        return languages;
    }

    /** The header for {@code base} in {@code language}: {@code label::Bengali (bn)}. */
    String header(String base, String language) {
        return base + "::" + languages.getOrDefault(language, language) + " (" + language + ")";
    }

    /** Whether {@code header} is {@code base} alone or {@code base} with a language. */
    static boolean isOf(String header, String base) {
        String h = header.toLowerCase(Locale.ROOT);
        return h.equals(base) || h.startsWith(base + ":");
    }

    /** A text column parsed: its base name and its language, or the reason the language is not the study's. */
    record Parsed(String base, String language, String problem) {
    }

    /** Parses a header that {@link #isOf} one of {@code bases}; empty when it is of none. */
    Optional<Parsed> parse(String header, List<String> bases) {
        for (String base : bases) {
            if (!isOf(header, base)) {
                continue;
            }
            String rest = header.substring(base.length());
            if (rest.isEmpty()) {
                return Optional.of(new Parsed(base, master, null));
            }
            String spec = (rest.startsWith("::") ? rest.substring(2) : rest.substring(1)).strip();
            return Optional.of(language(base, spec));
        }
        return Optional.empty();
    }

    private Parsed language(String base, String spec) {
        Matcher m = NAME_AND_CODE.matcher(spec);
        String code = m.matches() ? m.group(2).strip() : spec;
        if (languages.containsKey(code)) {
            return new Parsed(base, code, null);
        }
        String name = m.matches() ? m.group(1).strip() : spec;
        for (Map.Entry<String, String> e : languages.entrySet()) {
            if (e.getValue().equalsIgnoreCase(name)) {
                return new Parsed(base, e.getKey(), null);
            }
        }
        return new Parsed(base, null, "language `" + spec + "` is not one of the study's languages ("
                + String.join(", ", languages.keySet().stream().map(c -> header("", c).substring(2)).toList())
                + ")");
    }
}
