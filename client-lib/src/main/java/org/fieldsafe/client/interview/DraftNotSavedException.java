package org.fieldsafe.client.interview;

/** An autosave failed: the step was taken in memory but is not in the draft on disk. Names no answer. */
public final class DraftNotSavedException extends RuntimeException {
    public DraftNotSavedException(String draftId, Exception cause) {
        super("the draft " + draftId + " could not be saved (" + cause.getClass().getSimpleName() + "); the last"
                + " step is not on disk", cause);
    }
}
