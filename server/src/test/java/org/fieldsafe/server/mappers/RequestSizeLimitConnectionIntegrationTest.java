package org.fieldsafe.server.mappers;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection after a 413 from {@link RequestSizeLimitFilter}, on a raw socket (no client's pool or retry hides a
 * close): a body up to {@link RequestSizeLimitFilter#DRAIN_FACTOR} times the limit is read and dropped, and the
 * connection answers the next request; a larger one is not read, so the server closes the connection after the 413 -
 * and must say {@code Connection: close} on it, or a client reusing the connection finds it closed under it (what
 * {@code RedactionScanIntegrationTest}'s 2 MiB body, 32 times the test limit, met in 1 run of 3).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RequestSizeLimitConnectionIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    /** One HTTP/1.1 answer read off the socket: status line and headers (lower-case names), body skipped. */
    private record Answer(int status, String headers) {
        boolean says(String header, String value) {
            return Arrays.stream(headers.split("\r\n"))
                    .anyMatch(l -> l.toLowerCase(Locale.ROOT).equals(header + ": " + value));
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        if (b < 0) {
            return null;
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(headers.substring(9, 12));
        long length = Arrays.stream(headers.split("\r\n")).map(l -> l.toLowerCase(Locale.ROOT))
                .filter(l -> l.startsWith("content-length:")).mapToLong(l -> Long.parseLong(l.substring(15).trim()))
                .findFirst().orElse(0);
        in.readNBytes((int) length);
        return new Answer(status, headers);
    }

    private static void post(OutputStream out, String host, int size) throws IOException {
        out.write(("POST /api/v1/studies/" + TestApp.STUDY + "/redaction/scan HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Type: application/json\r\nContent-Length: " + size + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        out.write(body);
        out.flush();
    }

    /** Sends {@code size} bytes to the scan with Content-Length; the 413, then a GET on the same connection. */
    private static Answer[] refuseThenAsk(URI base, int size) throws IOException, InterruptedException {
        String host = base.getHost() + ":" + base.getPort();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            // the body is written beside the reading: a server that answers before reading it all (and then closes)
            // may break the pipe under the writer, which is no failure here; the answer is what counts
            Thread writer = new Thread(() -> {
                try {
                    post(socket.getOutputStream(), host, size);
                } catch (IOException e) {
                    // closed by the server after its answer
                }
            });
            writer.start();
            Answer refused = read(socket.getInputStream());
            writer.join(10_000);
            assertThat(refused).as("size %d: an answer", size).isNotNull();
            assertThat(refused.status()).isEqualTo(413);
            Answer next;
            try {
                socket.getOutputStream().write(("GET /api/v1/studies HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                next = read(socket.getInputStream());
            } catch (SocketTimeoutException | SocketException e) { // closed under the client
                next = null;
            }
            return new Answer[] {refused, next};
        }
    }

    @Test
    void bodyWithinTheDrain_413_theConnectionAnswersTheNextRequest() throws Exception {
        URI base = URI.create(APP.baseUrl());
        int limit = (int) EXT.getConfiguration().maxRequestBytes();
        for (int size : new int[] {limit + 1, 2 * limit + 512, (RequestSizeLimitFilter.DRAIN_FACTOR - 1) * limit}) {
            for (int round = 0; round < 5; round++) {
                Answer[] answers = refuseThenAsk(base, size);
                assertThat(answers[0].says("connection", "close")).as("size %d: the body was read", size).isFalse();
                assertThat(answers[1]).as("size %d round %d: kept alive, so the next request is answered", size,
                        round).isNotNull();
                assertThat(answers[1].status()).isEqualTo(401);
            }
        }
    }

    @Test
    void bodyBeyondTheDrain_413_saysConnectionClose() throws Exception {
        URI base = URI.create(APP.baseUrl());
        int limit = (int) EXT.getConfiguration().maxRequestBytes();
        int size = RequestSizeLimitFilter.DRAIN_FACTOR * limit + 1024;
        for (int round = 0; round < 3; round++) {
            Answer[] answers = refuseThenAsk(base, size);
            // the body is not read, so the server does not keep the connection: it must say so on the 413
            assertThat(answers[0].says("connection", "close")).as("round %d: 413 headers:%n%s", round,
                    answers[0].headers()).isTrue();
            assertThat(answers[1]).as("round %d: closed as said", round).isNull();
        }
    }
}
