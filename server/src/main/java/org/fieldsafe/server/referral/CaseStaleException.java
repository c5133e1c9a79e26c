package org.fieldsafe.server.referral;

import org.fieldsafe.server.problems.DomainException;

/**
 * An officer's change named a version of the case that is no longer its version: someone changed it meanwhile
 * (problem {@code case-stale}). Refused and audited like any refused change; nothing is written.
 */
public final class CaseStaleException extends DomainException {
    private static final long serialVersionUID = 1L;

    public CaseStaleException() {
        super("case-stale", "The case changed since the version you sent; show it again and retry.");
    }
}
