package org.fieldsafe.server.resources;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import org.fieldsafe.server.problems.ProblemException;

/**
 * OpenRosa 1.0: every request must say {@code X-OpenRosa-Version: 1.0} (400 {@code openrosa-version} otherwise) and
 * every response says it too, problems included.
 */
@OpenRosaVersion
public final class OpenRosaHeaderFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String HEADER = "X-OpenRosa-Version";
    public static final String VERSION = "1.0";

    @Override
    public void filter(ContainerRequestContext request) {
        String version = request.getHeaderString(HEADER);
        if (version == null || !VERSION.equals(version.strip())) {
            throw ProblemException.invalid("openrosa-version", "OpenRosa version required",
                    "Requests must carry the header X-OpenRosa-Version: 1.0.");
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, VERSION);
    }
}
