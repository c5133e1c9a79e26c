package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.fieldsafe.export.ExportJobView;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.export.ExportJobs;

/** The data manager's own export jobs (the console's export list); one job: {@link ExportJobResource}. */
@Path("/exports")
public class ExportListResource {
    private final ExportJobs jobs;

    public ExportListResource(ExportJobs jobs) {
        this.jobs = jobs;
    }

    @GET
    @RolesAllowed(Roles.DATA_MANAGER)
    @Produces(MediaType.APPLICATION_JSON)
    public List<ExportJobView> mine(@Auth FieldsafePrincipal principal) {
        return jobs.mine(principal);
    }
}
