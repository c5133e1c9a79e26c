package org.fieldsafe.core.wire;

import java.util.List;

/** A created person with a one-time password, shown once to the admin. */
public record NewUser(String username, String role, List<String> sites, String password) {
    @Override
    public String toString() {
        return "NewUser[username=" + username + ", role=" + role + ", sites=" + sites + ", password=[REDACTED]]";
    }
}
