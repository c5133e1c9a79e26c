package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.PassphraseChange;
import org.fieldsafe.core.wire.StudyKeysRequest;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.keys.KeyCustody;
import org.fieldsafe.server.keys.StudyKeyService;

/**
 * A study's keys: set once by {@code admin keys init}; public keys and fingerprints for the study team; a key
 * holder's passphrase change.
 */
@Path("/studies/{study}/keys")
@Produces(MediaType.APPLICATION_JSON)
public class StudyKeyResource {
    private final StudyKeyService keys;
    private final KeyCustody custody;

    public StudyKeyResource(StudyKeyService keys, KeyCustody custody) {
        this.keys = keys;
        this.custody = custody;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PRINCIPAL_INVESTIGATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                           @NotNull StudyKeysRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(keys.create(principal.actor(), study, request))
                .build();
    }

    /** Re-wraps a key under a new passphrase; the holder's role is checked (and refusals audited) by custody. */
    @POST
    @Path("/{purpose}/passphrase")
    @RolesAllowed(Roles.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public Manifest.StudyKey changePassphrase(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                                              @PathParam("purpose") String purpose,
                                              @NotNull PassphraseChange request) {
        try {
            return custody.rewrap(study, purpose, request.current(), request.next(), principal);
        } finally {
            wipe(request.current());
            wipe(request.next());
        }
    }

    private static void wipe(char[] passphrase) {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.DATA_MANAGER, Roles.PRINCIPAL_INVESTIGATOR,
            Roles.SAFEGUARDING_OFFICER})
    public List<Manifest.StudyKey> list(@PathParam("study") String study) {
        return keys.publicKeys(study);
    }
}
