package org.fieldsafe.server.mappers;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JAX-RS failures (unknown path, wrong method or media type, forbidden...) as problems. */
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

    @Override
    public Response toResponse(WebApplicationException exception) {
        if (RequestSizeLimitFilter.TooLarge.causedBy(exception)) {
            return RequestSizeLimitFilter.refusal(exception);
        }
        Response original = exception.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            LOG.error("Server error {}", status, exception);
        }
        Map<String, String> headers = new HashMap<>();
        if (original != null) {
            for (String name : new String[] {HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER}) {
                String value = original.getHeaderString(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
        }
        return Problems.response(Problems.forStatus(status), headers);
    }
}
