package org.fieldsafe.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.fieldsafe.core.wire.Problem;

/**
 * A failure of a device operation, with a message fit to show the enumerator as one line. It never
 * carries the device token or the enrolment code.
 */
public class ClientException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so that callers can react (retry later, enrol again, ...) without parsing text. */
    public enum Reason {
        /** The request was not valid before anything was sent (a bad server address, an empty code). */
        USAGE,
        /** The server could not be reached (offline, refused, timed out, connection closed). */
        NETWORK,
        /** The server refused the request with a 4xx problem (other than 401). */
        REJECTED,
        /** The server did not accept the device token (401): revoked or invalid; enrol again. */
        UNAUTHORISED,
        /** The server failed (5xx) or answered something this client does not understand. */
        SERVER,
        /** What the server sent does not match its own manifest (hash) or is not valid JSON. */
        INTEGRITY,
        /** This home holds no enrolled device. */
        NOT_ENROLLED,
        /** This home already holds an enrolled device and re-binding it was not asked for. */
        ALREADY_ENROLLED,
        /** Re-enrolling was refused because sealed interviews or recordings still wait to be sent. */
        OUTBOX_NOT_EMPTY,
        /** The local store could not be opened, read or written. */
        STORE
    }

    private final Reason reason;
    private final int status;
    private final transient Problem problem;
    private Duration retryAfter;

    public ClientException(Reason reason, String message) {
        this(reason, message, 0, null, null);
    }

    public ClientException(Reason reason, String message, Throwable cause) {
        this(reason, message, 0, null, cause);
    }

    public ClientException(Reason reason, String message, int status, Problem problem, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.status = status;
        this.problem = problem;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of the server's answer, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** How long the server asked the client to wait before trying again (its Retry-After), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** This exception, carrying the server's Retry-After. */
    public ClientException withRetryAfter(Duration delay) {
        this.retryAfter = delay;
        return this;
    }

    /** The server's problem+json answer, when it sent one. */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }
}
