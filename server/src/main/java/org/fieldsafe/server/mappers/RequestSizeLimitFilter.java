package org.fieldsafe.server.mappers;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Refuses request bodies over the limit with 413: at once from {@code Content-Length}, and for chunked bodies
 * as soon as the stream passes the limit. Bodies up to {@link #DRAIN_FACTOR} times the limit are read and
 * discarded first, so that the client receives the 413 instead of a connection reset; larger ones are not read.
 * Likewise, a body the resource never read (a request refused with 401 or 403, say) is drained before the
 * answer goes out, so that the connection stays usable for the client's next request. Paths under a configured
 * prefix (submission uploads) have their own limit. An answer after which part of the body is still unread (one
 * larger than the drain reads) says {@code Connection: close}: the server closes that connection after answering,
 * and a client that reused it for its next request found it closed under it
 * ({@code RequestSizeLimitConnectionIntegrationTest}).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestSizeLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final int DRAIN_FACTOR = 8;
    /** HTTP/1.1's header for a connection the server closes after this answer (JAX-RS names no constant for it). */
    private static final String CONNECTION = "Connection";
    private static final Map<String, String> CLOSE = Map.of(CONNECTION, "close");

    private final long defaultMaxBytes;
    private final Map<String, Long> maxBytesByPrefix;

    public RequestSizeLimitFilter(long maxBytes) {
        this(maxBytes, Map.of());
    }

    /** {@code maxBytesByPrefix}: limits for paths (relative to {@code /api/v1/}) starting with a prefix. */
    public RequestSizeLimitFilter(long maxBytes, Map<String, Long> maxBytesByPrefix) {
        this.defaultMaxBytes = maxBytes;
        this.maxBytesByPrefix = Map.copyOf(maxBytesByPrefix);
    }

    private long limitFor(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return maxBytesByPrefix.entrySet().stream()
                .filter(e -> path.startsWith(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .findFirst()
                .orElse(defaultMaxBytes);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long maxBytes = limitFor(request);
        if (request.getLength() > maxBytes) {
            boolean read = request.getLength() <= maxBytes * DRAIN_FACTOR
                    && drain(request.getEntityStream(), maxBytes * DRAIN_FACTOR);
            request.abortWith(refusal(!read));
            return;
        }
        Bounded bounded = new Bounded(request.getEntityStream(), maxBytes);
        request.setProperty(Bounded.class.getName(), bounded);
        request.setEntityStream(bounded);
    }

    private static Response refusal(boolean close) {
        return Problems.response(Problems.forStatus(413), close ? CLOSE : Map.of());
    }

    /**
     * The 413 for a failure caused by a body over the limit ({@link TooLarge#causedBy}), saying {@code Connection:
     * close} when the body was not read to its end.
     */
    public static Response refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TooLarge tooLarge) {
                return refusal(!tooLarge.drained);
            }
        }
        return refusal(true);
    }

    /** The body passed the limit while being read; readers may wrap it, so mappers look for it as a cause. */
    public static final class TooLarge extends WebApplicationException {
        private static final long serialVersionUID = 1L;
        /** Whether the rest of the body was read and dropped (else the connection is not kept: Connection: close). */
        private final boolean drained;

        TooLarge(boolean drained) {
            super(413);
            this.drained = drained;
        }

        /** True when {@code failure} was caused by an oversized body. */
        public static boolean causedBy(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof TooLarge) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(Bounded.class.getName()) instanceof Bounded bounded
                && !drain(bounded.in(), bounded.maxBytes * DRAIN_FACTOR)) {
            response.getHeaders().putSingle(CONNECTION, "close");
        }
    }

    /**
     * Reads and drops the rest of a body, about {@code cap} bytes at most; false only when it stopped at the cap with
     * more to come (a stream that fails or was closed is the container's to finish, as before).
     */
    private static boolean drain(InputStream in, long cap) {
        long read = 0;
        try {
            if (in.read() < 0) {
                return true;
            }
            read = 1;
            byte[] buffer = new byte[8192];
            int n;
            while (read <= cap) {
                n = in.read(buffer);
                if (n < 0) {
                    return true;
                }
                read += n;
            }
            return false;
        } catch (IOException | IllegalStateException e) {
            return true; // the client went away, or the stream was closed: nothing more to read here
        }
    }

    private static final class Bounded extends FilterInputStream {
        private final long maxBytes;
        private long remaining;

        Bounded(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
            this.remaining = maxBytes;
        }

        InputStream in() {
            return in;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            remaining -= n;
            if (remaining < 0) {
                throw new TooLarge(drain(in, maxBytes * (DRAIN_FACTOR - 1)));
            }
        }
    }
}
