package org.fieldsafe.server.resources.auth;

import com.codahale.metrics.Counter;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;
import org.fieldsafe.server.auth.AuthService;
import org.fieldsafe.server.auth.FieldsafePrincipal;

/**
 * dropwizard-auth's view of {@link AuthService#authenticate}: the one bearer-token lookup of the API, built once and
 * shared by Jersey's filter ({@link BearerAuthFeature}) and the filter before Jersey ({@link BearerAccess}). It counts
 * its lookups (the admin port's metric {@code auth.bearerTokenLookups}).
 */
public class TokenAuthenticator implements Authenticator<String, FieldsafePrincipal> {
    private final AuthService auth;
    private final Counter lookups;

    public TokenAuthenticator(AuthService auth, Counter lookups) {
        this.auth = auth;
        this.lookups = lookups;
    }

    @Override
    public Optional<FieldsafePrincipal> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Optional.empty();
        }
        lookups.inc();
        return auth.authenticate(token);
    }
}
