package org.fieldsafe.client;

/**
 * Hears how a pull goes, e.g. to show progress. Every method does nothing unless overridden. Nothing is
 * stored until the pull has downloaded and verified everything, so a failure after {@link #formPulled}
 * still leaves the device as it was.
 */
public interface PullProgress {
    /** Does nothing. */
    PullProgress NONE = new PullProgress() {
    };

    /** The server confirmed the device is up to date. */
    default void upToDate() {
    }

    /** The study definition is about to be downloaded. */
    default void pullingStudy(String studyId) {
    }

    /** The study definition arrived and matches the manifest's hash. */
    default void studyPulled(String studyId) {
    }

    /** {@code count} form versions are about to be downloaded. */
    default void pullingForms(int count) {
    }

    /** A form version arrived and matches the manifest's hash. */
    default void formPulled(FormVersion form) {
    }
}
