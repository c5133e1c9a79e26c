package org.fieldsafe.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.store.DeviceRecord;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.PullUpdate;
import org.fieldsafe.client.sync.SubmissionServer;
import org.fieldsafe.core.crypto.Digests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SyncCommandTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final String A = "3f0c0000-0000-4000-8000-000000000000";
    static final String B = "3f0c0000-0000-4001-8000-000000000001";
    static final String C = "3f0c0000-0000-4002-8000-000000000002";

    @TempDir
    Path home;

    SubmissionServer server;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        server = SubmissionServer.start();
        try (DeviceStore store = DeviceStore.open(home)) {
            store.saveEnrolment(new DeviceRecord(server.uri(), "dev-7f3a", SubmissionServer.TOKEN, "beyond-awareness",
                    "KH-SVR", "enum-kh1", "laptop", NOW), false);
            store.applyPull(new PullUpdate(null, "{}".getBytes(StandardCharsets.UTF_8), null, List.of(), List.of(),
                    List.of(server.receiptKey(NOW)), NOW));
            store.outbox().put(A, envelope(A), NOW);
            store.outbox().put(B, envelope(B), NOW.plusSeconds(1));
        }
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void sync_allAccepted_linePerInterviewThenSummaryExitZero() {
        Run run = run("sync", "--home", home.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("sending 2 interviews..." + System.lineSeparator())
                .contains("] " + A + " sent, receipt " + SubmissionServer.RECEIVED_AT)
                .contains("] " + B + " sent, receipt " + SubmissionServer.RECEIVED_AT)
                .endsWith("2 sent, 0 interviews waiting" + System.lineSeparator());
        assertThat(run.err()).isEmpty();
        assertThat(run("sync", "--home", home.toString()).out()).isEqualTo("nothing to send" + System.lineSeparator());
    }

    @Test
    void sync_oneRefused_keptReportedAndExitOne() {
        server.answer(B, SubmissionServer.problem(422, "submission-invalid", "Submission not valid", "header.site"));

        Run run = run("sync", "--home", home.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(B + " kept, refused: Submission not valid: header.site (HTTP 422)")
                .contains("1 sent, 1 interview waiting");
        assertOneLine(run.err());
        assertThat(run.err()).contains("1 interview still waiting").contains("fieldsafe client status");
    }

    @Test
    void sync_withdrawn_deletedAndExitZero() {
        server.answer(A, SubmissionServer.withdrawn());

        Run run = run("sync", "--home", home.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains(A + " deleted: respondent withdrew").contains("1 sent, 0 interviews waiting, 1 withdrawn");
    }

    @Test
    void sync_revoked_oneLineEnrolAgainExitOne() throws Exception {
        try (DeviceStore store = DeviceStore.open(home)) {
            store.saveEnrolment(new DeviceRecord(server.uri(), "dev-7f3a", "revoked", "beyond-awareness", "KH-SVR",
                    "enum-kh1", "laptop", NOW), false);
            store.applyPull(new PullUpdate(null, "{}".getBytes(StandardCharsets.UTF_8), null, List.of(), List.of(),
                    List.of(server.receiptKey(NOW)), NOW));
        }

        Run run = run("sync", "--home", home.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertOneLine(run.err());
        assertThat(run.err()).contains("revoked").contains("enrol it again");
    }

    @Test
    void sync_serverUnreachableOneAttempt_keptExitOne() {
        server.stop();

        Run run = run("sync", "--home", home.toString(), "--attempts", "1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(A + " kept, not sent: cannot reach the server").contains("0 sent, 2 interviews waiting");
        assertOneLine(run.err());
        assertThat(run("status", "--home", home.toString()).out()).contains("tries 1  last error: cannot reach");
    }

    @Test
    void sync_multiChunkAttachment_chunkProgressThenSettledLineAndSummaryByKind() throws Exception {
        sealWithRecording(600_000);

        Run run = run("sync", "--home", home.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        String recording = C + "/recording";
        // chunks are sized to the measured link (ChunkSizer): the first is 64 KiB, the rest depend on the rate
        assertThat(run.out().lines()).containsSubsequence(
                "sending 3 interviews...",
                "sending 1 attachment...",
                "  " + recording + " 65536 of 600000 bytes stored (10%)",
                "  " + recording + " 600000 of 600000 bytes stored (100%)",
                "  [1/1] " + recording + " sent, receipt " + SubmissionServer.RECEIVED_AT,
                "4 sent, 0 interviews waiting, 0 attachments waiting");
        List<Long> stored = run.out().lines().filter(l -> l.startsWith("  " + recording + " ")
                        && l.contains(" bytes stored "))
                .map(l -> Long.parseLong(l.substring(("  " + recording + " ").length()).split(" ")[0])).toList();
        assertThat(stored).hasSizeGreaterThanOrEqualTo(2).isSorted().doesNotHaveDuplicates()
                .endsWith(600_000L);
        assertThat(run.out()).doesNotContain("ciphertext");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void sync_attachmentNotStored_countedApartFromInterviewsExitOne() throws Exception {
        sealWithRecording(20_000);
        server.thenChunks(SubmissionServer.problem(503, "unavailable", "Service unavailable", "Try later."));

        Run run = run("sync", "--home", home.toString(), "--attempts", "1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("[1/1] " + C + "/recording kept, not sent: ")
                .doesNotContain("bytes stored")
                .endsWith("3 sent, 0 interviews waiting, 1 attachment waiting" + System.lineSeparator());
        assertOneLine(run.err());
        assertThat(run.err()).contains("1 attachment still waiting").doesNotContain("interview");
    }

    @Test
    void sync_notEnrolled_oneLine() {
        Run run = run("sync", "--home", home.resolve("nowhere").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertOneLine(run.err());
        assertThat(run.err()).contains("enrol it first");
    }

    @Test
    void status_afterPartialSync_showsDraftsWaitingAndSentWithShortHash() {
        server.answer(A, SubmissionServer.problem(409, "submission-conflict", "Submission conflict", "Other bytes."));
        run("sync", "--home", home.toString());

        Run run = run("status", "--home", home.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(String.join(System.lineSeparator(),
                "device dev-7f3a, study beyond-awareness, site KH-SVR",
                "drafts: 0",
                "sealed, waiting to be sent: 1",
                "  " + A + "  sealed " + NOW + "  tries 1  last error: Submission conflict: Other bytes. (HTTP 409)",
                "attachments waiting to be uploaded: 0",
                "sent: 1",
                "  " + B + "  received " + SubmissionServer.RECEIVED_AT + "  envelope "
                        + Digests.sha256Hex(envelope(B)).substring(0, 12),
                ""));
    }

    @Test
    void status_attachmentsWaiting_listedWithBytesUploadedOfTotal() throws Exception {
        try (DeviceStore store = DeviceStore.open(home)) {
            store.outbox().put(C, envelope(C), NOW.plusSeconds(2),
                    Map.of("recording", new byte[300_000], "recording_r2", new byte[5_000]));
            store.outbox().recordAttachmentProgress(C, "recording", 262_144, "the server failed to store attachment"
                    + " recording of 3f0c0000 (HTTP 503)");
        }

        Run run = run("status", "--home", home.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains(String.join(System.lineSeparator(),
                "attachments waiting to be uploaded: 2",
                "  " + C + "  recording  uploaded 262144 of 300000 bytes  last error: the server failed to store"
                        + " attachment recording of 3f0c0000 (HTTP 503)",
                "  " + C + "  recording_r2  uploaded 0 of 5000 bytes",
                "sent: 0"));
    }

    @Test
    void status_pausedDraft_counted() throws Exception {
        try (DeviceStore store = DeviceStore.open(home)) {
            store.drafts().save("draft-1", "interview", "KH-SVR", new byte[] {1, 2, 3}, NOW);
        }

        Run run = run("status", "--home", home.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("drafts: 1" + System.lineSeparator()).contains("sealed, waiting to be sent: 2");
    }

    @Test
    void help_syncAndStatus_listed() {
        assertThat(run("--help").out()).contains("sync").contains("status");
        assertThat(run("sync", "--help").out()).contains("--attempts=N").contains("--max-time=SECONDS")
                .contains("--home=DIR");
    }

    /** Seals interview C with a recording of {@code size} sealed bytes. */
    private void sealWithRecording(int size) throws Exception {
        try (DeviceStore store = DeviceStore.open(home)) {
            store.outbox().put(C, envelope(C), NOW.plusSeconds(2), Map.of("recording", new byte[size]));
        }
    }

    private Run run(String... args) {
        CommandLine cmd = ClientMain.commandLine(Map.of(), ClientMainTest.SETTINGS);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        Run run = new Run(exit, out.toString(), err.toString());
        assertThat(run.out() + run.err()).doesNotContain(SubmissionServer.TOKEN);
        return run;
    }

    private static void assertOneLine(String err) {
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(err).startsWith("fieldsafe: ").doesNotContain("\tat ");
    }

    private static byte[] envelope(String id) {
        return ("{\"header\":{\"v\":1,\"submissionId\":\"" + id + "\"},\"parts\":{}}").getBytes(StandardCharsets.UTF_8);
    }
}
