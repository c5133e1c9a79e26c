package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.fieldsafe.core.wire.SubmissionImport;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.submissions.SubmissionImports;

/**
 * Imports of an earlier wave's submissions, sealed on import by the data manager's command line (docs/api.md,
 * "Imported submissions"). Data managers only: the export being imported is research data in plaintext, which in
 * Fieldsafe only the research key's holders read; a coordinator never sees answers.
 */
@Path("/studies/{study}/imports")
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionImportResource {
    private final SubmissionImports imports;

    public SubmissionImportResource(SubmissionImports imports) {
        this.imports = imports;
    }

    @GET
    @Path("/context")
    @RolesAllowed(Roles.DATA_MANAGER)
    public Response context(@Auth FieldsafePrincipal principal, @PathParam("study") String study) {
        return Response.ok(imports.context(principal, study)).header("Cache-Control", "no-store").build();
    }

    @POST
    @RolesAllowed(Roles.DATA_MANAGER)
    @Consumes(MediaType.APPLICATION_JSON)
    public SubmissionImport.Result importBatch(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                                               SubmissionImport.Request request) {
        return imports.importBatch(principal, study, request);
    }
}
