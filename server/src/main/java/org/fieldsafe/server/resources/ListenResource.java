package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.server.attachments.ListenService;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.problems.ProblemException;

/**
 * Listening to a submission's sealed recording (docs/api.md, "Listening"): {@code POST .../listen} with a key
 * holder's passphrase gives a short-lived ticket for the caller's session; {@code GET .../listen/{ticket}} streams
 * the recording decrypted, with {@code Range} support for a seeking player and {@code Cache-Control: no-store}.
 */
@Path("/submissions/{submissionId}/attachments/{name}/listen")
public class ListenResource {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");
    private final ListenService listening;

    public ListenResource(ListenService listening) {
        this.listening = listening;
    }

    /** The unlock's body: the caller's key passphrase (zeroed after the request). */
    public record Unlock(char[] passphrase) {
    }

    @POST
    @RolesAllowed(Roles.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response unlock(@Auth FieldsafePrincipal who, @PathParam("submissionId") String submissionId,
                           @PathParam("name") String name, Unlock body) {
        try {
            return Response.ok(listening.unlock(who, submissionId, name, body == null ? null : body.passphrase()))
                    .header("Cache-Control", "no-store").build();
        } finally {
            if (body != null && body.passphrase() != null) {
                Arrays.fill(body.passphrase(), '\0');
            }
        }
    }

    /** Shares the recording with the study's transcription key (a research key holder's passphrase). */
    @POST
    @Path("/grant")
    @RolesAllowed(Roles.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@Auth FieldsafePrincipal who, @PathParam("submissionId") String submissionId,
                          @PathParam("name") String name, Unlock body) {
        try {
            listening.grant(who, submissionId, name, body == null ? null : body.passphrase());
            return Response.noContent().header("Cache-Control", "no-store").build();
        } finally {
            if (body != null && body.passphrase() != null) {
                Arrays.fill(body.passphrase(), '\0');
            }
        }
    }

    @GET
    @Path("/{ticket}")
    @RolesAllowed(Roles.PERSON)
    @Produces({"audio/*", MediaType.APPLICATION_OCTET_STREAM, MediaType.WILDCARD})
    public Response stream(@Auth FieldsafePrincipal who, @PathParam("submissionId") String submissionId,
                           @PathParam("name") String name, @PathParam("ticket") String ticket,
                           @HeaderParam("Range") String range) {
        ListenService.Recording recording = listening.recording(who, submissionId, name, ticket);
        long total = recording.bytes();
        long from = 0;
        long to = total - 1;
        boolean partial = false;
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
            if (m.group(1).isEmpty()) {
                from = Math.max(0, total - Long.parseLong(m.group(2)));
            } else {
                from = Long.parseLong(m.group(1));
                to = m.group(2).isEmpty() ? total - 1 : Math.min(Long.parseLong(m.group(2)), total - 1);
            }
            if (from > to || from >= total) {
                throw new ProblemException(Problem.of("range-not-satisfiable", "Range not satisfiable", 416,
                        "The recording has " + total + " bytes."), Map.of("Content-Range", "bytes */" + total));
            }
            partial = true;
        }
        long start = from;
        long end = to;
        StreamingOutput body = total == 0 ? out -> { } : out -> listening.write(recording.held(), start, end, out);
        Response.ResponseBuilder answer = partial ? Response.status(206)
                .header("Content-Range", "bytes " + from + "-" + to + "/" + total) : Response.ok();
        return answer.entity(body).type(recording.contentType())
                .header("Content-Length", total == 0 ? 0 : to - from + 1)
                .header("Accept-Ranges", "bytes")
                .header("Cache-Control", "no-store").build();
    }
}
