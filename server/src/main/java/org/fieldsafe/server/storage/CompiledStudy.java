package org.fieldsafe.server.storage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.Study;

/**
 * A validated study definition as the server stores it.
 *
 * @param title     title texts by language
 * @param languages language code to its English name
 * @param sites     the study's sites with their referral directory version and hash
 */
public record CompiledStudy(String id, String sha256, String canonicalJson, Map<String, String> title,
                            Map<String, String> languages, List<SiteDirectory> sites) {

    /** A study definition as the server stores it. */
    public static CompiledStudy of(Study study) {
        return new CompiledStudy(study.id(), study.sha256(),
                new String(study.canonicalJson(), StandardCharsets.UTF_8), study.title(), study.languages(),
                study.sites().stream().map(site -> new SiteDirectory(site.id(),
                        site.directory().version(), site.directory().sha256())).toList());
    }

    /** A site and its referral directory's version and SHA-256. */
    public record SiteDirectory(String site, int version, String sha256) {
    }
}
