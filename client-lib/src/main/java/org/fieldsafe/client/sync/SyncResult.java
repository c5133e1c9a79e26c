package org.fieldsafe.client.sync;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.fieldsafe.client.ClientException;

/**
 * The outcome of one sync: one {@link Outcome} per envelope that was waiting, oldest first, one per attachment
 * the run came to (by submission id and name), and the reason the run stopped early (the device was revoked), if
 * it did.
 */
public record SyncResult(List<Outcome> interviews, List<Outcome> attachments, ClientException stoppedBy) {
    public SyncResult {
        interviews = List.copyOf(interviews);
        attachments = List.copyOf(attachments);
    }

    /** Every outcome: the interviews', then the attachments'. */
    public List<Outcome> outcomes() {
        return Stream.concat(interviews.stream(), attachments.stream()).toList();
    }

    public long count(Outcome.Kind kind) {
        return outcomes().stream().filter(o -> o.kind() == kind).count();
    }

    /** Envelopes and attachments the server now holds a receipt for (sent now or before). */
    public long sent() {
        return count(Outcome.Kind.SENT) + count(Outcome.Kind.ALREADY_RECEIVED);
    }

    /** Envelopes still in the outbox. */
    public long interviewsWaiting() {
        return waiting(interviews);
    }

    /** Attachments this run came to that are still in the outbox. */
    public long attachmentsWaiting() {
        return waiting(attachments);
    }

    public long withdrawn() {
        return count(Outcome.Kind.WITHDRAWN);
    }

    public Optional<ClientException> stopped() {
        return Optional.ofNullable(stoppedBy);
    }

    /** Nothing is left waiting and the run was not stopped. */
    public boolean complete() {
        return interviewsWaiting() == 0 && attachmentsWaiting() == 0 && stoppedBy == null;
    }

    private static long waiting(List<Outcome> outcomes) {
        return outcomes.stream().filter(o -> !o.kind().done()).count();
    }
}
