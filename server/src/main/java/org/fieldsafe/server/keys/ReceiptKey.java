package org.fieldsafe.server.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.core.wire.WithdrawalNotice;
import org.fieldsafe.server.storage.Database;

/**
 * The server's Ed25519 receipt key: created at first start, kept in {@code server_keys}, and used to sign a
 * receipt for every durably stored submission. Devices pin its fingerprint at enrolment.
 */
public final class ReceiptKey {
    public static final String PURPOSE = "receipt";

    private final Receipts.Signer signer;
    private final byte[] publicKey;
    private final String keyId;

    private ReceiptKey(byte[] privateKey) {
        this.publicKey = Receipts.publicKey(privateKey);
        this.keyId = Receipts.keyId(publicKey);
        this.signer = Receipts.signer(privateKey, keyId);
    }

    /** The stored receipt key, created and stored now if there is none yet. */
    public static ReceiptKey loadOrCreate(Database database, Clock clock) {
        ServerKeyRow row = database.write(handle -> {
            ServerKeyDao dao = handle.attach(ServerKeyDao.class);
            if (dao.find(PURPOSE).isEmpty()) {
                byte[] fresh = Receipts.newPrivateKey();
                byte[] publicKey = Receipts.publicKey(fresh);
                Base64.Encoder b64 = Base64.getEncoder();
                dao.insertIfAbsent(new ServerKeyRow(PURPOSE, Receipts.ALGORITHM, b64.encodeToString(publicKey),
                        b64.encodeToString(fresh), Receipts.keyId(publicKey), Instant.ofEpochMilli(clock.millis())));
            }
            return dao.find(PURPOSE).orElseThrow();
        });
        return new ReceiptKey(Base64.getDecoder().decode(row.privateKey()));
    }

    /** The signed receipt of a stored submission. */
    public Receipt sign(String submissionId, String envelopeSha256, Instant receivedAt) {
        return signer.sign(new Receipt(submissionId, envelopeSha256, receivedAt.toString(), null, null));
    }

    /**
     * The signed receipts of submissions stored in one transaction, in order, with one signature between them
     * (a Merkle root; each receipt carries its proof, see {@link Receipts.Signer#signAll}).
     */
    public List<Receipt> signAll(List<Receipt> unsigned) {
        return signer.signAll(unsigned);
    }

    /** The signed statement, sent with a 410, that {@code submissionId}'s respondent withdrew. */
    public WithdrawalNotice signWithdrawal(String submissionId) {
        return signer.signWithdrawal(submissionId);
    }

    public String keyId() {
        return keyId;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The key as listed in manifests and enrolments. */
    public Manifest.StudyKey listing() {
        return new Manifest.StudyKey(PURPOSE, Receipts.ALGORITHM, Base64.getEncoder().encodeToString(publicKey), keyId);
    }

    @Override
    public String toString() {
        return "ReceiptKey[keyId=" + keyId + ", privateKey=[REDACTED]]";
    }
}
