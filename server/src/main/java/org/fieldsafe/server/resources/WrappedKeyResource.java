package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.fieldsafe.core.wire.WrappedKeyFile;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.keys.WrappedKeyService;

/**
 * A study private key still wrapped under its holder's passphrase, for the holder to keep offline. Any person may
 * call so that refusals are audited; only the purpose's holders (study.yaml {@code key_holders}) get it.
 */
@Path("/studies/{study}/keys/{purpose}/wrapped")
public class WrappedKeyResource {
    private final WrappedKeyService keys;

    public WrappedKeyResource(WrappedKeyService keys) {
        this.keys = keys;
    }

    @GET
    @RolesAllowed(Roles.PERSON)
    @Produces(MediaType.APPLICATION_JSON)
    public WrappedKeyFile wrapped(@Auth FieldsafePrincipal principal,
                                                    @PathParam("study") String study,
                                                    @PathParam("purpose") String purpose) {
        return keys.fetch(principal, study, purpose);
    }
}
