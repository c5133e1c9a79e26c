package org.fieldsafe.core.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads and validates {@code study.yaml}. */
final class StudyParser {
    private static final Set<String> STUDY_KEYS = Set.of("id", "title", "master_language", "languages",
            "age_of_majority", "k_anonymity", "retention", "respondent_code", "key_holders", "referral_sla", "lead",
            "categories", "sites", "targets", "anonymisation", "referral_script", "interview_languages",
            "research_team", "public_title", "auto_lock_minutes", "redaction", "codebook");
    private static final Set<String> KEY_PURPOSES = Set.of("research", "safeguarding", "identity");
    private static final Set<String> URGENCIES = Set.of("immediate", "urgent", "routine");
    private static final int CODEBOOK_DEPTH = 3;

    private final NodeReader r;

    StudyParser(NodeReader reader) {
        this.r = reader;
    }

    /** The study (fields null where broken), or {@code null} when the top level is not a mapping. */
    Study parse(JsonNode root) {
        JsonNode s = r.object(root, "", STUDY_KEYS);
        if (s == null) {
            return null;
        }
        String id = r.id(s, "", "id", "[a-z0-9-]+");
        Map<String, String> languages = r.stringMap(s, "", "languages", true);
        if (languages == null) {
            languages = new LinkedHashMap<>();
        }
        languages.keySet().removeIf(code -> {
            if (!code.matches(DirectoryParser.LANGUAGE_CODE)) {
                r.problem(YamlDocument.child("languages", code), "'" + code + "' is not a BCP 47 language code");
                return true;
            }
            return false;
        });
        String master = r.text(s, "", "master_language", true);
        if (master != null && !languages.isEmpty() && !languages.containsKey(master)) {
            r.problem("master_language", "'" + master + "' is not one of the study languages");
            master = null;
        }
        ResearchTeam team = researchTeam(s);
        // study.yaml's own texts are not rendered through the placeholders: any placeholder in them is refused
        TextReader texts = new TextReader(r, master, languages.keySet(), Placeholders.of((ResearchTeam) null));
        Map<String, String> title = texts.read(s, "", "title", true);
        Integer age = r.integer(s, "", "age_of_majority", true, 1);
        Integer k = r.integer(s, "", "k_anonymity", true, 1);
        Retention retention = retention(s);
        RespondentCode code = respondentCode(s);
        Map<String, List<String>> keyHolders = keyHolders(s);
        Map<Urgency, Duration> sla = referralSla(s);
        Lead lead = lead(s);
        List<Category> categories = categories(s, texts);
        List<Site> sites = sites(s, texts);
        List<Target> targets = targets(s, categories, sites);
        Anonymisation anonymisation = anonymisation(s);
        Map<String, String> script = texts.read(s, "", "referral_script", false);
        Map<String, String> publicTitle = texts.read(s, "", "public_title", false);
        Integer autoLock = autoLockMinutes(s);
        List<CodebookCode> codebook = s.has("codebook") ? codes(s, "", "codebook", texts, new HashSet<>(), 1) : null;
        return new Study(id, title, master, languages, age == null ? 0 : age, k == null ? 0 : k, retention, code,
                keyHolders, sla, lead, categories, sites, targets, anonymisation, script, interviewLanguages(s), team,
                publicTitle, autoLock, new RedactionParser(r).parse(s, sites), codebook);
    }

    /**
     * {@code codebook}: a list of codes (id {@code [a-z][a-z0-9_]*}, unique over the whole tree; {@code label}; optional
     * {@code description} and {@code children}, themselves codes, at most {@value #CODEBOOK_DEPTH} levels deep).
     */
    private List<CodebookCode> codes(JsonNode obj, String path, String key, TextReader texts, Set<String> ids,
                                     int depth) {
        List<CodebookCode> out = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> items = r.list(obj, path, key, true);
        if (items.isEmpty() && obj.has(key)) {
            r.problem(YamlDocument.child(path, key), "name at least one code");
        }
        for (Map.Entry<String, JsonNode> item : items) {
            String p = item.getKey();
            JsonNode c = r.object(item.getValue(), p, Set.of("id", "label", "description", "children"));
            if (c == null) {
                continue;
            }
            String id = r.id(c, p, "id", "[a-z][a-z0-9_]*");
            if (id != null && !ids.add(id)) {
                r.problem(YamlDocument.child(p, "id"), "duplicate code id '" + id + "'");
            }
            List<CodebookCode> children = List.of();
            if (c.has("children")) {
                if (depth >= CODEBOOK_DEPTH) {
                    r.problem(YamlDocument.child(p, "children"), "codes nest at most " + CODEBOOK_DEPTH + " levels");
                } else {
                    children = codes(c, p, "children", texts, ids, depth + 1);
                }
            }
            out.add(new CodebookCode(id, texts.read(c, p, "label", true), texts.read(c, p, "description", false),
                    children));
        }
        return out;
    }

    /** {@code auto_lock_minutes}: 1 to 60 when given (a field laptop left unlocked longer than an hour is not safe). */
    private Integer autoLockMinutes(JsonNode s) {
        Integer minutes = r.integer(s, "", "auto_lock_minutes", false, 1);
        if (minutes != null && minutes > 60) {
            r.problem("auto_lock_minutes", "at most 60 minutes");
            return null;
        }
        return minutes;
    }

    private InterviewLanguages interviewLanguages(JsonNode s) {
        String p = "interview_languages";
        if (!s.has(p)) {
            return InterviewLanguages.DEFAULT;
        }
        JsonNode o = r.object(s.get(p), p, Set.of("allowed_states"));
        if (o == null) {
            return InterviewLanguages.DEFAULT;
        }
        List<TranslationState> states = new ArrayList<>();
        List<String> words = r.texts(o, p, "allowed_states", true);
        for (int i = 0; i < words.size(); i++) {
            String at = YamlDocument.index(YamlDocument.child(p, "allowed_states"), i);
            TranslationState state;
            try {
                state = TranslationState.of(words.get(i));
            } catch (IllegalArgumentException e) {
                r.problem(at, "'" + words.get(i) + "' is not one of missing, draft, complete, reviewed");
                continue;
            }
            if (states.contains(state)) {
                r.problem(at, "duplicate state '" + state + "'");
            } else {
                states.add(state);
            }
        }
        if (o.has("allowed_states") && words.isEmpty()) {
            r.problem(YamlDocument.child(p, "allowed_states"), "name at least one state");
        }
        return states.isEmpty() ? InterviewLanguages.DEFAULT : new InterviewLanguages(states);
    }

    private ResearchTeam researchTeam(JsonNode s) {
        String p = "research_team";
        if (!s.has(p)) {
            return null;
        }
        JsonNode o = r.object(s.get(p), p, Set.of("name", "address", "phone", "email"));
        if (o == null) {
            return null;
        }
        String phone = r.text(o, p, "phone", false);
        if (phone != null && !phone.matches("[0-9+() -]+")) {
            r.problem(YamlDocument.child(p, "phone"), "a phone number has digits, spaces and +()- only");
        }
        String email = r.text(o, p, "email", false);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            r.problem(YamlDocument.child(p, "email"), "'" + email + "' is not an e-mail address");
        }
        ResearchTeam team = new ResearchTeam(r.text(o, p, "name", false), r.text(o, p, "address", false), phone,
                email);
        if (team.placeholderValues().isEmpty()) {
            r.problem(p, "give at least one of name, address, phone, email");
        }
        for (Map.Entry<String, String> e : team.placeholderValues().entrySet()) {
            if (e.getValue().isBlank() || e.getValue().contains("{")) {
                r.problem(YamlDocument.child(p, e.getKey().substring("research_team.".length())),
                        "empty text or a placeholder");
            }
        }
        return team;
    }

    private Anonymisation anonymisation(JsonNode s) {
        if (!s.has("anonymisation")) {
            return null;
        }
        String p = "anonymisation";
        JsonNode o = r.object(s.get(p), p, Set.of("quasi_identifiers", "age_bands", "dates",
                "hierarchies", "regions", "max_suppressed_percent", "l_diversity"));
        if (o == null) {
            return null;
        }
        List<String> quasi = r.texts(o, p, "quasi_identifiers", true);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < quasi.size(); i++) {
            String q = quasi.get(i);
            String at = YamlDocument.index(YamlDocument.child(p, "quasi_identifiers"), i);
            if (!q.matches("[a-z][a-z0-9_]*")) {
                r.problem(at, "'" + q + "' is not a question id or site/category");
            } else if (!seen.add(q)) {
                r.problem(at, "duplicate quasi-identifier '" + q + "'");
            }
        }
        if (o.has("quasi_identifiers") && quasi.isEmpty()) {
            r.problem(YamlDocument.child(p, "quasi_identifiers"), "name at least one quasi-identifier");
        }
        List<Integer> bands = new ArrayList<>();
        for (Map.Entry<String, JsonNode> item : r.list(o, p, "age_bands", false)) {
            JsonNode v = item.getValue();
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
                r.problem(item.getKey(), "expected a whole number of years of at least 1, got "
                        + NodeReader.describe(v));
            } else if (!bands.isEmpty() && v.intValue() <= bands.get(bands.size() - 1)) {
                r.problem(item.getKey(), "age bands must be strictly increasing");
            } else {
                bands.add(v.intValue());
            }
        }
        String dates = r.text(o, p, "dates", false);
        if (dates != null && !Anonymisation.DATE_LEVELS.contains(dates)) {
            r.problem(YamlDocument.child(p, "dates"), "'" + dates + "' is not one of month, year");
            dates = null;
        }
        Generalisation generalisation = new GeneralisationParser(r).parse(o, p, quasi, bands);
        return new Anonymisation(quasi, bands, dates, generalisation);
    }

    private Retention retention(JsonNode s) {
        if (!s.has("retention")) {
            r.problem("retention", "missing required field");
            return null;
        }
        JsonNode o = r.object(s.get("retention"), "retention", Set.of("identity_days", "research_days"));
        Integer days = o == null ? null : r.integer(o, "retention", "identity_days", true, 1);
        Integer researchDays = o == null ? null : r.integer(o, "retention", "research_days", false, 1);
        if (days != null && researchDays != null && researchDays < days) {
            r.problem(YamlDocument.child("retention", "research_days"), "must be at least identity_days (" + days
                    + "): a submission's research data would go before its identity part");
            return null;
        }
        return days == null ? null : new Retention(days, researchDays);
    }

    private RespondentCode respondentCode(JsonNode s) {
        if (!s.has("respondent_code")) {
            r.problem("respondent_code", "missing required field");
            return null;
        }
        JsonNode o = r.object(s.get("respondent_code"), "respondent_code", Set.of("pattern", "example"));
        if (o == null) {
            return null;
        }
        String pattern = r.text(o, "respondent_code", "pattern", true);
        String example = r.text(o, "respondent_code", "example", true);
        if (pattern == null) {
            return null;
        }
        try {
            Pattern compiled = Pattern.compile(pattern);
            if (example != null && !compiled.matcher(example).matches()) {
                r.problem("respondent_code.example", "'" + example + "' does not match the pattern");
            }
        } catch (PatternSyntaxException e) {
            r.problem("respondent_code.pattern", "not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
            return null;
        }
        return new RespondentCode(pattern, example);
    }

    private Map<String, List<String>> keyHolders(JsonNode s) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!s.has("key_holders")) {
            return out;
        }
        JsonNode o = r.object(s.get("key_holders"), "key_holders", KEY_PURPOSES);
        if (o != null) {
            o.fieldNames().forEachRemaining(purpose -> {
                if (KEY_PURPOSES.contains(purpose)) {
                    out.put(purpose, r.texts(o, "key_holders", purpose, true));
                }
            });
        }
        return out;
    }

    private Map<Urgency, Duration> referralSla(JsonNode s) {
        Map<Urgency, Duration> out = new EnumMap<>(Urgency.class);
        if (!s.has("referral_sla")) {
            r.problem("referral_sla", "missing required field");
            return out;
        }
        JsonNode o = r.object(s.get("referral_sla"), "referral_sla", URGENCIES);
        if (o == null) {
            return out;
        }
        for (Urgency u : Urgency.values()) {
            String text = r.text(o, "referral_sla", u.wire(), true);
            if (text == null) {
                continue;
            }
            try {
                Duration d = Duration.parse(text);
                if (d.isNegative() || d.isZero()) {
                    r.problem("referral_sla." + u.wire(), "must be a positive duration");
                } else {
                    out.put(u, d);
                }
            } catch (DateTimeParseException e) {
                r.problem("referral_sla." + u.wire(), "'" + text + "' is not an ISO-8601 duration such as PT24H");
            }
        }
        return out;
    }

    private Lead lead(JsonNode s) {
        if (!s.has("lead")) {
            r.problem("lead", "missing required field");
            return null;
        }
        JsonNode o = r.object(s.get("lead"), "lead", Set.of("role"));
        String role = o == null ? null : r.id(o, "lead", "role", "[a-z][a-z0-9_]*");
        return role == null ? null : new Lead(role);
    }

    private List<Category> categories(JsonNode s, TextReader texts) {
        List<Category> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, JsonNode> item : r.list(s, "", "categories", true)) {
            String p = item.getKey();
            JsonNode c = r.object(item.getValue(), p, Set.of("id", "label", "definition"));
            if (c == null) {
                continue;
            }
            String id = r.id(c, p, "id", "[A-Z][A-Z0-9_]*");
            if (id != null && !ids.add(id)) {
                r.problem(YamlDocument.child(p, "id"), "duplicate category id '" + id + "'");
            }
            out.add(new Category(id, texts.read(c, p, "label", true), texts.read(c, p, "definition", false)));
        }
        return out;
    }

    private List<Site> sites(JsonNode s, TextReader texts) {
        List<Site> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        DirectoryParser directories = new DirectoryParser(r, texts);
        for (Map.Entry<String, JsonNode> item : r.list(s, "", "sites", true)) {
            String p = item.getKey();
            JsonNode site = r.object(item.getValue(), p, Set.of("id", "country", "name", "languages", "directory"));
            if (site == null) {
                continue;
            }
            String id = r.id(site, p, "id", "[A-Z]{2}-[A-Z]{3}");
            if (id != null && !ids.add(id)) {
                r.problem(YamlDocument.child(p, "id"), "duplicate site id '" + id + "'");
            }
            String country = r.id(site, p, "country", "[A-Z]{2}");
            Map<String, String> name = texts.read(site, p, "name", true);
            List<String> languages = r.texts(site, p, "languages", true);
            for (int i = 0; i < languages.size(); i++) {
                if (!texts.languages().isEmpty() && !texts.languages().contains(languages.get(i))) {
                    r.problem(YamlDocument.index(YamlDocument.child(p, "languages"), i),
                            "unknown language '" + languages.get(i) + "' (not in the study's languages)");
                }
            }
            ReferralDirectory directory = null;
            if (site.has("directory")) {
                directory = directories.parse(site.get("directory"), YamlDocument.child(p, "directory"));
            } else {
                r.problem(YamlDocument.child(p, "directory"), "missing required field");
            }
            out.add(new Site(id, country, name, languages, directory));
        }
        return out;
    }

    private List<Target> targets(JsonNode s, List<Category> categories, List<Site> sites) {
        List<Target> out = new ArrayList<>();
        Set<String> categoryIds = new HashSet<>();
        categories.forEach(c -> categoryIds.add(c.id()));
        Set<String> siteIds = new HashSet<>();
        sites.forEach(site -> siteIds.add(site.id()));
        for (Map.Entry<String, JsonNode> item : r.list(s, "", "targets", false)) {
            String p = item.getKey();
            JsonNode t = item.getValue();
            if (!t.isObject()) {
                r.problem(p, "expected a mapping, got " + NodeReader.describe(t));
                continue;
            }
            List<String> targetSites = r.texts(t, p, "sites", true);
            for (int i = 0; i < targetSites.size(); i++) {
                if (!siteIds.contains(targetSites.get(i))) {
                    r.problem(YamlDocument.index(YamlDocument.child(p, "sites"), i),
                            "unknown site '" + targetSites.get(i) + "'");
                }
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            t.fieldNames().forEachRemaining(key -> {
                if (key.equals("sites")) {
                    return;
                }
                if (!categoryIds.contains(key)) {
                    r.problem(YamlDocument.child(p, key), "unknown category '" + key + "'");
                    return;
                }
                Integer n = r.integer(t, p, key, true, 0);
                if (n != null) {
                    counts.put(key, n);
                }
            });
            out.add(new Target(targetSites, counts));
        }
        return out;
    }
}
