package org.fieldsafe.client.sync;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.fieldsafe.client.store.Outbox;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.core.wire.WithdrawalNotice;

/**
 * Decides whether a receipt acknowledges one stored envelope: readable, naming this submission and the SHA-256
 * of the exact bytes sent, by a pinned receipt key, with a valid signature. Only then may the sealed copy go.
 */
public final class ReceiptCheck {
    private final ReceiptKeys keys;
    private final ReceiptVerifier verifier;

    public ReceiptCheck(ReceiptKeys keys, ReceiptVerifier verifier) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** A receipt that passed, or why it did not. */
    public record Verdict(Receipt receipt, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    /** Checks the receipt JSON the server sent for {@code entry}. */
    public Verdict check(byte[] receiptJson, Outbox.Entry entry) {
        Receipt receipt;
        try {
            receipt = Json.mapper().readValue(receiptJson, Receipt.class);
        } catch (IOException e) {
            return invalid(null, "the server's receipt is not readable");
        }
        if (receipt == null || receipt.submissionId() == null || receipt.envelopeSha256() == null) {
            return invalid(receipt, "the server's receipt lacks the submission id or envelope hash");
        }
        if (!receipt.submissionId().equals(entry.submissionId())) {
            return invalid(receipt, "the server's receipt names another submission ("
                    + ShortForm.id(receipt.submissionId()) + ")");
        }
        if (!receipt.envelopeSha256().equalsIgnoreCase(entry.sha256())) {
            return invalid(receipt, "the server's receipt names other envelope bytes (sha256 "
                    + ShortForm.hash(receipt.envelopeSha256()) + ", sent " + ShortForm.hash(entry.sha256()) + ")");
        }
        Optional<byte[]> key = keys.key(receipt.keyId());
        if (key.isEmpty()) {
            return invalid(receipt, "the server's receipt is signed by a key this device did not pin ("
                    + ShortForm.hash(receipt.keyId()) + ")");
        }
        if (!verifier.verify(receipt, key.get())) {
            return invalid(receipt, "the server's receipt signature does not verify");
        }
        return new Verdict(receipt, null);
    }

    /**
     * Whether a 410 answer for {@code submissionId} carries the server's signed withdrawal notice for it, by a
     * pinned receipt key: only then may the sealed copy go. A 410 from anything else (a captive portal, a proxy)
     * deletes nothing.
     */
    public boolean withdrawalProven(ClientException answer, String submissionId) {
        WithdrawalNotice notice = answer.problem().map(Problem::withdrawal).orElse(null);
        if (notice == null || notice.keyId() == null) {
            return false;
        }
        Optional<byte[]> key = keys.key(notice.keyId());
        return key.isPresent() && Receipts.verifyWithdrawal(notice, submissionId, key.get());
    }

    /** The reason recorded when a 410 came without a valid notice. */
    public static final String UNPROVEN_WITHDRAWAL = "the server's answer said the respondent withdrew (HTTP 410) but"
            + " carried no valid signed withdrawal notice; the sealed copy is kept";

    private static Verdict invalid(Receipt receipt, String why) {
        return new Verdict(receipt, why + "; the sealed copy is kept");
    }
}
