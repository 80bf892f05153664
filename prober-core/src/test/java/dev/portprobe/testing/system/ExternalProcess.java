package dev.portprobe.testing.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A real server process started by a test, in its own temporary folder; close() kills it and removes the folder. */
public class ExternalProcess implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final Path log;

    protected ExternalProcess(List<String> command, Path dir) throws IOException {
        this.dir = dir;
        this.log = dir.resolve("process.log");
        this.process = new ProcessBuilder(command)
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
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
