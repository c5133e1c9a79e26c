package org.fieldsafe.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A referral case as the API shows it to an officer of its site: codes, ids and times only (ISO-8601), the states
 * it may change to now, the acknowledgement {@code deadline} (the study's SLA for the urgency, from opening) and the
 * corrections made to it, oldest first. Nothing of the respondent: the consented routes and the way and time of
 * contact are in the sealed referral part.
 */
public record CaseView(String id, String study, String site, String submissionId, String category, String urgency,
                       String choice, String raisedBy, String state, String openedAt, String acknowledgedAt,
                       String acknowledgedBy, String referredService, String referredOn, String referredBy,
                       String closedAt, String closedBy, String outcome, String escalatedAt, int version,
                       List<String> next, String deadline, List<Correction> corrections) {

    /** A correction as shown: the version it made, when, by whom, why, and the referral it took back. */
    public record Correction(int version, String correctedAt, String correctedBy, String reason, String fromState,
                             String fromService, String fromDate) {
    }

    /**
     * The opened referral part of a case, as read by its officer, and the routes the respondent consented to: each
     * service id with its name in the study's master language (the id again when the directory no longer has it).
     */
    public record Part(String caseId, String submissionId, JsonNode referral, Map<String, String> consentedRoutes) {
    }

    /**
     * An officer's case queue as of the server's {@code asOf}: open cases first, by acknowledgement deadline (soonest
     * first), then final ones, last changed first.
     */
    public record Queue(String asOf, List<Queued> cases) {
    }

    /**
     * A case in the queue: {@code overdue} when still new past its deadline; {@code secondsLeft} until the deadline
     * while it is new (negative once overdue), null once acknowledged or without a deadline.
     */
    public record Queued(CaseView view, boolean overdue, Long secondsLeft) {
    }

    /**
     * One entry of a case's history, from the audit log: when, who, the event ({@code referral.opened},
     * {@code referral.acknowledged}, {@code referral.read}, ...) and the codes its entry names ({@code from},
     * {@code version}, {@code service}, {@code outcome}, {@code reason}, ...).
     */
    public record Event(String at, String actor, String event, Map<String, String> details) {
    }

    /** Cases of a study at one site, in one category and state. */
    public record Count(String site, String category, String state, int cases) {
    }
}
