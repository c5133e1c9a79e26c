package org.fieldsafe.server.problems;

import org.fieldsafe.core.wire.Problem;

/**
 * A refusal named for what happened, near the code that refuses: it carries the problem's slug, its detail and the
 * data the answer needs (a Retry-After, an offset), never an HTTP status. Its mapper, registered in
 * {@code mappers.ExceptionMappers}, decides the status and title of the {@code application/problem+json} answer.
 * The detail must never carry answers, names, respondent codes or secrets.
 */
public abstract class DomainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String slug;
    private final String detail;

    protected DomainException(String slug, String detail) {
        super(Problem.TYPE_PREFIX + slug + ": " + detail);
        this.slug = slug;
        this.detail = detail;
    }

    /** The problem type's last part ({@code urn:fieldsafe:problem:<slug>}); audit entries name it as the cause. */
    public String slug() {
        return slug;
    }

    public String detail() {
        return detail;
    }
}
