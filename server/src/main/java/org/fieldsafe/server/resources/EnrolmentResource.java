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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.fieldsafe.core.wire.EnrolmentCode;
import org.fieldsafe.core.wire.EnrolmentInfo;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.enrolment.EnrolmentQr;
import org.fieldsafe.server.enrolment.EnrolmentService;
import org.fieldsafe.server.problems.ProblemException;

/** One-time enrolment codes, issued by coordinators. */
@Path("/enrolments")
@Produces(MediaType.APPLICATION_JSON)
public class EnrolmentResource {
    private final EnrolmentService enrolments;

    public EnrolmentResource(EnrolmentService enrolments) {
        this.enrolments = enrolments;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth FieldsafePrincipal principal, @QueryParam("qr") String qr,
                           @Context UriInfo uri, @NotNull EnrolmentRequest request) {
        if (qr != null && !qr.equals("svg")) {
            throw ProblemException.invalid("qr-invalid", "QR format not valid",
                    "Field 'qr' is not valid: it is svg, or absent.");
        }
        EnrolmentCode code = enrolments.create(principal.actor(), request);
        URI base = uri.getBaseUri();
        Object body = qr == null ? code
                : EnrolmentQr.of(code, base.getScheme() + "://" + base.getRawAuthority());
        return Response.status(Response.Status.CREATED)
                .entity(body)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public List<EnrolmentInfo> list() {
        return enrolments.list();
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR})
    public void revoke(@Auth FieldsafePrincipal principal, @PathParam("id") String id) {
        enrolments.revoke(principal.actor(), id);
    }
}
