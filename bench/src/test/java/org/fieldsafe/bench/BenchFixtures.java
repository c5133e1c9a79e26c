package org.fieldsafe.bench;

import java.util.Map;
import org.fieldsafe.core.wire.SubmissionHeader.FormRef;

final class BenchFixtures {
    static final Device DEVICE = new Device("dev-7f3a", "KH-SVR", "enum-kh1", "tok-bench-secret");

    private BenchFixtures() {
    }

    static StudyContext study(byte[] receiptKey) {
        return new StudyContext("beyond-awareness", new FormRef("interview", 1, "a".repeat(64)),
                new FormRef("consent", 1, "b".repeat(64)), Map.of("research", "c".repeat(64), "identity", "d".repeat(64)),
                receiptKey);
    }
}
