package org.fieldsafe.server.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.wire.AuditVerification;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.server.MutableClock;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.keys.ReceiptKey;
import org.fieldsafe.server.referral.ReferralCaseStore;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.NeedsPostgres;
import org.fieldsafe.server.storage.TestDatabases;
import org.fieldsafe.server.storage.TestDatabases.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fieldsafe.server.storage.EnvelopeFiles;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Submission storage and the group-committing writer against real databases: SQLite and PostgreSQL. */
@NeedsPostgres
class SubmissionStorageIntegrationTest {
    private static final Instant T0 = StorageFixture.T0;

    private final MutableClock clock = new MutableClock(T0);

    @ParameterizedTest
    @EnumSource(Backend.class)
    void store_newDuplicateConflictWithdrawn(Backend backend) {
        Database db = prepared(backend);
        SubmissionStore store = StorageFixture.store(db, new AuditLog(db, clock));
        NewSubmission first = submission("id-1", "{\"a\":1}", "RH", List.of("1".repeat(64), "2".repeat(64)));
        NewSubmission other = submission("id-1", "{\"a\":2}", "RH", List.of("1".repeat(64)));
        List<Stored> results = db.write(h -> List.of(StorageFixture.storeOne(store, h, first, "device:d1", T0),
                StorageFixture.storeOne(store, h, first, "device:d1", T0.plusSeconds(1)), StorageFixture.storeOne(store, h, other, "device:d1", T0)));
        assertThat(results).containsExactly(new Stored.Created(first.envelopeSha256(), T0),
                new Stored.Duplicate(first.envelopeSha256(), T0), new Stored.Conflict());
        assertThat(store.find("id-1").orElseThrow()).isEqualTo(new SubmissionRow("id-1", first.envelopeSha256(),
                "s1", "KH-SVR", "interview", 1, "RH", "d1", T0.minusSeconds(600), T0, "urgent", "refer"));
        assertThat(store.envelope("id-1")).hasValue("{\"a\":1}");
        assertThat(store.codeHashes("id-1")).containsExactly("1".repeat(64), "2".repeat(64));

        db.write(h -> {
            h.attach(SubmissionDao.class).insertWithdrawal("s1", "3".repeat(64), T0, "pi");
            return null;
        });
        NewSubmission withdrawn = submission("id-2", "{}", "RH", List.of("4".repeat(64), "3".repeat(64)));
        Stored refused = db.write(h -> StorageFixture.storeOne(store, h, withdrawn, "device:d1", T0));
        assertThat(refused).isEqualTo(new Stored.Withdrawn());
        assertThat(store.find("id-2")).isEmpty();
        // the triaged upload (choice refer) opened one case with it; the retry and the conflict opened none
        assertThat(cases(db)).containsExactly("id-1 KH-SVR current_risk urgent refer rule new 1");
        assertThat(new AuditLog(db, clock).verify()).isEqualTo(new AuditVerification(true, 2, null, AuditLog.UNKEYED));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void storeAll_sameOutcomesAsOneByOne_andOneIntactAuditChain(Backend backend) {
        Database db = prepared(backend);
        AuditLog audit = new AuditLog(db, clock);
        SubmissionStore store = StorageFixture.store(db, audit);
        NewSubmission earlier = submission("b0", "{\"e\":0}", "RH", List.of("5".repeat(64)));
        db.write(h -> StorageFixture.storeOne(store, h, earlier, "device:d1", T0.minusSeconds(60)));
        db.write(h -> {
            h.attach(SubmissionDao.class).insertWithdrawal("s1", "3".repeat(64), T0, "pi");
            return null;
        });
        NewSubmission first = submission("b1", "{\"a\":1}", "RH", List.of("1".repeat(64), "2".repeat(64)));
        NewSubmission sameAgain = first;
        NewSubmission otherBytes = submission("b1", "{\"a\":2}", "RH", List.of("1".repeat(64)));
        NewSubmission withdrawn = submission("b2", "{}", "RH", List.of("4".repeat(64), "3".repeat(64)));
        NewSubmission earlierRetry = earlier;
        NewSubmission earlierConflict = submission("b0", "{\"e\":1}", "RH", List.of("5".repeat(64)));
        NewSubmission second = submission("b3", "{\"a\":3}", "DB", List.of("6".repeat(64)));
        List<SubmissionStore.Upload> uploads = List.of(first, sameAgain, otherBytes, withdrawn, earlierRetry,
                earlierConflict, second).stream().map(s -> new SubmissionStore.Upload(s, "device:d1", null)).toList();

        List<Stored> results = db.write(h -> store.storeAll(h, uploads, T0));

        assertThat(results).containsExactly(new Stored.Created(first.envelopeSha256(), T0),
                new Stored.Duplicate(first.envelopeSha256(), T0), new Stored.Conflict(), new Stored.Withdrawn(),
                new Stored.Duplicate(earlier.envelopeSha256(), T0.minusSeconds(60)), new Stored.Conflict(),
                new Stored.Created(second.envelopeSha256(), T0));
        assertThat(store.envelope("b1")).hasValue("{\"a\":1}");
        assertThat(store.codeHashes("b1")).containsExactly("1".repeat(64), "2".repeat(64));
        assertThat(store.find("b2")).isEmpty();
        assertThat(store.find("b3").orElseThrow().receivedAt()).isEqualTo(T0);
        assertThat(store.codeHashes("b3")).containsExactly("6".repeat(64));
        // one case per stored triaged upload, none for retries, conflicts or the withdrawn one
        assertThat(cases(db)).containsExactly("b0 KH-SVR current_risk urgent refer rule new 1",
                "b1 KH-SVR current_risk urgent refer rule new 1", "b3 KH-SVR current_risk urgent refer rule new 1");
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 6, null, AuditLog.UNKEYED));
        List<Stored> none = db.write(h -> store.storeAll(h, List.of(), T0));
        assertThat(none).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void writer_uploadsWaitingTogether_storedInOneTransactionThenReceipted(Backend backend) throws Exception {
        Database db = prepared(backend);
        ReceiptKey key = ReceiptKey.loadOrCreate(db, clock);
        SubmissionWriter writer = new SubmissionWriter(db, StorageFixture.store(db, new AuditLog(db, clock)), key,
                clock, 256, 1000);
        writer.start();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        Thread blocker = new Thread(() -> db.write(h -> {
            holding.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        blocker.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<SubmissionWriter.Answer>> answers = new ArrayList<>();
        answers.add(writer.submit(submission("w-0", "{\"n\":0}", "RH", List.of("a".repeat(64))), "device:d1"));
        Thread.sleep(200);
        for (int i = 1; i < 10; i++) {
            answers.add(writer.submit(submission("w-" + i, "{\"n\":" + i + "}", "DB", List.of("b".repeat(63) + i)),
                    "device:d1"));
        }
        answers.add(writer.submit(submission("w-1", "{\"n\":1}", "DB", List.of("b".repeat(63) + 1)), "device:d1"));
        assertThat(answers.get(0).isDone()).as("nothing answered before the commit").isFalse();
        release.countDown();
        blocker.join();
        for (int i = 0; i < answers.size(); i++) {
            SubmissionWriter.Answer answer = answers.get(i).get(10, TimeUnit.SECONDS);
            assertThat(Receipts.verify(answer.receipt(), key.publicKey())).isTrue();
            assertThat(answer.stored()).isInstanceOf(i < 10 ? Stored.Created.class : Stored.Duplicate.class);
        }
        Receipt retry = answers.get(10).get().receipt();
        Receipt first = answers.get(1).get().receipt();
        assertThat(retry.acknowledgement()).as("the retry's receipt acknowledges the same upload at the same time")
                .isEqualTo(first.acknowledgement());
        assertThat(first.signature()).as("one signature for the batch").isEqualTo(retry.signature());
        assertThat(writer.commits()).as("one upload alone, then ten in one transaction").isEqualTo(2);
        writer.stop();
        assertThat(writer.submit(submission("late", "{}", "RH", List.of("c".repeat(64))), "device:d1"))
                .isCompletedExceptionally();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void receiptKey_createdOnce_sameKeyAfterRestart(Backend backend) {
        Database db = TestDatabases.open(backend);
        ReceiptKey first = ReceiptKey.loadOrCreate(db, clock);
        ReceiptKey again = ReceiptKey.loadOrCreate(db, clock);
        assertThat(again.keyId()).isEqualTo(first.keyId()).isEqualTo(Digests.sha256Hex(first.publicKey()));
        assertThat(first.toString()).contains("[REDACTED]");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void counts_bySiteAndCategory(Backend backend) {
        Database db = prepared(backend);
        SubmissionStore store = StorageFixture.store(db, new AuditLog(db, clock));
        db.write(h -> {
            StorageFixture.storeOne(store, h, submission("c1", "{}", "RH", List.of("1".repeat(64))), "device:d1", T0);
            StorageFixture.storeOne(store, h, submission("c2", "{}", "RH", List.of("2".repeat(64))), "device:d1", T0);
            StorageFixture.storeOne(store, h, submission("c3", "{}", "DB", List.of("3".repeat(64))), "device:d1", T0);
            return null;
        });
        assertThat(store.counts("s1")).containsExactly(new SubmissionDao.Count("KH-SVR", "DB", 1),
                new SubmissionDao.Count("KH-SVR", "RH", 2));
        assertThat(store.counts("other")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void storeAndStoreAll_duplicateCode_storedAndAuditedWithoutTheCode(Backend backend) {
        Database db = prepared(backend);
        AuditLog audit = new AuditLog(db, clock);
        SubmissionStore store = StorageFixture.store(db, audit);
        db.write(h -> List.of(StorageFixture.storeOne(store, h, submission("d1", "{\"d\":1}", "RH", List.of("1".repeat(64))),
                "device:d1", T0), StorageFixture.storeOne(store, h, submission("d2", "{\"d\":2}", "RH",
                List.of("2".repeat(64), "1".repeat(64))), "device:d2", T0)));
        List<Stored> batch = db.write(h -> store.storeAll(h, List.of(
                submission("d3", "{\"d\":3}", "DB", List.of("2".repeat(64))),
                submission("d4", "{\"d\":4}", "RH", List.of("9".repeat(64))),
                submission("d5", "{\"d\":5}", "RH", List.of("9".repeat(64)))).stream()
                .map(u -> new SubmissionStore.Upload(u, "device:d3", null)).toList(), T0));

        assertThat(batch).allMatch(stored -> stored instanceof Stored.Created);
        List<String> subjects = db.read(h -> h.createQuery("SELECT subject FROM audit_log WHERE event = :event "
                + "ORDER BY seq").bind("event", SeenCodes.EVENT).mapTo(String.class).list());
        assertThat(subjects).containsExactly(
                "submission:d2 also:d1 study:s1 site:KH-SVR category:RH codes:1",
                "submission:d3 also:d2 study:s1 site:KH-SVR category:DB codes:1",
                "submission:d5 also:d4 study:s1 site:KH-SVR category:RH codes:1");
        assertThat(audit.verify().intact()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void store_retryAfterItsRespondentWithdrew_withdrawnNotDuplicate(Backend backend) {
        Database db = prepared(backend);
        SubmissionStore store = StorageFixture.store(db, new AuditLog(db, clock));
        NewSubmission stored = submission("r1", "{\"r\":1}", "RH", List.of("7".repeat(64)));
        db.write(h -> StorageFixture.storeOne(store, h, stored, "device:d1", T0));
        db.write(h -> {
            h.attach(SubmissionDao.class).insertWithdrawal("s1", "7".repeat(64), T0, "pi");
            return null;
        });

        Stored retry = db.write(h -> StorageFixture.storeOne(store, h, stored, "device:d1", T0));
        List<Stored> retries = db.write(h -> store.storeAll(h,
                List.of(new SubmissionStore.Upload(stored, "device:d1", null)), T0));

        assertThat(retry).isEqualTo(new Stored.Withdrawn());
        assertThat(retries).containsExactly(new Stored.Withdrawn());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void shred_envelopeInItsRowAndAttachmentChunks_goneFromTheRowAndTheDatabaseFiles(Backend backend)
            throws Exception {
        Database db = prepared(backend);
        SubmissionStore store = StorageFixture.store(db, new AuditLog(db, clock));
        String ciphertext = java.util.Base64.getEncoder().encodeToString(
                org.fieldsafe.core.crypto.Secrets.randomBytes(300));
        String chunk = java.util.Base64.getEncoder().encodeToString(org.fieldsafe.core.crypto.Secrets.randomBytes(3000));
        String envelope = "{\"header\":{\"v\":1},\"parts\":{\"research\":{\"nonce\":\"bm9uY2Vub25jZQ==\","
                + "\"ciphertext\":\"" + ciphertext + "\",\"recipients\":[]}}}";
        db.write(h -> {
            StorageFixture.storeOne(store, h, submission("p1", envelope, "RH", List.of("8".repeat(64))), "device:d1", T0);
            h.attach(org.fieldsafe.server.attachments.AttachmentDao.class).insertChunk("p1", "recording", 0, 3000,
                    chunk);
            return null;
        });
        org.fieldsafe.server.shredding.SubmissionShredder shredder =
                new org.fieldsafe.server.shredding.SubmissionShredder(db, null);
        Path dir = backend == Backend.SQLITE ? db.read(h -> Path.of(h.createQuery("PRAGMA database_list")
                .map((rs, ctx) -> rs.getString("file")).first())).getParent() : null;
        if (dir != null) {
            shredder.truncateLog(); // the rows long stored: in the database file itself
            assertThat(inFiles(dir, ciphertext)).isTrue();
            assertThat(inFiles(dir, chunk)).isTrue();
        }

        org.fieldsafe.server.shredding.SubmissionShredder.Shredded shredded =
                db.write(h -> shredder.shred(h, "p1", java.util.Set.of("research"), true));
        shredder.truncateLog();

        assertThat(shredded.found().parts()).containsExactly("research");
        assertThat(shredded.rowsChanged()).isTrue();
        String after = store.envelope("p1").orElseThrow();
        assertThat(after).hasSameSizeAs(envelope).doesNotContain(ciphertext).contains("bm9uY2Vub25jZQ==".replaceAll(
                "[^=]", "A"));
        int chunks = db.read(h -> h.createQuery("SELECT COUNT(*) FROM attachment_chunks").mapTo(Integer.class).one());
        assertThat(chunks).isZero();
        if (dir != null) {
            assertThat(inFiles(dir, ciphertext)).isFalse();
            assertThat(inFiles(dir, chunk)).isFalse();
        }
        org.fieldsafe.server.shredding.SubmissionShredder.Shredded again =
                db.write(h -> shredder.shred(h, "p1", java.util.Set.of("research"), true));
        assertThat(again.rowsChanged()).isFalse();
    }

    private static boolean inFiles(Path dir, String text) throws java.io.IOException {
        return org.fieldsafe.server.FileScan.filesUnder(dir).values().stream()
                .anyMatch(c -> c.contains(org.fieldsafe.server.FileScan.asStoredBytes(text)));
    }

    private Database prepared(Backend backend) {
        return StorageFixture.prepared(backend, clock);
    }

    @Test
    void writer_withEnvelopeFiles_envelopeWrittenOnceToItsFileAndReadBackExactly(@TempDir Path dir) throws Exception {
        Database db = prepared(Backend.SQLITE);
        ReceiptKey key = ReceiptKey.loadOrCreate(db, clock);
        String text = "{\"v\":1,\"parts\":{\"research\":\"" + "Q".repeat(5000) + "\"}}";
        try (EnvelopeFiles files = EnvelopeFiles.open(dir, 1 << 20)) {
            SubmissionStore store = new SubmissionStore(db, new AuditLog(db, clock), files,
                    new ReferralCaseStore(db));
            SubmissionWriter writer = new SubmissionWriter(db, store, key, clock, 256, 1000);
            writer.start();
            SubmissionWriter.Answer first = writer.submit(submission("f-1", text, "RH", List.of("3".repeat(64))),
                    "device:d1").get(10, TimeUnit.SECONDS);
            SubmissionWriter.Answer again = writer.submit(submission("f-1", text, "RH", List.of("3".repeat(64))),
                    "device:d1").get(10, TimeUnit.SECONDS);
            writer.stop();

            assertThat(first.stored()).isInstanceOf(Stored.Created.class);
            assertThat(again.stored()).isInstanceOf(Stored.Duplicate.class);
            assertThat(Receipts.verify(first.receipt(), key.publicKey())).isTrue();
            assertThat(store.envelope("f-1")).hasValue(text);
            try (Handle h = db.jdbi().open()) {
                Map<String, Object> row = h.createQuery("SELECT envelope, envelope_file, envelope_offset, "
                        + "envelope_length FROM submissions WHERE id = 'f-1'").mapToMap().one();
                assertThat(row.get("envelope")).as("not in the row").isEqualTo("");
                assertThat(((Number) row.get("envelope_file")).intValue()).isEqualTo(1);
                assertThat(((Number) row.get("envelope_length")).intValue()).isEqualTo(text.length());
            }
        }
        assertThat(Files.readString(dir.resolve("000001.envelopes"))).startsWith(text);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void referralCases_openedOnlyForReferAndInformationOnly_oneByOneAndInBatches(Backend backend) {
        Database db = prepared(backend);
        AuditLog audit = new AuditLog(db, clock);
        SubmissionStore store = StorageFixture.store(db, audit);
        NewSubmission plain = triaged("c1", null, null, null, false);
        NewSubmission declined = triaged("c2", "routine", "decline", "past_harm", false);
        NewSubmission info = triaged("c3", "routine", "information_only", "past_harm", true);
        db.write(h -> List.of(StorageFixture.storeOne(store, h, plain, "device:d1", T0), StorageFixture.storeOne(store, h, declined, "device:d1", T0),
                StorageFixture.storeOne(store, h, info, "device:d1", T0)));
        NewSubmission plainBatch = triaged("c4", null, null, null, false);
        NewSubmission declinedBatch = triaged("c5", "urgent", "decline", "current_risk", true);
        NewSubmission referBatch = triaged("c6", "immediate", "refer", "current_risk", true);
        db.write(h -> store.storeAll(h, List.of(plainBatch, declinedBatch, referBatch, referBatch).stream()
                .map(s -> new SubmissionStore.Upload(s, "device:d1", null)).toList(), T0));

        assertThat(cases(db)).containsExactly("c3 KH-SVR past_harm routine information_only enumerator new 1",
                "c6 KH-SVR current_risk immediate refer enumerator new 1");
        List<String> opened = db.read(h -> h.createQuery("SELECT event FROM audit_log WHERE event = "
                + "'referral.opened'").mapTo(String.class).list());
        assertThat(opened).hasSize(2);
        assertThat(audit.verify().intact()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void referralCases_untriagedUploadsRunNoStatementForThem_triagedOnesOneBatch(Backend backend) {
        Database db = prepared(backend);
        SubmissionStore store = StorageFixture.store(db, new AuditLog(db, clock));
        List<String> statements = Collections.synchronizedList(new ArrayList<>());
        db.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.add(context.getRenderedSql());
            }
        });
        List<SubmissionStore.Upload> plain = List.of(triaged("p1", null, null, null, false),
                        triaged("p2", null, null, null, false), triaged("p3", "routine", "decline", "past_harm", false))
                .stream().map(s -> new SubmissionStore.Upload(s, "device:d1", null)).toList();
        db.write(h -> store.storeAll(h, plain, T0));
        assertThat(statements).isNotEmpty().noneMatch(sql -> sql.contains("referral_cases"));

        statements.clear();
        List<SubmissionStore.Upload> triaged = List.of(triaged("t1", "urgent", "refer", "current_risk", false),
                        triaged("t2", "routine", "information_only", "past_harm", true))
                .stream().map(s -> new SubmissionStore.Upload(s, "device:d1", null)).toList();
        db.write(h -> store.storeAll(h, triaged, T0));
        assertThat(statements).filteredOn(sql -> sql.contains("referral_cases")).hasSize(1);
        assertThat(cases(db)).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void storeAll_triageHook_seesEachStoredUploadOnceInTheSameTransaction(Backend backend) {
        Database db = prepared(backend);
        List<String> seen = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        List<Handle> hookHandles = new ArrayList<>();
        TriageHook recording = handle -> new TriageHook.Batch() {
            @Override
            public void stored(NewSubmission submission, String actor, Instant now, List<AuditLog.Entry> audit) {
                hookHandles.add(handle);
                seen.add(submission.id() + " " + actor + " " + now);
                audit.add(new AuditLog.Entry(actor, "test.triaged", "submission:" + submission.id()));
            }

            @Override
            public void finish() {
                finished.add(String.valueOf(seen.size()));
            }
        };
        SubmissionStore store = new SubmissionStore(db, new AuditLog(db, clock), null, recording);
        NewSubmission first = submission("h1", "{\"h\":1}", "RH", List.of("1".repeat(64)));
        NewSubmission conflict = submission("h1", "{\"h\":2}", "RH", List.of("1".repeat(64)));
        NewSubmission second = submission("h2", "{\"h\":3}", "RH", List.of("2".repeat(64)));

        List<Handle> writeHandle = new ArrayList<>();
        db.write(h -> {
            writeHandle.add(h);
            return store.storeAll(h, List.of(new SubmissionStore.Upload(first, "device:d1", null),
                    new SubmissionStore.Upload(first, "device:d1", null), new SubmissionStore.Upload(conflict,
                            "device:d1", null), new SubmissionStore.Upload(second, "device:d1", null)), T0);
        });

        assertThat(seen).containsExactly("h1 device:d1 " + T0, "h2 device:d1 " + T0);
        assertThat(finished).containsExactly("2");
        assertThat(cases(db)).isEmpty();
        assertThat(hookHandles).containsOnly(writeHandle.get(0)).hasSize(2);
        int triagedEntries = db.read(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE event = 'test.triaged'")
                .mapTo(Integer.class).one());
        assertThat(triagedEntries).isEqualTo(2);
    }

    /** The stored cases as "submission site category urgency choice raisedBy state version", by submission. */
    private static List<String> cases(Database db) {
        return db.read(h -> h.createQuery("SELECT submission_id || ' ' || site || ' ' || category || ' ' || urgency "
                + "|| ' ' || choice || ' ' || raised_by || ' ' || state || ' ' || version FROM referral_cases "
                + "ORDER BY submission_id").mapTo(String.class).list());
    }

    private static NewSubmission triaged(String id, String urgency, String choice, String category,
                                         boolean byEnumerator) {
        String envelope = "{\"" + id + "\":1}";
        return new NewSubmission(id, Digests.sha256Hex(envelope), envelope.getBytes(StandardCharsets.UTF_8), "s1",
                "KH-SVR", "interview", 1, "RH", "d1", T0.minusSeconds(600), urgency, choice, category, byEnumerator, List.of(id.repeat(32)));
    }

    private static NewSubmission submission(String id, String envelope, String category, List<String> codeHashes) {
        return new NewSubmission(id, Digests.sha256Hex(envelope), envelope.getBytes(StandardCharsets.UTF_8), "s1",
                "KH-SVR", "interview", 1, category, "d1", T0.minusSeconds(600), "urgent", "refer", "current_risk", false, codeHashes);
    }
}
