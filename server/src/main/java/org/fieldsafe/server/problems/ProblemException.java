package org.fieldsafe.server.problems;

import java.util.Map;
import org.fieldsafe.core.wire.Problem;

/**
 * A failure the client should see as an {@code application/problem+json} answer. The detail must never carry
 * answers, names, respondent codes or secrets. The named factories below are the general refusals; a refusal
 * with data of its own, or one that callers tell apart, is a {@link DomainException} of its own.
 */
public class ProblemException extends DomainException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.type().substring(problem.type().lastIndexOf(':') + 1), problem.detail());
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(Problem.of(slug, title, status, detail), Map.of());
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** 400: the request is not one the server can act on. */
    public static ProblemException invalid(String slug, String title, String detail) {
        return new ProblemException(400, slug, title, detail);
    }

    /** 403: the caller may not do this. */
    public static ProblemException forbidden(String slug, String title, String detail) {
        return new ProblemException(403, slug, title, detail);
    }

    /** 404: what the request names is not there (for this caller). */
    public static ProblemException notFound(String slug, String title, String detail) {
        return new ProblemException(404, slug, title, detail);
    }

    /** 410: what the request is about is gone for good. */
    public static ProblemException gone(String slug, String title, String detail) {
        return new ProblemException(410, slug, title, detail);
    }

    /** 422: the request is well-formed, but a field's value is not acceptable. */
    public static ProblemException unprocessable(String slug, String title, String detail) {
        return new ProblemException(422, slug, title, detail);
    }

    public static ProblemException invalid(String detail) {
        return new ProblemException(400, "invalid-request", "Invalid request", detail);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " not found.");
    }

    /** A 422 problem naming the field that failed, never its value. */
    public static ProblemException invalidField(String slug, String title, String field) {
        return new ProblemException(422, slug, title, "Field '" + field + "' is not valid.");
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(409, slug, title, detail);
    }
}
