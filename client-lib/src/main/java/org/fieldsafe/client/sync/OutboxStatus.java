package org.fieldsafe.client.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.Outbox;
import org.fieldsafe.core.wire.Receipt;

/**
 * What is on this device besides forms: paused drafts, sealed interviews waiting to be sent, sealed attachments
 * waiting to be uploaded (or partly uploaded), and receipts of the interviews sent.
 */
public record OutboxStatus(int drafts, List<Waiting> waiting, List<WaitingAttachment> attachments, List<Sent> sent) {
    public OutboxStatus {
        waiting = List.copyOf(waiting);
        attachments = List.copyOf(attachments);
        sent = List.copyOf(sent);
    }

    /** A sealed envelope still in the outbox. */
    public record Waiting(String submissionId, String sha256, Instant sealedAt, int attempts, String lastError) {
    }

    /**
     * A sealed attachment still without its receipt: the server holds {@code bytesSent} of its {@code totalBytes}
     * (as last heard; the next sync asks the server again).
     */
    public record WaitingAttachment(String submissionId, String name, long bytesSent, long totalBytes,
                                    String lastError) {
    }

    /** A receipt held; {@code receivedAt} and {@code envelopeSha256} as the server signed them. */
    public record Sent(String submissionId, String receivedAt, String envelopeSha256, Instant sentAt) {
    }

    /** Reads the status from the store. */
    public static OutboxStatus read(DeviceStore store) throws ClientException {
        Outbox outbox = store.outbox();
        List<Waiting> waiting = new ArrayList<>();
        for (Outbox.Entry e : outbox.pending()) {
            waiting.add(new Waiting(e.submissionId(), e.sha256(), e.sealedAt(), e.attempts(), e.lastError()));
        }
        List<WaitingAttachment> attachments = new ArrayList<>();
        for (Outbox.AttachmentProgress a : outbox.attachmentProgress()) {
            attachments.add(new WaitingAttachment(a.submissionId(), a.name(), a.offsetSent(), a.sealedBytes(),
                    a.lastError()));
        }
        List<Sent> sent = new ArrayList<>();
        for (Outbox.SentEntry e : outbox.sent()) {
            Receipt receipt = receipt(e.receiptJson());
            sent.add(new Sent(e.submissionId(), receipt == null ? null : receipt.receivedAt(),
                    receipt == null ? null : receipt.envelopeSha256(), e.sentAt()));
        }
        return new OutboxStatus(store.drafts().list().size(), waiting, attachments, sent);
    }

    private static Receipt receipt(String json) {
        try {
            return Json.mapper().readValue(json.getBytes(StandardCharsets.UTF_8), Receipt.class);
        } catch (IOException e) {
            return null;
        }
    }
}
