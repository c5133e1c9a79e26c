package org.fieldsafe.server.attachments;

import java.util.Base64;
import org.fieldsafe.server.storage.Database;

/** Reads a stored recording's sealed bytes back from its upload chunks (V3__attachments.sql). */
public final class StoredChunks {
    private StoredChunks() {
    }

    /** The sealed bytes {@code from} to {@code from + length} of a stored recording, spliced from its upload chunks. */
    public static byte[] sealed(Database database, String submissionId, String name, long from, long length) {
        long to = from + length;
        byte[] out = new byte[(int) length];
        database.read(h -> {
            h.createQuery("SELECT start_offset, data FROM attachment_chunks WHERE submission_id = :id AND name = :name"
                            + " AND end_offset > :from AND start_offset < :to ORDER BY start_offset")
                    .bind("id", submissionId).bind("name", name).bind("from", from).bind("to", to)
                    .map((rs, ctx) -> {
                        long start = rs.getLong(1);
                        byte[] data = Base64.getDecoder().decode(rs.getString(2));
                        long copyFrom = Math.max(from, start);
                        long copyTo = Math.min(to, start + data.length);
                        System.arraycopy(data, (int) (copyFrom - start), out, (int) (copyFrom - from),
                                (int) (copyTo - copyFrom));
                        return start;
                    }).list();
            return null;
        });
        return out;
    }
}
