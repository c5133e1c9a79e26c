package org.fieldsafe.server.referral;

import java.util.Map;
import org.fieldsafe.server.problems.ProblemException;

/**
 * An officer's change named a version of the case that is no longer its version: someone changed it meanwhile
 * (problem {@code case-stale}, a conflict). Refused and audited like any refused change; nothing is written.
 */
public final class CaseStaleException extends ProblemException {
    private static final long serialVersionUID = 1L;

    public CaseStaleException() {
        super(ProblemException.conflict("case-stale", "Case changed meanwhile",
                "The case changed since the version you sent; show it again and retry.").problem(), Map.of());
    }
}
