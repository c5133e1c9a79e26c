package org.fieldsafe.server.submissions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Consumer;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.notices.Notices;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.EnvelopeFiles;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Where sealed submissions are stored. {@link #storeAll} decides and writes a batch of uploads inside the caller's
 * write transaction: identical retries and id conflicts are judged against what is stored (including earlier uploads
 * of the same batch), withdrawn respondents are refused (first, so retries too), and each stored upload gets an
 * audit entry naming only its id; an upload refused for a respondent recorded as withdrawn before it was received
 * leaves a coordinator notice, audited ({@link Notices}); one whose respondent code (keyed hash) came in another
 * submission gets a second entry, {@code submission.duplicate_code} ({@link SeenCodes}). What a stored upload's
 * triage opens (a referral case) is written in the same transaction by the {@link TriageHook}.
 */
public final class SubmissionStore {
    private final Database database;
    private final AuditLog audit;
    private final EnvelopeFiles envelopeFiles;
    private final TriageHook triage;

    /**
     * With {@code envelopeFiles} (SQLite; null: envelopes in their rows), envelopes the writer put there are read
     * back from them; {@code triage} runs in the transaction of every stored upload.
     */
    public SubmissionStore(Database database, AuditLog audit, EnvelopeFiles envelopeFiles, TriageHook triage) {
        this.database = database;
        this.audit = audit;
        this.envelopeFiles = envelopeFiles;
        this.triage = triage;
    }

    /**
     * With envelope files (SQLite): the submissions' envelopes appended there and synced, to be called before
     * the transaction that records where they are ({@link Upload#envelopeAt}); null when envelopes are stored in
     * their rows.
     */
    public boolean hasEnvelopeFiles() {
        return envelopeFiles != null;
    }

    public List<EnvelopeFiles.Ref> appendEnvelopes(List<NewSubmission> submissions) {
        if (envelopeFiles == null) {
            return null;
        }
        List<byte[]> envelopes = new ArrayList<>(submissions.size());
        // the bytes as received: no copy per upload (BENCHMARKS.md section (n))
        submissions.forEach(s -> envelopes.add(s.envelope()));
        try {
            return envelopeFiles.appendAll(envelopes);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing envelopes to their file failed", e);
        }
    }

    /**
     * One upload for {@link #storeAll}: the submission, who sent it, and where its envelope was already written
     * ({@link EnvelopeFiles}; null: it is stored in the row).
     */
    public record Upload(NewSubmission submission, String actor, EnvelopeFiles.Ref envelopeAt) {
    }

    /** What is stored already of a batch's uploads: rows under their ids, and withdrawn (study, code hash)s. */
    private record Known(Map<String, SubmissionRow> existing, Set<String> withdrawn, Set<String> notYetReceived) {
        boolean withdrawn(NewSubmission s) {
            return s.codeHashes().stream().anyMatch(h -> withdrawn.contains(s.studyId() + "\n" + h));
        }

        /** A withdrawal recorded before any interview of the respondent was received. */
        boolean withdrawnBeforeReceived(NewSubmission s) {
            return s.codeHashes().stream().anyMatch(h -> notYetReceived.contains(s.studyId() + "\n" + h));
        }
    }

    private static Known known(Handle handle, List<NewSubmission> submissions) {
        Map<String, SubmissionRow> existing = new HashMap<>();
        handle.createQuery("SELECT " + SubmissionDao.COLUMNS + " FROM submissions WHERE id IN (<ids>)")
                .bindList("ids", padded(submissions.stream().map(NewSubmission::id).distinct().toList()))
                .map(ConstructorMapper.of(SubmissionRow.class)).forEach(row -> existing.put(row.id(), row));
        List<String> allHashes = submissions.stream().flatMap(s -> s.codeHashes().stream()).distinct().toList();
        Set<String> withdrawn = new HashSet<>();
        Set<String> notYetReceived = new HashSet<>();
        if (!allHashes.isEmpty()) {
            handle.createQuery("SELECT study_id, code_hash, not_yet_received FROM withdrawals "
                            + "WHERE code_hash IN (<hashes>)")
                    .bindList("hashes", padded(allHashes))
                    .map((rs, ctx) -> {
                        String key = rs.getString(1) + "\n" + rs.getString(2);
                        if (rs.getInt(3) == 1) {
                            notYetReceived.add(key);
                        }
                        return key;
                    }).forEach(withdrawn::add);
        }
        return new Known(existing, withdrawn, notYetReceived);
    }

    /**
     * Which of a batch's uploads may be new: not stored under their id, no respondent withdrawn, and the first of
     * the batch with that id. Only those have their envelopes appended to the envelope files: a retry, an id
     * conflict or an upload of a withdrawn respondent never leaves a copy there. ({@link #storeAll} decides again
     * inside its transaction; what a concurrent withdrawal turns away after this the writer zeroes.)
     */
    public boolean[] mayBeNew(Handle handle, List<NewSubmission> submissions) {
        boolean[] out = new boolean[submissions.size()];
        if (submissions.isEmpty()) {
            return out;
        }
        Known known = known(handle, submissions);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < submissions.size(); i++) {
            NewSubmission s = submissions.get(i);
            out[i] = !known.existing().containsKey(s.id()) && !known.withdrawn(s) && seen.add(s.id());
        }
        return out;
    }

    /**
     * Overwrites with zeros, and syncs, envelope bytes appended for uploads that were then not stored (a
     * withdrawal that committed in between, a failed group commit): no row references them, and no copy of a
     * sealed part may stay on disk unreferenced.
     */
    public void discardEnvelopes(List<EnvelopeFiles.Ref> refs) {
        if (envelopeFiles == null) {
            return;
        }
        for (EnvelopeFiles.Ref ref : refs) {
            try {
                envelopeFiles.overwrite(ref, new byte[ref.length()]);
            } catch (IOException e) {
                throw new UncheckedIOException("Zeroing an unreferenced envelope failed", e);
            }
        }
    }

    /**
     * At start (no writer yet): zeroes every byte range of the envelope files that no submission row references -
     * leftovers of failed group commits, and of retries appended before uploads were decided first. The number of
     * bytes zeroed.
     */
    public long scrubEnvelopeFiles() {
        if (envelopeFiles == null) {
            return 0;
        }
        return database.read(h -> {
            try (var refs = h.createQuery("SELECT envelope_file, envelope_offset, envelope_length FROM submissions"
                            + " WHERE envelope_file IS NOT NULL ORDER BY envelope_file, envelope_offset")
                    .map((rs, ctx) -> new EnvelopeFiles.Ref(rs.getInt(1), rs.getLong(2), rs.getInt(3))).stream()) {
                return envelopeFiles.zeroUnreferenced(refs.iterator());
            } catch (IOException e) {
                throw new UncheckedIOException("Scrubbing the envelope files failed", e);
            }
        });
    }

    /**
     * Decides and writes a batch of uploads inside the caller's write transaction, upload by upload and in order
     * (a later upload of the batch with an earlier one's id is a retry or a conflict), with one query for the ids
     * already stored, one for withdrawals, one for respondent codes already stored, and prepared batches for the
     * rows and their audit entries instead of a round of statements per upload.
     */
    public List<Stored> storeAll(Handle handle, List<Upload> uploads, Instant now) {
        if (uploads.isEmpty()) {
            return List.of();
        }
        Known known = known(handle, uploads.stream().map(Upload::submission).toList());
        Map<String, SubmissionRow> existing = known.existing();
        List<String> allHashes = uploads.stream().flatMap(u -> u.submission().codeHashes().stream()).distinct()
                .toList();
        SeenCodes seen = SeenCodes.lookUp(handle, allHashes);
        Map<String, String> createdNow = new HashMap<>();
        List<Stored> out = new ArrayList<>(uploads.size());
        PreparedBatch rows = handle.prepareBatch(SubmissionDao.INSERT);
        PreparedBatch respondents = handle.prepareBatch(SubmissionDao.INSERT_RESPONDENT);
        List<AuditLog.Entry> entries = new ArrayList<>();
        TriageHook.Batch triaged = triage.begin(handle);
        for (Upload upload : uploads) {
            NewSubmission s = upload.submission();
            SubmissionRow row = existing.get(s.id());
            if (known.withdrawn(s)) {
                if (row == null && !createdNow.containsKey(s.id()) && known.withdrawnBeforeReceived(s)) {
                    Notices.withdrawnUpload(handle, upload.actor(), s.studyId(), s.site(), s.id(), now)
                            .ifPresent(entries::add);
                }
                out.add(new Stored.Withdrawn());
                continue;
            }
            String sha = row != null ? row.envelopeSha256() : createdNow.get(s.id());
            if (sha != null) {
                Instant receivedAt = row != null ? row.receivedAt() : now;
                out.add(sha.equals(s.envelopeSha256()) ? new Stored.Duplicate(sha, receivedAt) : new Stored.Conflict());
                continue;
            }
            EnvelopeFiles.Ref at = upload.envelopeAt();
            rows.bindMethods(s).bind("receivedAt", now)
                    // a laptop clock set ahead: never finalised after it was received
                    .bind("finalisedAt", s.finalisedAt().isAfter(now) ? now : s.finalisedAt())
                    .bind("storedEnvelope", at == null ? s.envelopeText() : "")
                    .bind("envelopeFile", at == null ? null : at.file())
                    .bind("envelopeOffset", at == null ? null : at.offset())
                    .bind("envelopeLength", at == null ? null : at.length())
                    .add();
            for (int i = 0; i < s.codeHashes().size(); i++) {
                respondents.bind("submissionId", s.id()).bind("position", i).bind("codeHash", s.codeHashes().get(i))
                        .add();
            }
            entries.add(new AuditLog.Entry(upload.actor(), "submission.received", "submission:" + s.id()));
            seen.duplicate(s, upload.actor()).ifPresent(entries::add);
            seen.stored(s);
            triaged.stored(s, upload.actor(), now, entries);
            createdNow.put(s.id(), s.envelopeSha256());
            out.add(new Stored.Created(s.envelopeSha256(), now));
        }
        if (rows.size() > 0) {
            rows.execute();
        }
        if (respondents.size() > 0) {
            respondents.execute();
        }
        triaged.finish();
        audit.appendAll(handle, entries);
        return out;
    }

    /**
     * {@code values} (not empty) lengthened to the next power of two by repeating its last value, which leaves
     * an {@code IN (...)} list's meaning unchanged. Batches vary in size; without this every size would be new
     * SQL text for Jdbi to parse (its parse cache is keyed by the text), at a cost that showed in profiles.
     */
    static List<String> padded(List<String> values) {
        int size = Integer.highestOneBit(values.size());
        if (size == values.size()) {
            return values;
        }
        List<String> out = new ArrayList<>(size * 2);
        out.addAll(values);
        while (out.size() < size * 2) {
            out.add(values.get(values.size() - 1));
        }
        return out;
    }

    /** The stored submission (header columns only), if any. */
    public Optional<SubmissionRow> find(String id) {
        return database.read(h -> find(h, id));
    }

    /** The stored submission (header columns only), read through the caller's handle. */
    public Optional<SubmissionRow> find(Handle handle, String id) {
        return handle.attach(SubmissionDao.class).find(id);
    }

    /** The exact stored envelope text, from its row or its envelope file. */
    public Optional<String> envelope(String id) {
        return database.read(h -> h.attach(SubmissionDao.class).envelope(id)).map(this::text);
    }

    private String text(SubmissionDao.EnvelopeLocation at) {
        if (at.envelopeFile() == null) {
            return at.envelope();
        }
        if (envelopeFiles == null) {
            throw new IllegalStateException("Submission stored in an envelope file, but none is open");
        }
        try {
            return new String(envelopeFiles.read(new EnvelopeFiles.Ref(at.envelopeFile(), at.envelopeOffset(),
                    at.envelopeLength())), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The respondents' keyed code hashes of a stored submission, in header order. */
    public List<String> codeHashes(String id) {
        return database.read(h -> h.attach(SubmissionDao.class).codeHashes(id));
    }

    /** Imported submissions (V37) per site x category, withdrawn ones left out. */
    public List<SubmissionDao.Count> importedCounts(String studyId) {
        return database.read(h -> h.attach(ImportDao.class).countImported(studyId));
    }

    public List<SubmissionDao.Count> counts(String studyId) {
        return database.read(h -> h.attach(SubmissionDao.class).countBySiteAndCategory(studyId));
    }

    /**
     * The respondents of a study's submissions that are not withdrawn, in the order the submissions were received
     * (the rows of one submission together), streamed to {@code consumer}.
     */
    void respondents(String studyId, Consumer<DuplicateCodes.Respondent> consumer) {
        database.read(h -> {
            h.createQuery("SELECT s.id AS submission_id, s.site, s.category, r.code_hash FROM submissions s "
                            + "JOIN submission_respondents r ON r.submission_id = s.id WHERE s.study_id = :studyId AND s."
                            + SubmissionDao.NOT_WITHDRAWN + " ORDER BY s.received_at, s.id, r.position")
                    .bind("studyId", studyId)
                    .map((rs, ctx) -> new DuplicateCodes.Respondent(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4))).forEach(consumer);
            return null;
        });
    }

    /**
     * The site and received time of every submission of a study that is not withdrawn, streamed to {@code consumer}
     * (header columns only).
     */
    void receivedTimes(String studyId, java.util.function.BiConsumer<String, Instant> consumer) {
        database.read(h -> {
            h.createQuery("SELECT site, received_at FROM submissions WHERE study_id = :studyId AND "
                            + SubmissionDao.NOT_WITHDRAWN)
                    .bind("studyId", studyId)
                    .map((rs, ctx) -> {
                        consumer.accept(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                        return null;
                    }).forEach(x -> { });
            return null;
        });
    }

    /** A stored envelope's id and exact text, as {@link #sealedPage} reads it for exports. */
    public record SealedRow(String id, String envelope) {
    }

    /**
     * The one query exports read sealed submissions with: the study's submissions (optionally only those of
     * {@code sites}, {@code formIds}, and finalised in {@code [from, to)}) whose id is greater than {@code afterId}
     * (null: from the start), in id order, at most {@code limit}, with their envelopes. Reading page after page
     * keeps memory constant and holds no read transaction open for a whole export. With {@code limit} 0 only
     * {@link #countSealed} uses the same conditions.
     */
    public List<SealedRow> sealedPage(String studyId, Set<String> sites, Set<String> formIds, Instant from,
                                      Instant to, String afterId, int limit) {
        String sql = "SELECT id, envelope, envelope_file, envelope_offset, envelope_length FROM submissions WHERE "
                + sealedConditions(sites, formIds, from, to) + (afterId == null ? "" : " AND id > :afterId")
                + " ORDER BY id LIMIT :limit";
        List<Located> rows = database.read(h -> bindSealed(h.createQuery(sql), studyId, sites, formIds, from, to)
                .bind("afterId", afterId).bind("limit", limit)
                .map(ConstructorMapper.of(Located.class)).list());
        List<SealedRow> out = new ArrayList<>(rows.size());
        for (Located row : rows) {
            out.add(new SealedRow(row.id(), text(new SubmissionDao.EnvelopeLocation(row.envelope(),
                    row.envelopeFile(), row.envelopeOffset(), row.envelopeLength()))));
        }
        return out;
    }

    /** A row of {@link #sealedPage}: the id and where its envelope is. */
    public record Located(String id, String envelope, Integer envelopeFile, Long envelopeOffset,
                          Integer envelopeLength) {
    }

    /** How many submissions {@link #sealedPage} reads in all, under the same conditions. */
    public long countSealed(String studyId, Set<String> sites, Set<String> formIds, Instant from, Instant to) {
        String sql = "SELECT COUNT(*) FROM submissions WHERE " + sealedConditions(sites, formIds, from, to);
        return database.read(h -> bindSealed(h.createQuery(sql), studyId, sites, formIds, from, to)
                .mapTo(Long.class).one());
    }

    /** How many submissions the same filter matches that {@link #sealedPage} leaves out as withdrawn (tombstones). */
    public long countWithdrawn(String studyId, Set<String> sites, Set<String> formIds, Instant from, Instant to) {
        String sql = "SELECT COUNT(*) FROM submissions WHERE " + filterConditions(sites, formIds, from, to)
                + " AND NOT (" + SubmissionDao.NOT_WITHDRAWN + ")";
        return database.read(h -> bindSealed(h.createQuery(sql), studyId, sites, formIds, from, to)
                .mapTo(Long.class).one());
    }

    /** Exports read only what is not withdrawn: a tombstone's parts are shredded. */
    private static String sealedConditions(Set<String> sites, Set<String> formIds, Instant from, Instant to) {
        return filterConditions(sites, formIds, from, to) + " AND " + SubmissionDao.NOT_WITHDRAWN;
    }

    private static String filterConditions(Set<String> sites, Set<String> formIds, Instant from, Instant to) {
        return "study_id = :studyId"
                + (sites.isEmpty() ? "" : " AND site IN (<sites>)")
                + (formIds.isEmpty() ? "" : " AND form_id IN (<formIds>)")
                + (from == null ? "" : " AND finalised_at >= :from")
                + (to == null ? "" : " AND finalised_at < :to");
    }

    private static Query bindSealed(Query query, String studyId, Set<String> sites, Set<String> formIds,
                                    Instant from, Instant to) {
        query.bind("studyId", studyId);
        if (!sites.isEmpty()) {
            query.bindList("sites", List.copyOf(sites));
        }
        if (!formIds.isEmpty()) {
            query.bindList("formIds", List.copyOf(formIds));
        }
        if (from != null) {
            query.bind("from", from);
        }
        if (to != null) {
            query.bind("to", to);
        }
        return query;
    }
}
