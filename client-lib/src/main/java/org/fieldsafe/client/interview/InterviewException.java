package org.fieldsafe.client.interview;

/**
 * An answer or a step the interview engine refuses. The message names the respondent index and the question
 * id, never an answer value, so it is safe to print and to log.
 */
public final class InterviewException extends Exception {
    /** What kind of refusal: an answer missing, one failing the constraint, one not valid for its type, or a step. */
    public enum Kind { REQUIRED, CONSTRAINT, INVALID, STEP }

    private final int respondent;
    private final String questionId;
    private final Kind kind;
    private final String problem;

    public InterviewException(int respondent, String questionId, String problem) {
        this(respondent, questionId, Kind.INVALID, problem);
    }

    public InterviewException(int respondent, String questionId, Kind kind, String problem) {
        super(describe(respondent, questionId, problem));
        this.respondent = respondent;
        this.questionId = questionId;
        this.kind = kind;
        this.problem = problem;
    }

    public Kind kind() {
        return kind;
    }

    /** The problem alone, without the respondent and question (a constraint's is the form's message). */
    public String problem() {
        return problem;
    }

    /** The respondent index (0 or 1), or -1 when the problem is the whole interview's. */
    public int respondent() {
        return respondent;
    }

    /** The question id, or null. */
    public String questionId() {
        return questionId;
    }

    private static String describe(int respondent, String questionId, String problem) {
        StringBuilder s = new StringBuilder();
        if (respondent >= 0) {
            s.append("respondent ").append(respondent);
        }
        if (questionId != null) {
            s.append(s.length() > 0 ? ", " : "").append("question '").append(questionId).append("'");
        }
        return s.length() == 0 ? problem : s + ": " + problem;
    }
}
