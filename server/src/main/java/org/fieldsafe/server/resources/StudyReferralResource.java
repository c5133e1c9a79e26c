package org.fieldsafe.server.resources;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Roles;
import org.fieldsafe.core.wire.CaseView;
import org.fieldsafe.server.referral.ReferralService;

/**
 * A study's referral cases: the list for safeguarding officers (their sites' cases; other callers are refused and
 * audited by {@link ReferralService}), and counts by site, category and state for data managers and coordinators.
 */
@Path("/studies/{study}/referrals")
@Produces(MediaType.APPLICATION_JSON)
public class StudyReferralResource {
    private final ReferralService referrals;

    public StudyReferralResource(ReferralService referrals) {
        this.referrals = referrals;
    }

    @GET
    @RolesAllowed({Roles.PERSON, Roles.DEVICE})
    public List<CaseView> list(@Auth FieldsafePrincipal principal, @PathParam("study") String study) {
        return referrals.list(principal, study);
    }

    @GET
    @Path("queue")
    @RolesAllowed({Roles.PERSON, Roles.DEVICE})
    public CaseView.Queue queue(@Auth FieldsafePrincipal principal, @PathParam("study") String study) {
        return referrals.queue(principal, study);
    }

    @GET
    @Path("counts")
    @RolesAllowed({Roles.DATA_MANAGER, Roles.COORDINATOR})
    public List<CaseView.Count> counts(@PathParam("study") String study) {
        return referrals.counts(study);
    }
}
