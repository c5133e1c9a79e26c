package org.fieldsafe.server.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of the server that reads the HTTP/1.1 requests passing through it and cuts
 * some uploads ({@code PUT .../submissions/...}): of every {@code period} uploads, one is cut after half of its
 * body has passed (the server never gets the whole envelope), and one after the whole request has passed but
 * before the answer comes back (the server may store it; the device never sees the receipt). Cut means both
 * sockets are reset (SO_LINGER 0). At most {@code maxCuts} of each kind, so a device always gets through in the
 * end. Everything else passes unchanged.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final int period;
    private final int maxCuts;
    private final AtomicInteger uploads = new AtomicInteger();
    private final AtomicInteger midBodyCuts = new AtomicInteger();
    private final AtomicInteger afterBodyCuts = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public CuttingProxy(int upstreamPort, int period, int maxCuts) throws IOException {
        this.upstreamPort = upstreamPort;
        this.period = period;
        this.maxCuts = maxCuts;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "cutting-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Uploads cut after part of the body had passed. */
    public int midBodyCuts() {
        return midBodyCuts.get();
    }

    /** Uploads cut after the whole request had passed, before the answer. */
    public int afterBodyCuts() {
        return afterBodyCuts.get();
    }

    public int uploadsSeen() {
        return uploads.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Thread t = new Thread(() -> serve(client), "cutting-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        open.add(client);
        Socket upstream = new Socket();
        open.add(upstream);
        AtomicBoolean dropAnswer = new AtomicBoolean();
        try {
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5_000);
        } catch (IOException e) {
            reset(client, upstream); // the server is down: the device sees the connection fail
            return;
        }
        Thread back = new Thread(() -> answers(upstream, client, dropAnswer), "cutting-proxy-back");
        back.setDaemon(true);
        back.start();
        try {
            requests(client, upstream, dropAnswer);
        } catch (IOException e) {
            // either side went away
        } finally {
            reset(client, upstream);
        }
    }

    /** Copies the server's answers to the device, unless this connection's answer is to be dropped. */
    private void answers(Socket upstream, Socket client, AtomicBoolean dropAnswer) {
        byte[] buffer = new byte[16384];
        try (InputStream in = upstream.getInputStream()) {
            OutputStream out = client.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (dropAnswer.get()) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side went away
        } finally {
            reset(client, upstream);
        }
    }

    /** Forwards requests one by one, cutting the chosen uploads. */
    private void requests(Socket client, Socket upstream, AtomicBoolean dropAnswer) throws IOException {
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream out = upstream.getOutputStream();
        while (true) {
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            long length = 0;
            boolean chunked = false;
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(line.substring("content-length:".length()).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            out.write(head);
            if (chunked) { // not what the client sends; pass the rest through untouched
                in.transferTo(out);
                return;
            }
            boolean upload = lines[0].startsWith("PUT ") && lines[0].contains("/submissions/");
            int cut = 0; // 1: mid-body, 2: after the body
            if (upload) {
                int n = uploads.incrementAndGet();
                if (n % period == 1 && midBodyCuts.get() < maxCuts) {
                    cut = 1;
                } else if (n % period == period / 2 + 1 && afterBodyCuts.get() < maxCuts) {
                    cut = 2;
                }
            }
            if (cut == 1) {
                copy(in, out, length / 2);
                out.flush();
                midBodyCuts.incrementAndGet();
                throw new IOException("cut mid-body");
            }
            if (cut == 2) {
                dropAnswer.set(true); // set before the last byte goes, so no answer to it can slip through
                copy(in, out, length);
                out.flush();
                afterBodyCuts.incrementAndGet();
                awaitAnswerOrTimeout(upstream);
                throw new IOException("cut after the body");
            }
            copy(in, out, length);
            out.flush();
        }
    }

    /** Gives the server a moment to act on the whole request (it may store it) before the cut. */
    private static void awaitAnswerOrTimeout(Socket upstream) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline && !upstream.isClosed()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[16384];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the device closed mid-request");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** The request line and headers up to and including the blank line; null at a clean end of stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("the device closed mid-header");
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toByteArray();
            }
            if (head.size() > 65536) {
                throw new IOException("header too long");
            }
        }
    }

    private void reset(Socket... sockets) {
        for (Socket s : sockets) {
            try {
                if (!s.isClosed()) {
                    if (s.isConnected()) {
                        s.setSoLinger(true, 0);
                    }
                    s.close();
                }
            } catch (IOException e) {
                // closing anyway
            }
            open.remove(s);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket s : open) {
            reset(s);
        }
    }
}
