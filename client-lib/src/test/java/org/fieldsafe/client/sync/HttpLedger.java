package org.fieldsafe.client.sync;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the HTTP/1.1 exchanges passing a {@link ShapingProxy} (requests and answers of a connection are paired in
 * order) and keeps the books of uploads: request body bytes forwarded to the server, those of requests the server
 * answered 2xx, what the server acknowledged per upload path (an envelope once answered 2xx; an attachment up to
 * its {@code Upload-Offset}, all of it on 200/201), and every byte a request sent again below what was already
 * acknowledged for its path when it left (must stay 0).
 */
public final class HttpLedger {
    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong bodyForwarded = new AtomicLong();
    private final AtomicLong bodyAnswered2xx = new AtomicLong();
    private final AtomicLong resentAcknowledged = new AtomicLong();
    private final AtomicLong chunkRequests = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();

    Connection connection() {
        return new Connection();
    }

    /** Request body bytes written to the server (envelopes and attachment chunks, whole or cut). */
    public long bodyForwarded() {
        return bodyForwarded.get();
    }

    /** Request body bytes of requests the server answered 2xx. */
    public long bodyAnswered2xx() {
        return bodyAnswered2xx.get();
    }

    /** Bytes sent again below what the server had acknowledged for their path when they were sent. */
    public long resentAcknowledged() {
        return resentAcknowledged.get();
    }

    public long chunkRequests() {
        return chunkRequests.get();
    }

    public long requests() {
        return requests.get();
    }

    /** Answers 409 (a chunk that did not start at the server's length). */
    public long conflicts() {
        return conflicts.get();
    }

    private static boolean attachment(String path) {
        return path.contains("/attachments/");
    }

    private static boolean envelope(String path) {
        return path.matches(".*/submissions/[^/]+");
    }

    private final class Exchange {
        final String method;
        final String path;
        final long contentLength;
        final long total;
        long body;

        Exchange(String method, String path, long contentLength, long total) {
            this.method = method;
            this.path = path;
            this.contentLength = contentLength;
            this.total = total;
        }
    }

    /** The two parsers of one connection. */
    final class Connection {
        private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
        private final ByteArrayOutputStream requestHead = new ByteArrayOutputStream();
        private final ByteArrayOutputStream responseHead = new ByteArrayOutputStream();
        private Exchange sending;
        private long requestBodyLeft;
        private long responseBodyLeft;
        private boolean chunked;
        private final ByteArrayOutputStream chunkLine = new ByteArrayOutputStream();
        private int chunkCrlfLeft;
        private boolean lastChunk;

        void request(byte[] bytes, int length) {
            int i = 0;
            while (i < length) {
                if (requestBodyLeft > 0) {
                    int n = (int) Math.min(requestBodyLeft, length - i);
                    requestBodyLeft -= n;
                    sending.body += n;
                    bodyForwarded.addAndGet(n);
                    i += n;
                    continue;
                }
                requestHead.write(bytes[i++]);
                if (endsHead(requestHead)) {
                    startRequest(requestHead.toString(StandardCharsets.ISO_8859_1));
                    requestHead.reset();
                }
            }
        }

        private void startRequest(String head) {
            String[] lines = head.split("\r\n");
            String[] first = lines[0].split(" ");
            String method = first[0];
            String path = first.length > 1 ? first[1] : "";
            long contentLength = header(lines, "content-length").map(Long::parseLong).orElse(0L);
            long start = -1;
            long end = -1;
            long total = -1;
            String range = header(lines, "content-range").orElse(null);
            if (range != null) {
                Matcher m = RANGE.matcher(range);
                if (m.matches()) {
                    start = Long.parseLong(m.group(1));
                    end = Long.parseLong(m.group(2));
                    total = Long.parseLong(m.group(3));
                }
            }
            Exchange exchange = new Exchange(method, path, contentLength, total);
            requests.incrementAndGet();
            if ("PUT".equals(method)) {
                long acked = acknowledged.getOrDefault(path, -1L);
                if (attachment(path) && start >= 0) {
                    chunkRequests.incrementAndGet();
                    if (start < acked) {
                        resentAcknowledged.addAndGet(Math.min(end + 1, acked) - start);
                    }
                } else if (envelope(path) && acked >= 0) {
                    resentAcknowledged.addAndGet(contentLength);
                }
            }
            synchronized (waiting) {
                waiting.add(exchange);
            }
            sending = exchange;
            requestBodyLeft = contentLength;
        }

        void response(byte[] bytes, int length) {
            int i = 0;
            while (i < length) {
                if (chunked) {
                    i = chunk(bytes, i, length);
                    continue;
                }
                if (responseBodyLeft > 0) {
                    int n = (int) Math.min(responseBodyLeft, length - i);
                    responseBodyLeft -= n;
                    i += n;
                    continue;
                }
                responseHead.write(bytes[i++]);
                if (endsHead(responseHead)) {
                    startResponse(responseHead.toString(StandardCharsets.ISO_8859_1));
                    responseHead.reset();
                }
            }
        }

        private void startResponse(String head) {
            String[] lines = head.split("\r\n");
            String[] first = lines[0].split(" ");
            int status = Integer.parseInt(first[1]);
            if (status < 200) {
                return; // 100 Continue: the answer follows
            }
            Exchange exchange;
            synchronized (waiting) {
                exchange = waiting.poll();
            }
            boolean noBody = status == 204 || status == 304 || (exchange != null && "HEAD".equals(exchange.method));
            if (exchange != null) {
                settle(exchange, status, header(lines, "upload-offset").map(Long::parseLong).orElse(-1L));
            }
            if (noBody) {
                return;
            }
            if (header(lines, "transfer-encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                    .orElse(false)) {
                chunked = true;
                lastChunk = false;
                chunkLine.reset();
            } else {
                responseBodyLeft = header(lines, "content-length").map(Long::parseLong).orElse(0L);
            }
        }

        private void settle(Exchange exchange, int status, long uploadOffset) {
            if (!"PUT".equals(exchange.method)) {
                return;
            }
            if (status == 409) {
                conflicts.incrementAndGet();
            }
            if (status / 100 != 2) {
                return;
            }
            bodyAnswered2xx.addAndGet(exchange.body);
            long acked;
            if (attachment(exchange.path)) {
                acked = status == 204 ? uploadOffset : exchange.total;
            } else if (envelope(exchange.path)) {
                acked = Long.MAX_VALUE;
            } else {
                return;
            }
            acknowledged.merge(exchange.path, acked, Math::max);
        }

        /** Skips a chunked answer body: size line, data, CRLF, ... up to the 0-size chunk and the trailers. */
        private int chunk(byte[] bytes, int i, int length) {
            if (responseBodyLeft > 0) {
                int n = (int) Math.min(responseBodyLeft, length - i);
                responseBodyLeft -= n;
                return i + n;
            }
            if (chunkCrlfLeft > 0) {
                chunkCrlfLeft--;
                return i + 1;
            }
            chunkLine.write(bytes[i]);
            String line = chunkLine.toString(StandardCharsets.ISO_8859_1);
            if (line.endsWith("\r\n")) {
                chunkLine.reset();
                String size = line.trim();
                if (lastChunk) {
                    if (size.isEmpty()) {
                        chunked = false; // end of trailers
                    }
                } else {
                    int semicolon = size.indexOf(';');
                    long n = Long.parseLong(semicolon >= 0 ? size.substring(0, semicolon) : size, 16);
                    if (n == 0) {
                        lastChunk = true;
                    } else {
                        responseBodyLeft = n;
                        chunkCrlfLeft = 2;
                    }
                }
            }
            return i + 1;
        }
    }

    private static boolean endsHead(ByteArrayOutputStream head) {
        int size = head.size();
        if (size < 4) {
            return false;
        }
        byte[] b = head.toByteArray();
        for (int k = 0; k < 4; k++) {
            if (b[size - 4 + k] != END_OF_HEAD[k]) {
                return false;
            }
        }
        return true;
    }

    private static java.util.Optional<String> header(String[] lines, String name) {
        for (int k = 1; k < lines.length; k++) {
            int colon = lines[k].indexOf(':');
            if (colon > 0 && lines[k].substring(0, colon).trim().equalsIgnoreCase(name)) {
                return java.util.Optional.of(lines[k].substring(colon + 1).trim());
            }
        }
        return java.util.Optional.empty();
    }
}
