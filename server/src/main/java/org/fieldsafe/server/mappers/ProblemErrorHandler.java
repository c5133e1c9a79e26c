package org.fieldsafe.server.mappers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.fieldsafe.core.wire.Problem;

/**
 * Errors Jetty answers itself (paths outside {@code /api/v1} and the console, unreadable requests) as problems too,
 * with the headers every response carries ({@code headers}: the security headers of DESIGN.md section 11).
 */
public class ProblemErrorHandler extends ErrorHandler {
    private final ObjectMapper json;
    private final Map<String, String> headers;

    public ProblemErrorHandler(ObjectMapper json, Map<String, String> headers) {
        this.json = json;
        this.headers = Map.copyOf(headers);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) throws IOException {
        byte[] body = json.writeValueAsBytes(Problems.forStatus(code));
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
