package org.fieldsafe.server.auth;

/**
 * Names for {@code @RolesAllowed}: one per {@link Role}, plus {@link #PERSON} (any logged-in person) and
 * {@link #DEVICE} (an enrolled device, acting for an enumerator).
 */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String COORDINATOR = "coordinator";
    public static final String SAFEGUARDING_OFFICER = "safeguarding_officer";
    public static final String DATA_MANAGER = "data_manager";
    public static final String PRINCIPAL_INVESTIGATOR = "principal_investigator";
    public static final String TRANSCRIBER = "transcriber";
    public static final String PERSON = "person";
    public static final String DEVICE = "device";

    private Roles() {
    }
}
