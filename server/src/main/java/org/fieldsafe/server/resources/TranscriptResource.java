package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.fieldsafe.core.wire.TranscriptOpenRequest;
import org.fieldsafe.core.wire.TranscriptSave;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.transcripts.TranscriptService;

/**
 * A submission's transcripts and translations (docs/api.md): versions, saves, opening and the second person's
 * check (the queue: {@link TranscriptQueueResource}). Who may do what beyond the roles here is {@link TranscriptService}'s rule (site, language, author).
 * Every answer is {@code no-store}.
 */
@Path("/submissions/{id}/transcripts")
@Produces(MediaType.APPLICATION_JSON)
public class TranscriptResource {
    private static final String PREFIX = "{kind}/{language}";

    private final TranscriptService transcripts;

    public TranscriptResource(TranscriptService transcripts) {
        this.transcripts = transcripts;
    }

    @GET
    @RolesAllowed({Roles.TRANSCRIBER, Roles.PRINCIPAL_INVESTIGATOR})
    public Response list(@Auth FieldsafePrincipal who, @PathParam("id") String id) {
        return noStore(transcripts.list(who, id));
    }

    @PUT
    @Path(PREFIX)
    @RolesAllowed(Roles.TRANSCRIBER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response save(@Auth FieldsafePrincipal who, @PathParam("id") String id, @PathParam("kind") String kind,
                         @PathParam("language") String language, TranscriptSave save) {
        return noStore(transcripts.save(who, id, kind, language, save));
    }

    @POST
    @Path(PREFIX + "/{version}/open")
    @RolesAllowed({Roles.TRANSCRIBER, Roles.PRINCIPAL_INVESTIGATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(@Auth FieldsafePrincipal who, @PathParam("id") String id, @PathParam("kind") String kind,
                         @PathParam("language") String language, @PathParam("version") int version,
                         TranscriptOpenRequest request) {
        char[] passphrase = request == null ? null : request.passphrase();
        try {
            return noStore(transcripts.open(who, id, kind, language, version, passphrase));
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    @POST
    @Path(PREFIX + "/{version}/check")
    @RolesAllowed(Roles.TRANSCRIBER)
    public Response check(@Auth FieldsafePrincipal who, @PathParam("id") String id, @PathParam("kind") String kind,
                          @PathParam("language") String language, @PathParam("version") int version) {
        return noStore(transcripts.check(who, id, kind, language, version));
    }

    static Response noStore(Object entity) {
        return Response.ok(entity).header("Cache-Control", "no-store").build();
    }
}
