package org.fieldsafe.client.app;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.fieldwork.DeviceInterview;
import org.fieldsafe.client.fieldwork.LiveRecordings;
import org.fieldsafe.client.fieldwork.Recorder;
import org.fieldsafe.client.fieldwork.Screen;
import org.fieldsafe.client.fieldwork.StepResult;

/**
 * The recorder calls of an open interview, under {@code /api/v1/interviews/<id>/recording} (docs/field-app.md,
 * "Recording"): its state; start on the audio question waiting (which only recording consent shows); the
 * browser's recorder chunks as they come (raw {@code audio/webm} bodies, sealed on arrival by {@link Recorder});
 * stop. A refused call writes nothing.
 */
final class RecordingApi {
    static final String SEGMENT = "recording";
    /** The largest recorder chunk taken: a 2-second slice at 24 kbit/s is about 6 KiB, at 128 kbit/s 32 KiB. */
    static final int MAX_CHUNK = 64 * 1024;
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    record StartRequest(String question) {
    }

    /** The recorder's state, and the screen after the audio question was answered by starting. */
    record Started(LiveRecordings.Status recording, Screen screen) {
    }

    void handle(HttpExchange ex, String method, DeviceInterview interview, String action, String route)
            throws IOException, Exchanges.Refused, ClientException {
        Recorder recorder = interview.recorder();
        switch (method + " " + action) {
            case "GET " -> Exchanges.json(ex, 200, recorder.status());
            case "POST start" -> {
                StartRequest body = Exchanges.body(ex, StartRequest.class);
                StepResult result;
                try {
                    result = recorder.start(body.question() == null ? "" : body.question());
                } catch (ClientException e) {
                    throw new Exchanges.Refused(409, "recording-not-allowed", e.getMessage());
                }
                if (!result.ok()) {
                    throw new Exchanges.Refused(422, "recording-not-allowed", "the recording question could not "
                            + "be answered; nothing was recorded");
                }
                Exchanges.json(ex, 201, new Started(recorder.status(), result.screen()));
            }
            case "POST chunk" -> {
                byte[] chunk = chunk(ex);
                if (recorder.status().state() != LiveRecordings.State.RECORDING) {
                    throw new Exchanges.Refused(409, "no-recording", "no recording is running in this interview");
                }
                Exchanges.json(ex, 200, recorder.append(chunk));
            }
            case "POST stop" -> {
                if (recorder.status().state() != LiveRecordings.State.RECORDING) {
                    throw new Exchanges.Refused(409, "no-recording", "no recording is running in this interview");
                }
                Exchanges.json(ex, 200, recorder.stop());
            }
            default -> throw new Exchanges.Refused(404, "not-found", "no such call: " + route);
        }
    }

    /** Whether the question waiting is a recording (answered only by {@link Recorder#start}, never by a path). */
    static boolean recordingWaits(DeviceInterview interview) {
        Screen screen = interview.screen();
        return screen.step() == Screen.Step.QUESTION && "audio".equals(screen.question().type());
    }

    /** A recorder chunk: {@code audio/webm} (or octet-stream), at most {@link #MAX_CHUNK} bytes, not empty. */
    private static byte[] chunk(HttpExchange ex) throws IOException, Exchanges.Refused {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!t.startsWith("audio/webm") && !t.startsWith("application/octet-stream")) {
            throw new Exchanges.Refused(415, "unsupported-media-type", "send the recorder's chunk as audio/webm");
        }
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes(MAX_CHUNK + 1);
            if (bytes.length > MAX_CHUNK) {
                // drop the rest unread up to a bound, so the page gets the problem rather than a reset connection
                long dropped = 0;
                byte[] sink = new byte[8192];
                for (int n; dropped < DRAIN_LIMIT && (n = in.read(sink)) != -1; ) {
                    dropped += n;
                }
                throw tooLarge();
            }
        }
        if (bytes.length == 0) {
            throw new Exchanges.Refused(400, "empty-chunk", "the recorder's chunk is empty");
        }
        return bytes;
    }

    private static Exchanges.Refused tooLarge() {
        return new Exchanges.Refused(413, "chunk-too-large", "a recorder chunk is at most " + MAX_CHUNK + " bytes");
    }
}
