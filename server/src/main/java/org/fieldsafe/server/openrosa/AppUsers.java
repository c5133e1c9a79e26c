package org.fieldsafe.server.openrosa;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.fieldsafe.server.auth.AuthService;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.problems.ProblemException;

/**
 * OpenRosa credentials: ODK Collect's "app user" is an enrolled Fieldsafe device. Its username is the device id and
 * its password the device token, both handed over once at enrolment (and in the settings QR). HTTP Basic, so only
 * over TLS (a trusted proxy's {@code X-Forwarded-Proto: https} counts) or from loopback (a TLS proxy on the same
 * host, or tests). The only role: an enumerator's unrevoked device, for its own study.
 */
public final class AppUsers {
    private final AuthService auth;

    public AppUsers(AuthService auth) {
        this.auth = auth;
    }

    /**
     * The device behind {@code authorization} ({@code Basic base64(deviceId:token)}) for {@code studyId}: 401 with a
     * Basic challenge when missing or unknown, 403 {@code openrosa-tls-required} over plain HTTP from elsewhere than
     * loopback, 403 for another study's device.
     */
    public FieldsafePrincipal authenticate(String authorization, boolean secure, String remoteAddress, String studyId) {
        if (!secure && !loopback(remoteAddress)) {
            throw ProblemException.forbidden("openrosa-tls-required", "TLS required",
                    "OpenRosa credentials are accepted only over HTTPS.");
        }
        String[] credentials = basic(authorization);
        FieldsafePrincipal principal = credentials == null ? null : auth.authenticate(credentials[1])
                .filter(p -> p.isDevice() && p.role() == Role.ENUMERATOR
                        && p.device().deviceId().equals(credentials[0]))
                .orElse(null);
        if (principal == null) {
            throw new AppUserUnauthorizedException();
        }
        if (!principal.device().study().equals(studyId)) {
            throw ProblemException.forbidden("forbidden", "Forbidden", "This device is enrolled for another study.");
        }
        return principal;
    }

    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
