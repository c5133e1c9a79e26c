package org.fieldsafe.export;

import java.io.IOException;

/** Receives the submissions of a {@link SealedSource} one at a time. */
@FunctionalInterface
public interface SealedConsumer {
    void accept(SealedSubmission submission) throws IOException;
}
