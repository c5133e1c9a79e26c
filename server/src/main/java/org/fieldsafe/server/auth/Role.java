package org.fieldsafe.server.auth;

import java.util.Optional;
import org.fieldsafe.core.util.WireEnum;

/**
 * A person's role (one each). {@link #ENUMERATOR} acts on the API through an enrolled device. On the wire and in the
 * database by its lower-case name ({@link WireEnum#wire()}), e.g. {@code safeguarding_officer}.
 */
public enum Role implements WireEnum {
    ADMIN, COORDINATOR, ENUMERATOR, SAFEGUARDING_OFFICER, DATA_MANAGER, PRINCIPAL_INVESTIGATOR,
    /** Writes and checks transcripts and translations at their sites, in their languages (issue 17). */
    TRANSCRIBER;

    /** The role of a wire or database name; empty when none. */
    public static Optional<Role> parse(String value) {
        return WireEnum.find(Role.class, value);
    }

    /** Roles whose work is scoped to sites: they need at least one site. */
    public boolean siteScoped() {
        return this == SAFEGUARDING_OFFICER || this == ENUMERATOR || this == TRANSCRIBER;
    }

    /** Roles whose work is also scoped to languages (stored like sites): they need at least one language. */
    public boolean languageScoped() {
        return this == TRANSCRIBER;
    }
}
