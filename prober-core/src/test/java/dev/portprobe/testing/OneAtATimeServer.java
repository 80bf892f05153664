package dev.portprobe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A blocking HTTP/1.0 server on 127.0.0.1, port 0, that dislikes parallel connections, in one of three ways. It
 * serves a connection the way a simple line-based server does: it reads up to the first newline (a client that sends
 * none, such as a TLS ClientHello without a 0x0a byte, holds it until that client closes), answers {@code 200} to a
 * GET and {@code 400} to anything else, and closes.
 */
public final class OneAtATimeServer implements AutoCloseable {
    private static final byte[] OK = "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAD = "HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    public enum Mode {
        /** Serves one connection at a time; the others wait in the listen backlog. */
        QUEUES,
        /** Serves one connection at a time and closes any other at once while it is busy. */
        TURNS_AWAY,
        /** Accepts one connection, stops listening, and speaks first on it ({@code HTTP/1.0 200}), as {@code nc -l}. */
        ONCE
    }

    private final ServerSocket listener;
    private final Mode mode;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Thread acceptor;
    private volatile boolean closed;

    public OneAtATimeServer(Mode mode) {
        this.mode = mode;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.acceptor = new Thread(this::acceptLoop, "test-one-at-a-time");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                switch (mode) {
                    case QUEUES -> serve(s);
                    case TURNS_AWAY -> turnAwayOrServe(s);
                    case ONCE -> {
                        listener.close();
                        speakFirst(s);
                        return;
                    }
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void turnAwayOrServe(Socket s) throws IOException {
        if (!busy.compareAndSet(false, true)) {
            s.close();
            return;
        }
        Thread worker = new Thread(() -> {
            try {
                serve(s);
            } finally {
                busy.set(false);
            }
        }, "test-one-at-a-time-worker");
        worker.setDaemon(true);
        worker.start();
    }

    private static void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.append((char) b);
            }
            if (b == '\n') {
                out.write(line.toString().startsWith("GET ") ? OK : BAD);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away: serve the next one
        }
    }

    private static void speakFirst(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            out.write(OK);
            out.flush();
            while (in.read() >= 0) {
                // hold the connection until the client closes it
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
