package org.fieldsafe.server.resources.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.fieldsafe.server.mappers.Problems;

/** A missing, unknown, expired or revoked token: 401 problem with a Bearer challenge. */
public class ProblemUnauthorizedHandler implements UnauthorizedHandler {
    @Override
    public Response buildResponse(String prefix, String realm) {
        return Problems.response(Problems.forStatus(401),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\""));
    }
}
