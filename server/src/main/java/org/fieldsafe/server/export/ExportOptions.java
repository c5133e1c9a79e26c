package org.fieldsafe.server.export;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.export.ExportForm;
import org.fieldsafe.export.ExportFormat;

/**
 * What a data manager may choose for an export of a study (the console's export form): the formats (and the default
 * ones), the codebook languages, the sites and forms a filter may name, the study's k (a request may only ask for a
 * stricter one, up to {@code maxK}), and the caller's live audio grant for the study ({@code audioGrant}: null when
 * they hold none, so the console can say before they start that an export with audio would be refused). Ids and codes
 * only.
 */
public record ExportOptions(String study, List<String> formats, List<String> defaultFormats, String masterLanguage,
                            List<String> languages, List<String> sites, List<String> forms, int k, int maxK,
                            LiveAudioGrant audioGrant) {

    /** The caller's newest live audio grant: its id, the granting principal investigator's user id, its expiry. */
    public record LiveAudioGrant(String id, String grantedBy, Instant expiresAt) {
        static LiveAudioGrant of(AudioGrantRow row) {
            return new LiveAudioGrant(row.id(), row.grantedBy(), row.expiresAt());
        }
    }

    static ExportOptions of(Study study, List<ExportForm> forms, Optional<AudioGrantRow> audioGrant) {
        return new ExportOptions(study.id(), Arrays.stream(ExportFormat.values()).map(ExportFormat::wire).toList(),
                ExportFormat.defaults().stream().map(ExportFormat::wire).sorted().toList(), study.masterLanguage(),
                study.languages().keySet().stream().sorted().toList(), study.sites().stream().map(Site::id).toList(),
                forms.stream().map(ExportForm::id).distinct().sorted().toList(), study.kAnonymity(),
                ExportRequests.MAX_K, audioGrant.map(LiveAudioGrant::of).orElse(null));
    }
}
