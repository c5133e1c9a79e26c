package org.fieldsafe.server.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.fieldsafe.core.forms.Study;

/**
 * The anonymised export engine (DESIGN.md section 9): opens the research parts of a study's sealed submissions
 * with the research private key, generalises quasi-identifiers, pseudonymises codes and interview ids,
 * suppresses k-anonymity groups smaller than the study's k, and writes the chosen formats, the codebook and the
 * manifest to a sink. Constant memory: two passes over an encrypted spool in {@code workDir}.
 */
public final class Exporter {
    private final Study study;
    private final List<ExportForm> forms;
    private final Clock clock;

    /**
     * @param study the study definition
     * @param forms every stored version of the study's forms (interview and consent forms)
     * @param clock for the manifest's time
     */
    public Exporter(Study study, List<ExportForm> forms, Clock clock) {
        this.study = Objects.requireNonNull(study, "study");
        this.forms = List.copyOf(forms);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs one export. Submissions whose research part fails to open are listed in the manifest, never
     * exported. The private key is only read, never kept; the caller zeroes it afterwards.
     *
     * @param researchKeyId      the research key's id (fingerprint)
     * @param researchPrivateKey the research key's 32 private bytes
     * @param workDir            a directory for the encrypted spool (deleted afterwards)
     * @return the manifest, also written to the sink as {@code manifest.json}
     * @throws IllegalArgumentException when the request does not fit the study (unknown study, site or form)
     * @throws IOException              when the source or the sink fails
     */
    public ExportManifest run(ExportRequest r, SealedSource source, String researchKeyId, byte[] researchPrivateKey,
                              ExportSink sink, Path workDir, ExportProgress progress) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
