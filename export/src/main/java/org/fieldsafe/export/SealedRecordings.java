package org.fieldsafe.export;

import java.io.IOException;

/**
 * The sealed recordings of stored submissions, for a QDPX export with audio (docs/export.md, "Audio"): which are
 * stored whole, and their sealed bytes a chunk at a time (never a whole recording at once). The server implements it
 * over its attachment store.
 */
public interface SealedRecordings {
    /** Whether recording {@code name} of the submission is stored whole (a recording still uploading is left out). */
    boolean complete(String submissionId, String name) throws IOException;

    /** The sealed bytes {@code offset} to {@code offset + length} of a recording stored whole. */
    byte[] sealed(String submissionId, String name, long offset, int length) throws IOException;
}
