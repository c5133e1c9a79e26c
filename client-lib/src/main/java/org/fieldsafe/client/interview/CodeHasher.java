package org.fieldsafe.client.interview;

/** The keyed hash of a respondent code that the header carries instead of the code (docs/sealing.md). */
public interface CodeHasher {
    /** Lower-case hex. */
    String hash(String respondentCode);
}
