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
import java.util.Arrays;
import java.util.List;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.core.wire.CaseChange;
import org.fieldsafe.core.wire.CaseView;
import org.fieldsafe.core.wire.PartRequest;
import org.fieldsafe.server.referral.ReferralService;

/**
 * One referral case: show, change state, read its referral part. Every signed-in caller gets past
 * {@code @RolesAllowed} so that {@link ReferralService} can audit the refusals (403 for other roles, 404 for an
 * officer of another site) as well as the reads and changes. A study's cases: {@link StudyReferralResource}.
 */
@Produces(MediaType.APPLICATION_JSON)
@Path("/referrals")
@RolesAllowed({Roles.PERSON, Roles.DEVICE})
@Consumes(MediaType.APPLICATION_JSON)
public class ReferralResource {
    private final ReferralService referrals;

    public ReferralResource(ReferralService referrals) {
        this.referrals = referrals;
    }

    @GET
    @Path("{id}")
    public CaseView show(@Auth FieldsafePrincipal principal, @PathParam("id") String id) {
        return referrals.show(principal, id);
    }

    @GET
    @Path("{id}/history")
    public List<CaseView.Event> history(@Auth FieldsafePrincipal principal, @PathParam("id") String id) {
        return referrals.history(principal, id);
    }

    @POST
    @Path("{id}/state")
    public CaseView change(@Auth FieldsafePrincipal principal, @PathParam("id") String id, CaseChange change) {
        try {
            return referrals.change(principal, id, change);
        } finally {
            wipe(change == null ? null : change.passphrase());
        }
    }

    @POST
    @Path("{id}/referral-part")
    public Response readPart(@Auth FieldsafePrincipal principal, @PathParam("id") String id, PartRequest request) {
        try {
            return Response.ok(referrals.readPart(principal, id, request)).header("Cache-Control", "no-store")
                    .build();
        } finally {
            wipe(request == null ? null : request.passphrase());
        }
    }

    private static void wipe(char[] passphrase) {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }
}
