package org.fieldsafe.client.interview;

import java.time.Clock;
import java.util.Objects;

/**
 * Saves a session's draft, encrypted, after every step it takes ({@link InterviewSession#autosave}): an answer, a
 * skip, a step back, a disclosure, a referral. So a crash, a kill or a flat battery loses at most the answer being
 * typed. Close it to forget the key.
 */
public final class DraftAutosave implements AutoCloseable {
    private final String draftId;
    private final DraftCipher.Encrypter encrypter;
    private final DraftSink sink;
    private final Clock clock;

    public DraftAutosave(String draftId, DraftCipher.Encrypter encrypter, DraftSink sink, Clock clock) {
        this.draftId = Objects.requireNonNull(draftId, "draftId");
        this.encrypter = Objects.requireNonNull(encrypter, "encrypter");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String draftId() {
        return draftId;
    }

    /** Saves the session's state now. */
    public void save(InterviewSession session) {
        try {
            sink.save(session.summary(draftId, clock.instant()), encrypter.encrypt(session.draft().toJson()));
        } catch (Exception e) {
            throw new DraftNotSavedException(draftId, e);
        }
    }

    @Override
    public void close() {
        encrypter.close();
    }
}
