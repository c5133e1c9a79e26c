package org.fieldsafe.core.wire;

import java.util.List;

/**
 * Submissions of an earlier wave brought in from an ODK Central or KoboToolbox export ({@code admin submissions
 * import-odk}; docs/api.md "Imported submissions"). The admin command line maps each row of the export to the
 * study's published form versions and seals it to the study's keys as a device would; the server receives sealed
 * envelopes only and marks them {@code imported}: not sealed on a device, no device-side consent gate, no device
 * authentication.
 */
public final class SubmissionImport {
    /**
     * The {@code deviceId} in the header of every imported envelope. No device can upload it (a device's header
     * must name its own id, a UUID), and the header is the associated data of every part, so the mark cannot be
     * taken off an imported submission without its parts failing to open.
     */
    public static final String DEVICE_ID = "imported";
    /** The {@code source} of an export: ODK Central's CSV zip, or KoboToolbox's CSV export. */
    public static final String ODK_CENTRAL = "odk-central";
    public static final String KOBO = "kobo";
    /** What an imported submission lacks, in words (the progress view and the export manifest say it). */
    public static final List<String> LACKS = List.of(
            "not sealed on a device: sealed on import by the data manager's command line",
            "no device-side consent gate: consent was read from the export's answers",
            "no device authentication: uploaded by a person, not an enrolled device");

    private SubmissionImport() {
    }

    /**
     * {@code GET /studies/{study}/imports/context}: what sealing on import needs besides the public keys and
     * forms - the study's canonical definition (JSON text), the respondent-code key (base64) and the header's
     * device id.
     */
    public record Context(String study, String studyDefinition, String respondentCodeKey, String deviceId) {
        @Override
        public String toString() {
            return "Context[study=" + study + ", respondentCodeKey=[REDACTED]]";
        }
    }

    /** One row of the export: its instance id there (kept for idempotence) and its sealed envelope. */
    public record Item(String instanceId, Envelope envelope) {
    }

    /**
     * {@code POST /studies/{study}/imports}: sealed envelopes of one form, from one export {@code source};
     * {@code dryRun} checks everything and writes nothing.
     */
    public record Request(String source, String formId, boolean dryRun, List<Item> submissions) {
    }

    /**
     * What an import came to: envelopes {@code received}, newly {@code imported} (would be, on a dry run),
     * {@code alreadyImported} (their instance id was imported before: nothing stored again) and {@code withdrawn}
     * (a respondent withdrew: not stored).
     */
    public record Result(String study, String formId, String source, boolean dryRun, int received, int imported,
                         int alreadyImported, int withdrawn) {
    }
}
