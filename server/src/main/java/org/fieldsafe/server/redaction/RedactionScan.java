package org.fieldsafe.server.redaction;

import java.util.Collection;
import java.util.List;
import org.fieldsafe.core.forms.Redaction;
import org.fieldsafe.core.redact.Redactor;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.submissions.DefinitionCache;

/**
 * The device's redaction scanner ({@link Redactor}, core) run over a text the caller is writing (a transcript at the
 * transcription desk): what it would replace, where, and with what. It changes nothing and stores nothing; the
 * caller decides. Phone numbers and e-mail addresses always; names from {@code identifiers}; places and
 * organisations from the study's lists (study.yaml {@code redaction}, every site's too), the same the export scans with.
 */
public final class RedactionScan {
    /** The longest text scanned, in characters (a transcript's limit is 2 MB of UTF-8). */
    public static final int MAX_CHARS = 2 * 1024 * 1024;

    private final StudyStore studies;
    /** The study parsed once per canonical JSON, not once per scan. */
    private final DefinitionCache definitions = new DefinitionCache();

    public RedactionScan(StudyStore studies) {
        this.studies = studies;
    }

    /** One suggested replacement: where in the (NFC) text, what kind, the words found and their placeholder. */
    public record Finding(int start, int end, String kind, String text, String replacement) {
    }

    /** The scan's answer. */
    public record Findings(List<Finding> findings) {
    }

    /**
     * Scans {@code text} for the study {@code studyId} (404 when unknown) with {@code identifiers} as names.
     *
     * @throws ProblemException 422 {@code text-missing}, 404 for an unknown study (the resource refuses a text over
     *                          {@link #MAX_CHARS} with 413 first)
     */
    public Findings scan(String studyId, String text, Collection<String> identifiers) {
        Redaction lists = definitions.study(studies.current(studyId)).redaction();
        if (text == null) {
            throw ProblemException.invalidField("text-missing", "Text missing", "text");
        }
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("a text over " + MAX_CHARS + " characters (the resource refuses it)");
        }
        String nfc = Redactor.normalise(text);
        Redactor redactor = lists == null ? new Redactor(identifiers)
                : new Redactor(identifiers, lists.allPlaces(), lists.allOrganisations());
        return new Findings(redactor.find(text).stream()
                .map(r -> new Finding(r.start(), r.end(), r.kind().name().toLowerCase(java.util.Locale.ROOT),
                        nfc.substring(r.start(), r.end()), "[" + r.kind().name() + "]"))
                .toList());
    }
}
