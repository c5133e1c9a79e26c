package org.fieldsafe.core.wire;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * New submission ids: time-ordered UUIDs (version 7, RFC 9562: 48 bits of Unix milliseconds, then random bits,
 * increasing within a millisecond). Uploads arriving together then land side by side in the server's id indexes
 * instead of at random places, so each commit touches a few index pages rather than one per upload. The time
 * they carry is the moment of sealing, which the header's {@code finalisedAt} already states; the server accepts
 * any UUID, so devices with older software keep working.
 */
public final class SubmissionIds {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private SubmissionIds() {
    }

    /** A new id, 36 characters, lower case. */
    public static String next() {
        return GENERATOR.generate().toString();
    }
}
