package dev.portprobe.testing.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real server process started by a test, in its own temporary folder; close() kills it and removes the folder.
 *
 * <p>The server does not outlive the test JVM, even one killed with SIGKILL (a fork timeout, a Ctrl-C of Maven):
 * it is started by {@link #ORPHAN_GUARD}, a {@code sh} that leaves behind a watcher holding the pipe that is the
 * process's standard input, then {@code exec}s the server (so {@link Process} is the server itself: its pid, its
 * exit code, its output, and {@code destroy()} signals it). Only this JVM holds the pipe's other end; when the JVM
 * dies, the kernel closes it, the watcher reads end-of-file and kills the server. The server's own standard input
 * is {@code /dev/null}.
 */
public class ExternalProcess implements AutoCloseable {
    /**
     * {@code sh -c ORPHAN_GUARD sh SERVER ARGS...}. The watcher ({@code cat} until end-of-file on the pipe, kept as
     * fd 3 because a background list's standard input is {@code /dev/null}) kills the server only while the server is
     * still its parent: once the server has ended, the watcher has been given another parent, and the server's pid
     * (which this JVM has reaped and the system may reuse) is left alone. A server that ended by itself closes the
     * pipe too (the JDK closes a process's stdin when it exits), so the watcher then ends quietly.
     */
    static final String ORPHAN_GUARD = """
            server=$$
            exec 3<&0
            (
              cat >/dev/null
              read -r _ _ _ parent _ </proc/self/stat
              if [ "$parent" = "$server" ]; then kill -KILL "$server"; fi
            ) <&3 >/dev/null 2>&1 &
            exec "$@" </dev/null 3<&-
            """;

    private final Process process;
    private final Path dir;
    private final Path log;

    protected ExternalProcess(List<String> command, Path dir) throws IOException {
        this.dir = dir;
        this.log = dir.resolve("process.log");
        List<String> guarded = new ArrayList<>(List.of("/bin/sh", "-c", ORPHAN_GUARD, "sh"));
        guarded.addAll(command);
        this.process = new ProcessBuilder(guarded)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Waits until every port accepts a TCP connection, or fails with the process log. */
    protected void awaitPorts(Duration within, int... ports) throws IOException, InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        for (int port : ports) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException("server exited with " + process.exitValue() + ": " + log());
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    break;
                } catch (IOException notYet) {
                    if (System.nanoTime() > end) {
                        throw new IOException("port " + port + " did not open within " + within + ": " + log());
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public Path dir() {
        return dir;
    }

    /** The server's process id (the guard {@code exec}s the server, so this is the server's own). */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process.getOutputStream().close(); // the guard's watcher ends (and kills a server that outlived the above)
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
