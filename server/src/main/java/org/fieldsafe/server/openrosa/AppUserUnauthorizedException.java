package org.fieldsafe.server.openrosa;

import org.fieldsafe.server.problems.DomainException;

/** No ODK app user's credentials (HTTP Basic: device id and token) came with an OpenRosa request. */
public final class AppUserUnauthorizedException extends DomainException {
    private static final long serialVersionUID = 1L;
    /** The challenge Collect answers with the app user's credentials. */
    public static final String CHALLENGE = "Basic realm=\"fieldsafe-openrosa\", charset=\"UTF-8\"";

    public AppUserUnauthorizedException() {
        super("unauthorized", "An ODK app user's username (device id) and password (device token) are required.");
    }
}
