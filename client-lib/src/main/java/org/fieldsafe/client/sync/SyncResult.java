package org.fieldsafe.client.sync;

import java.util.List;
import java.util.Optional;
import org.fieldsafe.client.ClientException;

/**
 * The outcome of one sync: one {@link Outcome} per envelope that was waiting, oldest first, and the reason
 * the run stopped early (the device was revoked), if it did.
 */
public record SyncResult(List<Outcome> outcomes, ClientException stoppedBy) {
    public SyncResult {
        outcomes = List.copyOf(outcomes);
    }

    public long count(Outcome.Kind kind) {
        return outcomes.stream().filter(o -> o.kind() == kind).count();
    }

    /** Envelopes the server now holds a receipt for (sent now or before). */
    public long sent() {
        return count(Outcome.Kind.SENT) + count(Outcome.Kind.ALREADY_RECEIVED);
    }

    /** Envelopes still in the outbox. */
    public long waiting() {
        return outcomes.stream().filter(o -> !o.kind().done()).count();
    }

    public long withdrawn() {
        return count(Outcome.Kind.WITHDRAWN);
    }

    public Optional<ClientException> stopped() {
        return Optional.ofNullable(stoppedBy);
    }

    /** Nothing is left waiting and the run was not stopped. */
    public boolean complete() {
        return waiting() == 0 && stoppedBy == null;
    }
}
