package org.fieldsafe.server.auth;

import java.security.Principal;
import java.util.List;

/**
 * Who a bearer token stands for: a person (by login token) or a device (by device token, acting for its
 * enumerator at one site of one study).
 *
 * @param tokenHash SHA-256 of the presented token (to log out); never the token itself
 * @param device    the device, or null for a person
 * @param passwordChangeRequired a person logged in with a one-time password: only {@code BeforePasswordChange}
 *                  resource methods answer them
 */
public record FieldsafePrincipal(String name, Role role, List<String> sites, String tokenHash, Device device,
                                 boolean passwordChangeRequired) implements Principal {

    /** A principal with nothing to change first. */
    public FieldsafePrincipal(String name, Role role, List<String> sites, String tokenHash, Device device) {
        this(name, role, sites, tokenHash, device, false);
    }

    /** An enrolled device's identity. */
    /** An enrolled device; {@code enrolledAt} by the server's clock. */
    public record Device(String deviceId, String study, String site, java.time.Instant enrolledAt) {
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean isDevice() {
        return device != null;
    }

    /** The actor name written to the audit log. */
    public String actor() {
        return isDevice() ? "device:" + device.deviceId() : name;
    }

    @Override
    public String toString() {
        return "FieldsafePrincipal[name=" + name + ", role=" + role + ", device=" + device + "]";
    }
}
