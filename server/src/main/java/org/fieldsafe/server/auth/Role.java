package org.fieldsafe.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A person's role (one each). {@link #ENUMERATOR} acts on the API through an enrolled device. */
public enum Role {
    ADMIN, COORDINATOR, ENUMERATOR, SAFEGUARDING_OFFICER, DATA_MANAGER, PRINCIPAL_INVESTIGATOR;

    /** The role's name on the wire and in the database, e.g. {@code safeguarding_officer}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String value) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(value)).findFirst();
    }

    /** Roles whose work is scoped to sites: they need at least one site. */
    public boolean siteScoped() {
        return this == SAFEGUARDING_OFFICER || this == ENUMERATOR;
    }
}
