package dev.portprobe.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One external command run to its end within a deadline (killed past it): its exit code, stdout and stderr. */
record ProcessRun(List<String> command, int exitCode, String out, String err) {

    static ProcessRun of(List<String> command, Map<String, String> env, Duration deadline)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("portprobe-run");
        try {
            Path out = dir.resolve("out");
            Path err = dir.resolve("err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (env != null) {
                pb.environment().clear();
                pb.environment().putAll(env);
            }
            Process p = pb.start();
            if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command + " did not end within " + deadline + "; stderr: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new ProcessRun(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** For assertion messages. */
    String describe() {
        return String.join(" ", command) + " exited " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
