package org.fieldsafe.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.fieldsafe.core.util.WireEnum;
import org.fieldsafe.server.referral.CaseState;
import org.junit.jupiter.api.Test;

/** Roles and referral case states are wire enums: lower-case names on the wire and in the database, as before. */
class RoleAndCaseStateWireTest {
    @Test
    void wire_rolesAndCaseStates_lowerCaseNamesParsedBack() {
        assertThat(WireEnum.class).isAssignableFrom(Role.class).isAssignableFrom(CaseState.class);
        assertThat(Arrays.stream(Role.values()).map(Role::wire)).containsExactly("admin", "coordinator",
                "enumerator", "safeguarding_officer", "data_manager", "principal_investigator", "transcriber");
        assertThat(Arrays.stream(CaseState.values()).map(CaseState::wire)).containsExactly("new", "acknowledged",
                "referred", "closed", "information_given", "declined");
        for (Role r : Role.values()) {
            assertThat(Role.parse(r.wire())).contains(r);
            assertThat(Role.parse(r.name())).isEmpty();
        }
        for (CaseState s : CaseState.values()) {
            assertThat(CaseState.parse(s.wire())).contains(s);
            assertThat(CaseState.parse(s.name().toLowerCase(Locale.ROOT) + " ")).isEmpty();
        }
        assertThat(Role.parse(null)).isEmpty();
    }
}
