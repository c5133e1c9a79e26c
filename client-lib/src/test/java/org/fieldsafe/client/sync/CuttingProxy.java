package org.fieldsafe.client.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 in front of a server. The first {@code cuts} connections are reset after
 * {@code cutAfterBytes} bytes of the request (a link dropping in the middle of an upload); later ones are relayed.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int backendPort;
    private final int cutAfterBytes;
    private final AtomicInteger cutsLeft;
    private final AtomicInteger cutsDone = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cutting-proxy");
        t.setDaemon(true);
        return t;
    });

    CuttingProxy(int backendPort, int cuts, int cutAfterBytes) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.backendPort = backendPort;
        this.cutAfterBytes = cutAfterBytes;
        this.cutsLeft = new AtomicInteger(cuts);
        threads.submit(this::acceptLoop);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    int cutsDone() {
        return cutsDone.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cutsLeft.getAndDecrement() > 0) {
                    threads.submit(() -> cut(client));
                } else {
                    threads.submit(() -> relay(client));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void cut(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            byte[] buffer = new byte[cutAfterBytes];
            int read = 0;
            while (read < cutAfterBytes) {
                int n = in.read(buffer, read, cutAfterBytes - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            client.setSoLinger(true, 0);
            cutsDone.incrementAndGet();
        } catch (IOException e) {
            cutsDone.incrementAndGet();
        }
    }

    private void relay(Socket client) {
        try {
            Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
            threads.submit(() -> pump(client, backend));
            pump(backend, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed; close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
