package org.fieldsafe.client.interview;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where one respondent is: their stage, answers per form, the questions already shown, the probes ticked per
 * question, their referral.
 */
final class RespondentProgress {
    enum Stage { CONSENT, INTERVIEW, DONE, REFUSED }

    Stage stage = Stage.CONSENT;
    String refusal;
    final Map<String, Object> consent = new LinkedHashMap<>();
    final Map<String, Object> answers = new LinkedHashMap<>();
    final Set<String> consentVisited = new LinkedHashSet<>();
    final Set<String> interviewVisited = new LinkedHashSet<>();
    final Map<String, Set<String>> probesTicked = new LinkedHashMap<>();
    Referral referral;

    Map<String, Object> answersOf(boolean consentForm) {
        return consentForm ? consent : answers;
    }

    Set<String> visitedOf(boolean consentForm) {
        return consentForm ? consentVisited : interviewVisited;
    }

    boolean consented() {
        return stage == Stage.INTERVIEW || stage == Stage.DONE;
    }

    void clear() {
        consent.clear();
        answers.clear();
        consentVisited.clear();
        interviewVisited.clear();
        probesTicked.clear();
        referral = null;
    }
}
