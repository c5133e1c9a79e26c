package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.redaction.RedactionScan;

/** The redaction scanner over a transcriber's text ({@code POST /studies/{study}/redaction/scan}); stores nothing. */
@Path("/studies/{study}/redaction/scan")
public class RedactionResource {
    private final RedactionScan scanner;

    public RedactionResource(RedactionScan scanner) {
        this.scanner = scanner;
    }

    /** The body: the text to scan. */
    public record ScanRequest(String text) {
        @Override
        public String toString() {
            return "ScanRequest[text=[REDACTED]]";
        }
    }

    @POST
    @RolesAllowed(Roles.TRANSCRIBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response scan(@Auth FieldsafePrincipal who, @PathParam("study") String study, ScanRequest body) {
        if (body != null && body.text() != null && body.text().length() > RedactionScan.MAX_CHARS) {
            throw new ProblemException(413, "text-too-large", "Text too large",
                    "A text of at most " + RedactionScan.MAX_CHARS + " characters can be scanned.");
        }
        return Response.ok(scanner.scan(study, body == null ? null : body.text(), List.of()))
                .header("Cache-Control", "no-store").build();
    }
}
