package org.fieldsafe.server.forms;

import java.util.List;
import java.util.Map;

/**
 * What the console's study overview shows of a study beside the other endpoints' counts: its neutral
 * {@code public_title} (never {@code title}; empty when study.yaml has none), its master language, each site's country
 * and interview languages, and each form's title as its newest version has it (form texts, never answers).
 */
public record StudyOutline(String id, Map<String, String> publicTitle, String masterLanguage, List<SiteOutline> sites,
                           List<FormTitle> forms) {

    /** A site: its id, ISO 3166-1 country code and the languages its interviews are held in. */
    public record SiteOutline(String id, String country, List<String> languages) {
    }

    /** A form: its id, the newest version and that version's title by language. */
    public record FormTitle(String formId, int version, Map<String, String> title) {
    }
}
