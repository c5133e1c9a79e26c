package org.fieldsafe.server.referral;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldsafe.server.UploadFixture;

/** Referral cases opened the real way - a sealed upload with triage from the fixture's device - and re-read. */
public final class TriagedUploads {
    private static final AtomicInteger CODES = new AtomicInteger(100);

    private TriagedUploads() {
    }

    /** Uploads a disclosure of {@code urgency} with choice {@code refer} and returns the case it opened. */
    public static ReferralCaseRow open(UploadFixture uploads, String urgency) {
        String id = ReferralFixtures.upload(uploads, uploads.target, uploads.device.deviceToken(),
                "KH-SVR-RH-" + CODES.incrementAndGet(), "refer", urgency, false, Map.of("helpline", true), "phone");
        return new ReferralCaseStore(uploads.app.services().database()).findBySubmission(id).orElseThrow();
    }

    /** The case as stored now. */
    public static ReferralCaseRow reread(UploadFixture uploads, ReferralCaseRow row) {
        return new ReferralCaseStore(uploads.app.services().database()).find(row.id()).orElseThrow();
    }
}
