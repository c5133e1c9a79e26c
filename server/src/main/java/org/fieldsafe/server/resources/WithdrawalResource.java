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
import org.fieldsafe.core.wire.WithdrawalPreview;
import org.fieldsafe.core.wire.WithdrawalRequest;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.server.withdrawal.WithdrawalService;

/**
 * A respondent's withdrawal: principal investigators only; 201 when recorded now, 200 with the same body after; a
 * preview of what it would shred first.
 */
@Path("/studies/{study}/withdrawals")
@Produces(MediaType.APPLICATION_JSON)
public class WithdrawalResource {
    private final WithdrawalService withdrawals;

    public WithdrawalResource(WithdrawalService withdrawals) {
        this.withdrawals = withdrawals;
    }

    @POST
    @RolesAllowed(Roles.PRINCIPAL_INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response withdraw(@Auth FieldsafePrincipal principal, @PathParam("study") String study,
                             WithdrawalRequest request) {
        WithdrawalService.Outcome outcome;
        try {
            outcome = withdrawals.withdraw(principal, study, request);
        } finally {
            if (request != null && request.odkPassphrase() != null) {
                java.util.Arrays.fill(request.odkPassphrase(), '\0');
            }
        }
        return Response.status(outcome.recordedNow() ? Response.Status.CREATED : Response.Status.OK)
                .entity(outcome.result()).build();
    }

    /** What a withdrawal of the code in the body would shred; writes nothing (the code never goes in a URL). */
    @POST
    @Path("/preview")
    @RolesAllowed(Roles.PRINCIPAL_INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public WithdrawalPreview preview(@PathParam("study") String study, WithdrawalRequest request) {
        return withdrawals.preview(study, request);
    }
}
