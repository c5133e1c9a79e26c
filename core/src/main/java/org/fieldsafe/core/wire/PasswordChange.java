package org.fieldsafe.core.wire;

/**
 * {@code POST /api/v1/auth/password}: a person changes their own password (the current one, one-time or not, and
 * the new one). Never logged; {@link #toString()} redacts both.
 */
public record PasswordChange(String currentPassword, String newPassword) {
    @Override
    public String toString() {
        return "PasswordChange[currentPassword=[REDACTED], newPassword=[REDACTED]]";
    }
}
