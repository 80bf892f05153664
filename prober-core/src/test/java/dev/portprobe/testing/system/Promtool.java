package dev.portprobe.testing.system;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' {@code promtool} (Debian package {@code prometheus}), run on metrics text. A missing binary skips the
 * test, or fails it under {@code PORTPROBE_SYSTEM_TESTS=required}.
 */
public final class Promtool {
    private Promtool() {
    }

    /** What {@code promtool check metrics} said: its exit code and its output (stdout and stderr together). */
    public record Verdict(int exitCode, String output) {
    }

    /** Runs {@code promtool check metrics} with {@code text} on stdin, within 60 seconds. */
    public static Verdict checkMetrics(String text) throws IOException, InterruptedException {
        Path promtool = SystemTests.require("promtool", "prometheus");
        Path log = Files.createTempFile("promtool", ".log");
        try {
            Process p = new ProcessBuilder(List.of(promtool.toString(), "check", "metrics"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IOException("promtool check metrics did not finish within 60 s");
            }
            return new Verdict(p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
