package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.transcripts.TranscriptService;

/** The transcriber's queue (docs/api.md, "Transcripts and translations"): ids, statuses and times, never text. */
@Path("/studies/{study}/transcription")
@Produces(MediaType.APPLICATION_JSON)
public class TranscriptQueueResource {
    private final TranscriptService transcripts;

    public TranscriptQueueResource(TranscriptService transcripts) {
        this.transcripts = transcripts;
    }

    @GET
    @Path("queue")
    @RolesAllowed(Roles.TRANSCRIBER)
    public Response queue(@Auth FieldsafePrincipal who, @PathParam("study") String study) {
        return TranscriptResource.noStore(transcripts.queue(who, study));
    }
}
