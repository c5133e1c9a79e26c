package org.fieldsafe.server.resources.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;
import org.fieldsafe.server.auth.AuthService;
import org.fieldsafe.server.auth.FieldsafePrincipal;

/** dropwizard-auth's view of {@link AuthService#authenticate}. */
public class TokenAuthenticator implements Authenticator<String, FieldsafePrincipal> {
    private final AuthService auth;

    public TokenAuthenticator(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public Optional<FieldsafePrincipal> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Optional.empty();
        }
        return auth.authenticate(token);
    }
}
