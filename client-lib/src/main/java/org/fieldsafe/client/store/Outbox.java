package org.fieldsafe.client.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.core.crypto.Digests;

/**
 * Sealed envelopes waiting for the server's receipt, and the receipts of those sent. An envelope leaves the
 * outbox only in the same transaction that records its receipt (or a withdrawal), so nothing acknowledged is
 * kept twice and nothing unacknowledged is lost. Obtained from {@link DeviceStore#outbox()}.
 */
public final class Outbox {
    private final DeviceStore store;
    private final Connection connection;

    Outbox(DeviceStore store, Connection connection) {
        this.store = store;
        this.connection = connection;
    }

    /** An envelope waiting to be sent. */
    public record Entry(String submissionId, byte[] envelope, String sha256, Instant sealedAt, int attempts,
                        String lastError) {
    }

    /** A receipt held for a sent submission. */
    public record SentEntry(String submissionId, String receiptJson, Instant sentAt) {
    }

    /** A sealed attachment waiting for its receipt: uploaded after its envelope, from {@code offsetSent}. */
    public record AttachmentEntry(String submissionId, String name, byte[] sealed, String sha256, long offsetSent) {
    }

    /** How far an attachment without a receipt has gone: {@code offsetSent} of {@code sealedBytes} stored. */
    public record AttachmentProgress(String submissionId, String name, long offsetSent, long sealedBytes,
                                     String lastError) {
    }

    /**
     * Adds a sealed envelope and its sealed attachments ({@code name -> sealed bytes}) in one transaction.
     */
    public void put(String submissionId, byte[] envelope, Instant sealedAt, java.util.Map<String, byte[]> attachments)
            throws ClientException {
        synchronized (store) {
            store.inTransaction(() -> {
                insertEnvelope(submissionId, envelope, sealedAt);
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO attachments (submission_id,"
                        + " name, sealed, sha256, sealed_bytes) VALUES (?, ?, ?, ?, ?)")) {
                    for (java.util.Map.Entry<String, byte[]> a : attachments.entrySet()) {
                        ps.setString(1, submissionId);
                        ps.setString(2, a.getKey());
                        ps.setBytes(3, a.getValue());
                        ps.setString(4, Digests.sha256Hex(a.getValue()));
                        ps.setLong(5, a.getValue().length);
                        ps.executeUpdate();
                    }
                }
            });
        }
    }

    /** Attachments still without a receipt whose envelope has left the outbox (acknowledged), oldest first. */
    public List<AttachmentEntry> pendingAttachments() throws ClientException {
        return list("SELECT submission_id, name, sealed, sha256, offset_sent FROM attachments"
                + " WHERE receipt_json IS NULL AND sealed IS NOT NULL"
                + " AND submission_id NOT IN (SELECT submission_id FROM outbox) ORDER BY submission_id, name",
                rs -> new AttachmentEntry(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4),
                        rs.getLong(5)));
    }

    /** Every attachment still without a receipt (with or without its envelope sent), by submission id and name. */
    public List<AttachmentProgress> attachmentProgress() throws ClientException {
        return list("SELECT submission_id, name, offset_sent, sealed_bytes, last_error FROM attachments"
                + " WHERE receipt_json IS NULL ORDER BY submission_id, name",
                rs -> new AttachmentProgress(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5)));
    }

    /** Records how far the server has stored an attachment, and the last failure (or null). */
    public void recordAttachmentProgress(String submissionId, String name, long offset, String error)
            throws ClientException {
        synchronized (store) {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE attachments SET offset_sent = ?,"
                    + " last_error = ? WHERE submission_id = ? AND name = ?")) {
                ps.setLong(1, offset);
                ps.setString(2, error);
                ps.setString(3, submissionId);
                ps.setString(4, name);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw error("write", e);
            }
        }
    }

    /** Records an attachment's verified receipt and deletes its sealed copy, in one statement. */
    public void acknowledgeAttachment(String submissionId, String name, String receiptJson, Instant sentAt)
            throws ClientException {
        synchronized (store) {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE attachments SET sealed = NULL,"
                    + " receipt_json = ?, sent_at = ?, offset_sent = sealed_bytes, last_error = NULL"
                    + " WHERE submission_id = ? AND name = ?")) {
                ps.setString(1, receiptJson);
                ps.setString(2, sentAt.toString());
                ps.setString(3, submissionId);
                ps.setString(4, name);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw error("write", e);
            }
        }
    }

    /** The receipt JSON held for an attachment, if its receipt verified. */
    public Optional<String> attachmentReceipt(String submissionId, String name) throws ClientException {
        synchronized (store) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT receipt_json FROM attachments WHERE submission_id = ? AND name = ?")) {
                ps.setString(1, submissionId);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw error("read", e);
            }
        }
    }

    private void insertEnvelope(String submissionId, byte[] envelope, Instant sealedAt) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO outbox (submission_id, envelope, sha256, sealed_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, submissionId);
            ps.setBytes(2, envelope);
            ps.setString(3, Digests.sha256Hex(envelope));
            ps.setString(4, sealedAt.toString());
            ps.executeUpdate();
        }
    }

    /** Adds a sealed envelope; its SHA-256 is what the receipt must name. */
    public void put(String submissionId, byte[] envelope, Instant sealedAt) throws ClientException {
        synchronized (store) {
            try {
                insertEnvelope(submissionId, envelope, sealedAt);
            } catch (SQLException e) {
                throw error("write", e);
            }
        }
    }

    /** Every envelope still waiting, oldest first. */
    public List<Entry> pending() throws ClientException {
        return list("SELECT submission_id, envelope, sha256, sealed_at, attempts, last_error FROM outbox"
                + " ORDER BY sealed_at, submission_id",
                rs -> new Entry(rs.getString(1), rs.getBytes(2), rs.getString(3), Instant.parse(rs.getString(4)),
                        rs.getInt(5), rs.getString(6)));
    }

    /** Counts a failed attempt and its reason (a message with no answer text in it). */
    public void recordFailure(String submissionId, String reason) throws ClientException {
        synchronized (store) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE submission_id = ?")) {
                ps.setString(1, reason);
                ps.setString(2, submissionId);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw error("write", e);
            }
        }
    }

    /** Records the verified receipt and deletes the sealed copy, in one transaction. */
    public void acknowledge(String submissionId, String receiptJson, Instant sentAt) throws ClientException {
        synchronized (store) {
            store.inTransaction(() -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT OR REPLACE INTO sent (submission_id, receipt_json, sent_at) VALUES (?, ?, ?)");
                     PreparedStatement delete = connection.prepareStatement(
                             "DELETE FROM outbox WHERE submission_id = ?")) {
                    insert.setString(1, submissionId);
                    insert.setString(2, receiptJson);
                    insert.setString(3, sentAt.toString());
                    insert.executeUpdate();
                    delete.setString(1, submissionId);
                    delete.executeUpdate();
                }
            });
        }
    }

    /** Deletes a sealed copy the server will never take (its respondent withdrew). */
    public void discard(String submissionId) throws ClientException {
        synchronized (store) {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM outbox WHERE submission_id = ?");
                 PreparedStatement attachments = connection.prepareStatement(
                         "DELETE FROM attachments WHERE submission_id = ?")) {
                ps.setString(1, submissionId);
                ps.executeUpdate();
                attachments.setString(1, submissionId);
                attachments.executeUpdate();
            } catch (SQLException e) {
                throw error("write", e);
            }
        }
    }

    /** The receipts held, newest first. */
    public List<SentEntry> sent() throws ClientException {
        return list("SELECT submission_id, receipt_json, sent_at FROM sent ORDER BY sent_at DESC, submission_id",
                rs -> new SentEntry(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3))));
    }

    /** The receipt held for {@code submissionId}, if it was sent. */
    public Optional<SentEntry> sent(String submissionId) throws ClientException {
        return sent().stream().filter(e -> e.submissionId().equals(submissionId)).findFirst();
    }

    /** Reads one row of a query's result. */
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Every row {@code sql} selects, in its order. */
    private <T> List<T> list(String sql, Row<T> row) throws ClientException {
        synchronized (store) {
            List<T> rows = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(sql);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            } catch (SQLException e) {
                throw error("read", e);
            }
            return rows;
        }
    }

    private ClientException error(String what, SQLException e) {
        return new ClientException(Reason.STORE, "cannot " + what + " the outbox in " + store.databaseFile() + ": "
                + e.getMessage(), e);
    }
}
