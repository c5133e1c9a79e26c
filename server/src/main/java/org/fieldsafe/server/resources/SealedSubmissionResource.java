package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.export.SealedPull;

/**
 * A study's sealed submissions, streamed, for an offline export whose key the server is never given. Any person
 * may call so that refusals are audited; only data managers get the submissions.
 */
@Path("/studies/{study}/submissions/sealed")
public class SealedSubmissionResource {
    private final SealedPull pull;

    public SealedSubmissionResource(SealedPull pull) {
        this.pull = pull;
    }

    @GET
    @RolesAllowed(Roles.PERSON)
    @Produces(MediaType.APPLICATION_JSON)
    public StreamingOutput sealed(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                                  @QueryParam("site") List<String> sites, @QueryParam("form") List<String> forms,
                                  @QueryParam("from") String from, @QueryParam("to") String to) {
        SealedPull.Pull prepared = pull.prepare(principal, study, sites, forms, from, to);
        return out -> pull.write(prepared, out);
    }
}
