package org.fieldsafe.server.resources;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.openrosa.AppUsers;
import org.fieldsafe.server.openrosa.OpenRosaMultipart;
import org.fieldsafe.server.openrosa.OpenRosaResponses;
import org.fieldsafe.server.openrosa.OpenRosaSubmissions;
import org.fieldsafe.server.problems.ProblemException;

/**
 * OpenRosa form submission API for ODK Collect: {@code HEAD} (204 with {@code X-OpenRosa-Accept-Content-Length})
 * and {@code POST} (multipart; 201 with an OpenRosaResponse). Roles: an enumerator's device only, as its ODK app
 * user (HTTP Basic, {@link AppUsers}); {@code @PermitAll} only keeps the bearer-token filter off these routes.
 */
@Path("/openrosa/studies/{study}/submission")
@OpenRosaVersion
public class OpenRosaSubmissionResource {
    public static final String ACCEPT_LENGTH = "X-OpenRosa-Accept-Content-Length";
    private final AppUsers appUsers;
    private final OpenRosaSubmissions submissions;

    public OpenRosaSubmissionResource(AppUsers appUsers, OpenRosaSubmissions submissions) {
        this.appUsers = appUsers;
        this.submissions = submissions;
    }

    @HEAD
    @PermitAll
    public Response head(@Context HttpServletRequest request, @PathParam("study") String study) {
        authenticate(request, study);
        return Response.noContent().header(ACCEPT_LENGTH, submissions.acceptContentLength()).build();
    }

    @POST
    @PermitAll
    public Response submit(@Context HttpServletRequest request, @PathParam("study") String study,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        FieldsafePrincipal device = authenticate(request, study);
        byte[] bytes;
        try {
            bytes = body.readAllBytes();
        } catch (IOException e) {
            throw ProblemException.invalid("openrosa-multipart-invalid", "Submission body not valid",
                    "The body could not be read.");
        }
        OpenRosaMultipart posted = OpenRosaMultipart.parse(contentType, bytes);
        OpenRosaSubmissions.Received received = submissions.receive(device, study, posted.xmlSubmissionFile(),
                posted.files());
        return Response.status(Response.Status.CREATED).type(OpenRosaResponses.XML)
                .header(ACCEPT_LENGTH, submissions.acceptContentLength())
                .entity(OpenRosaResponses.submitted(received)).build();
    }

    private FieldsafePrincipal authenticate(HttpServletRequest request, String study) {
        return appUsers.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), request.isSecure(),
                request.getRemoteAddr(), study);
    }
}
