package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldsafe.core.util.CanonicalJson;

/**
 * A study as declared in {@code study.yaml}. {@code languages} maps a language code to its English name
 * in file order; {@code keyHolders} maps a study key purpose to the roles holding it;
 * {@code anonymisation} is null when study.yaml has no such block; {@code referralScript} (texts by language, null
 * when study.yaml has none) is what the enumerator says when offering referral after a disclosure;
 * {@code interviewLanguages} says which translation states interviews may use (never null: the default when
 * study.yaml has none); {@code researchTeam} (null when study.yaml has none) fills the consent text's contact
 * placeholders; {@code publicTitle} (texts by language, null when study.yaml has none) is the neutral title the
 * field app shows in its window title, tab and headings instead of {@code title} (WHO: the community is not told
 * what the study is about); {@code autoLockMinutes} (null when study.yaml has none) is how long the field app
 * stays unlocked without use; {@code redaction} (null when study.yaml has none, and then absent from the canonical
 * JSON, so the study's hash is unchanged) lists the place and organisation names the export's text scan replaces;
 * {@code codebook} (null when study.yaml has none, and then absent from the canonical JSON too) is the study's
 * starter codebook of themes, exported as codes in QDPX.
 */
public record Study(String id, Map<String, String> title, String masterLanguage, Map<String, String> languages,
                    int ageOfMajority, int kAnonymity, Retention retention, RespondentCode respondentCode,
                    Map<String, List<String>> keyHolders, Map<Urgency, Duration> referralSla, Lead lead,
                    List<Category> categories, List<Site> sites, List<Target> targets,
                    Anonymisation anonymisation, Map<String, String> referralScript,
                    InterviewLanguages interviewLanguages, ResearchTeam researchTeam,
                    Map<String, String> publicTitle, Integer autoLockMinutes,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Redaction redaction,
                    @JsonInclude(JsonInclude.Include.NON_NULL) List<CodebookCode> codebook) {
    /** Minutes without use before the field app locks, when study.yaml does not say. */
    public static final int DEFAULT_AUTO_LOCK_MINUTES = 5;

    /** A study without a {@code redaction} or {@code codebook} block. */
    public Study(String id, Map<String, String> title, String masterLanguage, Map<String, String> languages,
                 int ageOfMajority, int kAnonymity, Retention retention, RespondentCode respondentCode,
                 Map<String, List<String>> keyHolders, Map<Urgency, Duration> referralSla, Lead lead,
                 List<Category> categories, List<Site> sites, List<Target> targets,
                 Anonymisation anonymisation, Map<String, String> referralScript,
                 InterviewLanguages interviewLanguages, ResearchTeam researchTeam,
                 Map<String, String> publicTitle, Integer autoLockMinutes) {
        this(id, title, masterLanguage, languages, ageOfMajority, kAnonymity, retention, respondentCode, keyHolders,
                referralSla, lead, categories, sites, targets, anonymisation, referralScript, interviewLanguages,
                researchTeam, publicTitle, autoLockMinutes, null, null);
    }

    public Study {
        interviewLanguages = interviewLanguages == null ? InterviewLanguages.DEFAULT : interviewLanguages;
    }

    /** The study's anonymisation settings, or {@link Anonymisation#DEFAULT} when study.yaml has none. */
    public Anonymisation anonymisationOrDefault() {
        return anonymisation == null ? Anonymisation.DEFAULT : anonymisation;
    }

    /** The starter codebook's top-level codes (empty when study.yaml has none). */
    public List<CodebookCode> codebookOrEmpty() {
        return codebook == null ? List.of() : codebook;
    }

    /** {@code auto_lock_minutes}, else {@link #DEFAULT_AUTO_LOCK_MINUTES}. */
    public int autoLockMinutesOrDefault() {
        return autoLockMinutes == null ? DEFAULT_AUTO_LOCK_MINUTES : autoLockMinutes;
    }

    /**
     * The neutral public title in {@code language}, else in the master language; a study without one gets a plain
     * "Fieldsafe" (never its real title, which may name the topic).
     */
    public String publicTitleIn(String language) {
        if (publicTitle == null) {
            return "Fieldsafe";
        }
        String text = language == null ? null : publicTitle.get(language);
        return text != null ? text : publicTitle.getOrDefault(masterLanguage, "Fieldsafe");
    }

    public Optional<Site> site(String siteId) {
        return sites.stream().filter(s -> s.id().equals(siteId)).findFirst();
    }

    public Optional<Category> category(String categoryId) {
        return categories.stream().filter(c -> c.id().equals(categoryId)).findFirst();
    }

    /** This study with the referral directory of {@code siteId} replaced (other sites unchanged). */
    public Study withDirectory(String siteId, ReferralDirectory directory) {
        List<Site> replaced = sites.stream().map(s -> s.id().equals(siteId)
                ? new Site(s.id(), s.country(), s.name(), s.languages(), directory) : s).toList();
        return new Study(id, title, masterLanguage, languages, ageOfMajority, kAnonymity, retention, respondentCode,
                keyHolders, referralSla, lead, categories, replaced, targets, anonymisation, referralScript,
                interviewLanguages, researchTeam, publicTitle, autoLockMinutes, redaction, codebook);
    }

    /** This study with other anonymisation settings (tests of the export's search use it). */
    public Study withAnonymisation(Anonymisation setting) {
        return new Study(id, title, masterLanguage, languages, ageOfMajority, kAnonymity, retention, respondentCode,
                keyHolders, referralSla, lead, categories, sites, targets, setting, referralScript, interviewLanguages,
                researchTeam, publicTitle, autoLockMinutes, redaction, codebook);
    }

    /** This study with another {@code interview_languages} setting. */
    public Study withInterviewLanguages(InterviewLanguages setting) {
        return new Study(id, title, masterLanguage, languages, ageOfMajority, kAnonymity, retention, respondentCode,
                keyHolders, referralSla, lead, categories, sites, targets, anonymisation, referralScript, setting,
                researchTeam, publicTitle, autoLockMinutes, redaction, codebook);
    }

    /** The canonical JSON of the study definition (directories included). */
    public byte[] canonicalJson() {
        return CanonicalJson.bytes(this);
    }

    /** Lower-case hex SHA-256 of {@link #canonicalJson()}. */
    public String sha256() {
        return CanonicalJson.sha256(this);
    }

    public static Study fromCanonicalJson(byte[] json) {
        return CanonicalJson.read(json, Study.class);
    }
}
