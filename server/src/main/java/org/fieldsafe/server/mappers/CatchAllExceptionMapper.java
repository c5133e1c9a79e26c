package org.fieldsafe.server.mappers;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.eclipse.jetty.io.EofException;
import org.fieldsafe.core.wire.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything unexpected: logged with an error id; the client sees only the id. A client that hung up mid-body is 400. */
public class CatchAllExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(CatchAllExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        if (RequestSizeLimitFilter.TooLarge.causedBy(exception)) {
            return RequestSizeLimitFilter.refusal(exception);
        }
        if (clientAborted(exception)) {
            // A laptop losing its connection mid-upload is ordinary in the field: nothing was stored, the device
            // retries. Not a server error, and no stack trace.
            LOG.info("Request body ended early (the client disconnected); nothing stored");
            return Problems.response(Problem.of("request-incomplete", "Request incomplete", 400,
                    "The request body ended before it was complete; nothing was stored. Send it again."));
        }
        String errorId = UUID.randomUUID().toString();
        LOG.error("Unexpected error {}", errorId, exception);
        return Problems.response(Problem.of("internal-error", "Internal server error", 500,
                "Something went wrong on the server (error id " + errorId + ")."));
    }

    /** True when Jetty reports that the client's connection ended early (EofException or a subclass). */
    static boolean clientAborted(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EofException) {
                return true;
            }
        }
        return false;
    }
}
