package org.fieldsafe.server.openrosa;

/** The OpenRosaResponse documents the server sends (namespace {@code http://openrosa.org/http/response}). */
public final class OpenRosaResponses {
    public static final String XML = "text/xml; charset=utf-8";
    private static final String OPEN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\">";

    private OpenRosaResponses() {
    }

    /** The answer to a submission POST; its words name the state, never an answer. */
    public static String submitted(OpenRosaSubmissions.Received received) {
        String message = received.repeated() ? "Already received; nothing changed."
                : OpenRosaSubmissionRow.COMPLETE.equals(received.state()) ? "Received: every file is stored."
                : "Received; files still to come.";
        return OPEN + "<message nature=\"submit_success\">" + message + "</message></OpenRosaResponse>";
    }
}
