package org.fieldsafe.server.mappers;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.fieldsafe.core.wire.Problem;

/** Builds {@code application/problem+json} responses. */
public final class Problems {
    private Problems() {
    }

    public static Response response(Problem problem) {
        return response(problem, Map.of());
    }

    public static Response response(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        headers.forEach(builder::header);
        return builder.build();
    }

    /** The stable slug for a plain HTTP status. */
    public static Problem forStatus(int status) {
        return switch (status) {
            case 400 -> Problem.of("bad-request", "Bad request", 400, "The request could not be read.");
            case 401 -> Problem.of("unauthorized", "Not authenticated", 401,
                    "A valid bearer token is required.");
            case 403 -> Problem.of("forbidden", "Not allowed", 403, "Your role may not do this.");
            case 404 -> Problem.of("not-found", "Not found", 404, "There is nothing at this address.");
            case 405 -> Problem.of("method-not-allowed", "Method not allowed", 405,
                    "This address does not accept this method.");
            case 406 -> Problem.of("not-acceptable", "Not acceptable", 406,
                    "The requested media type cannot be produced.");
            case 413 -> Problem.of("payload-too-large", "Request body too large", 413,
                    "The request body exceeds the server's limit.");
            case 415 -> Problem.of("unsupported-media-type", "Unsupported media type", 415,
                    "This address does not accept this content type.");
            case 429 -> Problem.of("too-many-requests", "Too many requests", 429, "Try again later.");
            default -> Problem.of("http-" + status, "HTTP " + status, status, "The request failed.");
        };
    }
}
