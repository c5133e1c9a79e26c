package org.fieldsafe.server.referral;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.UploadFixture;

/** Referral cases opened the real way: a sealed upload whose header carries triage, from the fixture's device. */
public final class TriagedUploads {
    private static final AtomicInteger CODES = new AtomicInteger(100);

    private TriagedUploads() {
    }

    /** Uploads a disclosure of {@code urgency} with choice {@code refer} and returns the case it opened. */
    public static ReferralCaseRow open(UploadFixture uploads, String urgency) {
        String code = "KH-SVR-RH-" + CODES.incrementAndGet();
        byte[] research = "{\"answers\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] referral = ("{\"code\":\"" + code + "\",\"category\":\"current_risk\",\"urgency\":\"" + urgency
                + "\",\"choice\":\"refer\",\"routes\":{\"helpline\":true},\"contact\":{\"how\":\"phone\"}}")
                .getBytes(StandardCharsets.UTF_8);
        String id = uploads.putSealed(code, Map.of(Envelope.RESEARCH, research, Envelope.REFERRAL, referral),
                new SubmissionHeader.Triage("current_risk", urgency, "refer", false));
        return new ReferralCaseStore(uploads.app.services().database()).findBySubmission(id).orElseThrow();
    }

    /** The case as stored now. */
    public static ReferralCaseRow reread(UploadFixture uploads, ReferralCaseRow row) {
        return new ReferralCaseStore(uploads.app.services().database()).find(row.id()).orElseThrow();
    }

    /** Acknowledges the case as an officer would (state acknowledged, version + 1), straight in the database. */
    public static void acknowledge(UploadFixture uploads, ReferralCaseRow row, Instant at) {
        ReferralCaseRow acked = new ReferralCaseRow(row.id(), row.studyId(), row.site(), row.submissionId(),
                row.category(), row.urgency(), row.choice(), row.raisedBy(), CaseState.ACKNOWLEDGED.wire(),
                row.openedAt(), at, "officer1", null, null, null, null, null, null, row.escalatedAt(),
                row.version() + 1, at);
        boolean written = uploads.app.services().database().write(h ->
                new ReferralCaseStore(uploads.app.services().database()).update(h, acked, row.version()));
        if (!written) {
            throw new IllegalStateException("The case changed meanwhile");
        }
    }
}
