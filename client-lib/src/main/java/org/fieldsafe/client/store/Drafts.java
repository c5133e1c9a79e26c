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
import org.fieldsafe.client.interview.DraftSink;
import org.fieldsafe.client.interview.DraftSummary;

/**
 * Paused interviews, stored only as ciphertext (the caller encrypts under the enumerator's passphrase); a
 * sealed interview's draft is deleted. Obtained from {@link DeviceStore#drafts()}.
 */
public final class Drafts implements DraftSink {
    private final DeviceStore store;
    private final Connection connection;

    Drafts(DeviceStore store, Connection connection) {
        this.store = store;
        this.connection = connection;
    }

    /** A stored draft: its ciphertext and what may be listed without the passphrase. */
    public record Draft(String draftId, String formId, String site, byte[] ciphertext, Instant createdAt,
                        Instant updatedAt) {
    }

    /** Creates or replaces a draft; a replaced draft keeps its creation time. Language and progress unknown. */
    public void save(String draftId, String formId, String site, byte[] ciphertext, Instant at)
            throws ClientException {
        save(new DraftSummary(draftId, formId, site, null, -1, -1, at), ciphertext);
    }

    /**
     * Creates or replaces a draft with its listable summary (language and progress) beside the ciphertext: one
     * statement, so one transaction and one sync of the log per autosave (the store is {@code synchronous=FULL}: a
     * saved step survives a crash and a power cut).
     */
    @Override
    public void save(DraftSummary summary, byte[] ciphertext) throws ClientException {
        synchronized (store) {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO drafts (draft_id, form_id, site,"
                    + " ciphertext, created_at, updated_at, language, answered, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?) ON CONFLICT (draft_id) DO UPDATE SET form_id = excluded.form_id, site = excluded.site,"
                    + " ciphertext = excluded.ciphertext, updated_at = excluded.updated_at,"
                    + " language = excluded.language, answered = excluded.answered, total = excluded.total")) {
                String at = summary.savedAt().toString();
                ps.setString(1, summary.draftId());
                ps.setString(2, summary.formId());
                ps.setString(3, summary.site());
                ps.setBytes(4, ciphertext);
                ps.setString(5, at);
                ps.setString(6, at);
                ps.setString(7, summary.language());
                ps.setInt(8, summary.answered());
                ps.setInt(9, summary.total());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw error("write", e);
            }
        }
    }

    /** What may be listed of every draft without the passphrase, oldest first; progress -1 when not recorded. */
    public List<DraftSummary> summaries() throws ClientException {
        synchronized (store) {
            List<DraftSummary> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT draft_id, form_id, site, language,"
                    + " COALESCE(answered, -1), COALESCE(total, -1), updated_at FROM drafts"
                    + " ORDER BY created_at, draft_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DraftSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getInt(6), Instant.parse(rs.getString(7))));
                }
                return out;
            } catch (SQLException e) {
                throw error("read", e);
            }
        }
    }

    public Optional<Draft> get(String draftId) throws ClientException {
        List<Draft> found = query("WHERE draft_id = ?", draftId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every draft, oldest first. */
    public List<Draft> list() throws ClientException {
        return query("", null);
    }

    /** Deletes a draft; true when there was one. */
    public boolean delete(String draftId) throws ClientException {
        synchronized (store) {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM drafts WHERE draft_id = ?")) {
                ps.setString(1, draftId);
                return ps.executeUpdate() > 0;
            } catch (SQLException e) {
                throw error("write", e);
            }
        }
    }

    private List<Draft> query(String where, String id) throws ClientException {
        synchronized (store) {
            List<Draft> drafts = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT draft_id, form_id, site, ciphertext,"
                    + " created_at, updated_at FROM drafts " + where + " ORDER BY created_at, draft_id")) {
                if (id != null) {
                    ps.setString(1, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        drafts.add(new Draft(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                                Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6))));
                    }
                }
                return drafts;
            } catch (SQLException e) {
                throw error("read", e);
            }
        }
    }

    private ClientException error(String what, SQLException e) {
        return new ClientException(Reason.STORE, "cannot " + what + " the drafts in " + store.databaseFile() + ": "
                + e.getMessage(), e);
    }
}
