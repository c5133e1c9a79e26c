package org.fieldsafe.server.referral;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.Urgency;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.StudyStore;

/**
 * The acknowledgement deadlines of referral cases (DESIGN.md section 8): a case must be acknowledged within its
 * study's {@code referral_sla} for its urgency (study.yaml, e.g. immediate PT2H, urgent PT24H, routine PT72H),
 * counted from when the server opened it. Each study's current definition is parsed once per version (by hash).
 */
public final class ReferralDeadlines {
    private final StudyStore studies;
    private final Map<String, Study> parsed = new ConcurrentHashMap<>();

    public ReferralDeadlines(StudyStore studies) {
        this.studies = studies;
    }

    /** The study's current definition; empty for an unknown study. */
    public Optional<Study> study(String studyId) {
        return studies.find(studyId).map(this::parse);
    }

    /** The time {@code row} must be acknowledged by under {@code study}'s SLA. */
    public static Instant deadline(Study study, ReferralCaseRow row) {
        Duration sla = study.referralSla().get(Urgency.of(row.urgency()));
        if (sla == null) {
            throw new IllegalStateException("The study " + study.id() + " has no referral_sla for " + row.urgency());
        }
        return row.openedAt().plus(sla);
    }

    /** True when {@code row} is still unacknowledged at {@code now}, past its deadline. */
    public static boolean overdue(Study study, ReferralCaseRow row, Instant now) {
        return row.acknowledgedAt() == null && CaseState.NEW.wire().equals(row.state())
                && !now.isBefore(deadline(study, row));
    }

    private Study parse(CompiledStudy compiled) {
        return parsed.computeIfAbsent(compiled.sha256(), sha -> Study.fromCanonicalJson(
                compiled.canonicalJson().getBytes(StandardCharsets.UTF_8)));
    }
}
