package org.fieldsafe.server.resources;

import com.codahale.metrics.Counter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.resources.auth.BearerAccess;
import org.fieldsafe.server.resources.auth.TokenAuthenticator;
import org.fieldsafe.server.resources.auth.TokenLookup;
import org.fieldsafe.server.submissions.SubmissionService;

/**
 * Sealed uploads, {@code PUT /api/v1/submissions/{id}}, received before Jersey: Jersey's routing, request scope,
 * injection and response writing cost the server more CPU per upload than reading and checking the envelope
 * (BENCHMARKS.md (x)). The filter takes only an upload {@link SubmissionResource#put} would take by the same rules -
 * the method's own {@link BearerAccess}, a {@code Content-Length} within the envelope limit, an {@code Accept} that
 * JSON matches - and calls the same {@link SubmissionService#receiveAsync}. Its 201 or 200 carries the receipt
 * written by the application's own {@code ObjectMapper}, as Jersey writes it, and only after the durable commit.
 * Everything else goes on to Jersey, which answers as before: anything the filter does not read exactly as the
 * resource would, a refused token, and an upload refused at once (400, 413, 422...: the body it read is handed on,
 * and the resource reads and refuses it again - refusals cost twice, accepted uploads once). A refusal that comes
 * after the writer (409, 410, 503) is handed to the resource too, by an asynchronous dispatch with the answer in a
 * request attribute ({@link #ANSWER}): Jersey's mappers write every problem.
 */
public final class SubmissionUploadFilter implements Filter {
    /** The uploads' paths, as the Jersey servlet ({@code /api/v1/*}) receives them with the server at {@code /}. */
    public static final String PATHS = "/api/v1/submissions/*";
    /** The request attribute holding the answer for the resource when the filter dispatches a refusal to it. */
    static final String ANSWER = SubmissionUploadFilter.class.getName() + ".answer";
    private static final String PREFIX = "/api/v1/submissions/";

    private final BearerAccess access;
    private final SubmissionService submissions;
    private final ObjectWriter receipts;
    private final long maxEnvelopeBytes;
    private final Counter received;

    public SubmissionUploadFilter(TokenAuthenticator tokens, SubmissionService submissions, ObjectMapper json,
                                  long maxEnvelopeBytes, Counter received) {
        this.access = BearerAccess.of(tokens, SubmissionResource.class, "put");
        this.submissions = submissions;
        this.receipts = json.writerFor(Receipt.class);
        this.maxEnvelopeBytes = maxEnvelopeBytes;
        this.received = received;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        String submissionId = submissionId(http);
        TokenLookup lookup = submissionId == null ? null : lookUp(http);
        if (lookup != null) {
            // whatever happens next, Jersey's bearer filter (a refusal handed on, a dispatch) uses this lookup
            http.setAttribute(TokenLookup.ATTRIBUTE, lookup);
        }
        Optional<FieldsafePrincipal> device = access.allowed(lookup).filter(FieldsafePrincipal::isDevice);
        if (device.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = SubmissionResource.read(http.getInputStream(), http.getContentLength());
        } catch (IOException e) {
            chain.doFilter(request, response);
            return;
        }
        CompletableFuture<SubmissionService.Result> answer;
        try {
            answer = submissions.receiveAsync(device.get(), submissionId, body);
        } catch (RuntimeException refused) {
            chain.doFilter(new ReadAgain(http, body), response);
            return;
        }
        received.inc();
        AsyncContext async = http.startAsync(new ReadAgain(http, body), out);
        async.setTimeout(0); // the receipt timeout is the service's (ReceiptDeadlines): the answer always comes
        answer.whenComplete((result, failure) -> {
            if (failure != null) {
                async.getRequest().setAttribute(ANSWER, answer);
                async.dispatch();
            } else {
                write(async, out, result);
            }
        });
    }

    private void write(AsyncContext async, HttpServletResponse response, SubmissionService.Result result) {
        try {
            byte[] json = receipts.writeValueAsBytes(result.receipt());
            response.setStatus(result.created() ? HttpServletResponse.SC_CREATED : HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.setContentLength(json.length);
            response.getOutputStream().write(json);
        } catch (IOException e) {
            // the device went away: it retries, and the retry gets the same receipt
        } finally {
            async.complete();
        }
    }

    /** The id of an upload the resource would be called for (a plain path segment), or null. */
    private static String submissionId(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (!"PUT".equals(request.getMethod()) || !request.getContextPath().isEmpty() || !uri.startsWith(PREFIX)
                || request.getQueryString() != null) {
            return null;
        }
        String id = uri.substring(PREFIX.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.')) {
                return null; // a '/', '%', ';' ... : Jersey decodes and routes it
            }
        }
        return id.isEmpty() ? null : id;
    }

    /**
     * The lookup of the request's bearer token, when the body and headers are as the resource reads them; null when
     * they are not, when there is no bearer token, or when the lookup failed (the database, say: Jersey's filter
     * looks it up again and its mappers answer as before).
     */
    private TokenLookup lookUp(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length <= 0 || length > maxEnvelopeBytes || request.getHeader("Transfer-Encoding") != null
                || !json(request.getContentType())
                || !ManifestNotModifiedFilter.acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            return null;
        }
        try {
            return access.lookUp(request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean json(String contentType) {
        return contentType == null || contentType.equalsIgnoreCase("application/json");
    }

    /** The request with its body, already read here, to be read again by the resource. */
    private static final class ReadAgain extends HttpServletRequestWrapper {
        private final ServletInputStream body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = stream(body);
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        private static ServletInputStream stream(byte[] body) {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("read blocking");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
