package org.fieldsafe.client.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A poor mobile link between a client and a server on 127.0.0.1, made with the JDK: every byte in each direction
 * passes one shared token bucket at the line rate (so all connections share the link), then waits half the
 * connection's round trip (drawn per connection between the profile's bounds) before it is written on; every 30-120
 * s (the profile's drop gap, drawn from a seeded {@link Random}) every open connection is reset and, for the
 * profile's outage, new ones are reset as they come. Bytes still queued on the link at a drop are lost, as on a real
 * one. The HTTP/1.1 exchanges that pass are read by a {@link HttpLedger} (bytes forwarded, attachment chunks and
 * what the server acknowledged), which is what the poor-link benchmark and tests count with.
 */
public final class ShapingProxy implements AutoCloseable {
    /** Bytes read and queued at a time: about one TCP segment. */
    private static final int SEGMENT = 1460;

    /**
     * The link: line rate in bits a second (each direction), round trip bounds, the gap between drops (null: never
     * drop), how long the link stays down after a drop, and the seed of the drops and round trips.
     */
    public record Profile(long bitsPerSecond, Duration minRoundTrip, Duration maxRoundTrip, Duration minDropGap,
                          Duration maxDropGap, Duration outage, long seed) {
        public Profile {
            if (bitsPerSecond <= 0) {
                throw new IllegalArgumentException("the line rate must be positive");
            }
            Objects.requireNonNull(minRoundTrip, "minRoundTrip");
            Objects.requireNonNull(maxRoundTrip, "maxRoundTrip");
            Objects.requireNonNull(outage, "outage");
        }

        public boolean drops() {
            return minDropGap != null && maxDropGap != null;
        }
    }

    private final ServerSocket listener;
    private final int backendPort;
    private final Profile profile;
    private final Random random;
    private final Bucket up;
    private final Bucket down;
    private final HttpLedger ledger = new HttpLedger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicLong upForwarded = new AtomicLong();
    private final AtomicLong downForwarded = new AtomicLong();
    private final List<Long> dropTimes = new ArrayList<>();
    private final long started = System.nanoTime();
    private final AtomicLong firstConnection = new AtomicLong();
    private final AtomicLong lastDelivery = new AtomicLong();
    private volatile long downUntil;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shaping-proxy");
        t.setDaemon(true);
        return t;
    });

    public ShapingProxy(int listenPort, int backendPort, Profile profile) throws IOException {
        this.listener = new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress());
        this.listener.setReuseAddress(true);
        this.backendPort = backendPort;
        this.profile = Objects.requireNonNull(profile, "profile");
        this.random = new Random(profile.seed());
        this.up = new Bucket(profile.bitsPerSecond());
        this.down = new Bucket(profile.bitsPerSecond());
        threads.submit(this::acceptLoop);
        if (profile.drops()) {
            threads.submit(this::dropLoop);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    public int port() {
        return listener.getLocalPort();
    }

    public HttpLedger ledger() {
        return ledger;
    }

    public int drops() {
        return drops.get();
    }

    /** Seconds after the start at which the link dropped. */
    public synchronized List<Double> dropTimes() {
        return dropTimes.stream().map(t -> (t - started) / 1e9).toList();
    }

    /** Seconds from the first connection to the last byte delivered (the link in use, start-up time left out). */
    public double activeSeconds() {
        long first = firstConnection.get();
        return first == 0 ? 0 : (lastDelivery.get() - first) / 1e9;
    }

    /** Bytes written to the server (requests, headers included). */
    public long upstreamBytes() {
        return upForwarded.get();
    }

    /** Bytes written to the client (answers, headers included). */
    public long downstreamBytes() {
        return downForwarded.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (System.nanoTime() < downUntil) {
                    reset(client);
                    continue;
                }
                firstConnection.compareAndSet(0, System.nanoTime());
                long roundTripNanos = roundTrip();
                threads.submit(() -> connect(client, roundTripNanos));
            } catch (IOException e) {
                return;
            }
        }
    }

    private synchronized long roundTrip() {
        long min = profile.minRoundTrip().toNanos();
        long max = profile.maxRoundTrip().toNanos();
        return max <= min ? min : min + (long) (random.nextDouble() * (max - min));
    }

    private synchronized long nextGap() {
        long min = profile.minDropGap().toNanos();
        long max = profile.maxDropGap().toNanos();
        return max <= min ? min : min + (long) (random.nextDouble() * (max - min));
    }

    private void dropLoop() {
        try {
            while (!listener.isClosed()) {
                sleepNanos(nextGap());
                downUntil = System.nanoTime() + profile.outage().toNanos();
                synchronized (this) {
                    dropTimes.add(System.nanoTime());
                }
                drops.incrementAndGet();
                for (Socket s : open) {
                    reset(s);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void connect(Socket client, long roundTripNanos) {
        Socket backend;
        try {
            backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
            backend.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            reset(client);
            return;
        }
        open.add(client);
        open.add(backend);
        HttpLedger.Connection tap = ledger.connection();
        long oneWay = roundTripNanos / 2;
        threads.submit(() -> pump(client, backend, up, oneWay, upForwarded, tap::request));
        threads.submit(() -> pump(backend, client, down, oneWay, downForwarded, tap::response));
    }

    /** A chunk of bytes on the link, due at the far end at {@code due} (System.nanoTime); null bytes: end. */
    private record Segment(byte[] bytes, long due) {
    }

    private interface Tap {
        void accept(byte[] bytes, int length);
    }

    /** Reads from one side at the line rate, queues with the one-way delay; a second thread delivers in order. */
    private void pump(Socket from, Socket to, Bucket bucket, long oneWayNanos, AtomicLong forwarded, Tap tap) {
        LinkedBlockingQueue<Segment> queue = new LinkedBlockingQueue<>();
        threads.submit(() -> deliver(queue, from, to, forwarded, tap));
        try {
            InputStream in = from.getInputStream();
            byte[] buffer = new byte[SEGMENT];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                long sent = bucket.transmit(n);
                queue.put(new Segment(java.util.Arrays.copyOf(buffer, n), sent + oneWayNanos));
            }
            queue.put(new Segment(null, System.nanoTime() + oneWayNanos));
        } catch (IOException e) {
            reset(from);
            reset(to);
            queue.offer(new Segment(null, 0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(LinkedBlockingQueue<Segment> queue, Socket from, Socket to, AtomicLong forwarded, Tap tap) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Segment s = queue.take();
                if (s.bytes() == null) {
                    if (!to.isClosed() && !from.isClosed()) {
                        to.shutdownOutput();
                    }
                    return;
                }
                sleepNanos(s.due() - System.nanoTime());
                if (to.isClosed()) {
                    return; // dropped: what was still on the link is lost
                }
                out.write(s.bytes());
                out.flush();
                forwarded.addAndGet(s.bytes().length);
                lastDelivery.set(System.nanoTime());
                tap.accept(s.bytes(), s.bytes().length);
            }
        } catch (IOException e) {
            reset(from);
            reset(to);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (from.isClosed() || to.isClosed()) {
                open.remove(from);
                open.remove(to);
            }
        }
    }

    private static void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // already closed
        }
        open.remove(s);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            reset(s);
        }
        threads.shutdownNow();
    }

    /** One direction of the link: bytes leave one after the other at the line rate (no burst beyond a segment). */
    private static final class Bucket {
        private final double nanosPerByte;
        private long free = System.nanoTime();

        Bucket(long bitsPerSecond) {
            this.nanosPerByte = 8e9 / bitsPerSecond;
        }

        /** Waits until {@code bytes} have been sent at the line rate; returns when the last left (nanoTime). */
        long transmit(int bytes) throws InterruptedException {
            long done;
            synchronized (this) {
                long start = Math.max(System.nanoTime(), free);
                done = start + (long) (bytes * nanosPerByte);
                free = done;
            }
            sleepNanos(done - System.nanoTime());
            return done;
        }
    }
}
