package dev.portprobe.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.system.RedisServer;
import dev.portprobe.testing.system.SystemTests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that a test started through {@code ExternalProcess} ends when the test's JVM is killed with SIGKILL (as a
 * fork timeout or a Ctrl-C of Maven does), instead of holding its port for ever. The test JVM here is a child JVM
 * that starts a real redis-server and prints its pid; this test kills that JVM with SIGKILL and waits, within a
 * bound, for the redis-server to be gone. A missing redis-server skips it, or fails it under
 * {@code PORTPROBE_SYSTEM_TESTS=required}.
 */
class OrphanedServerTest {
    private static final Pattern PID = Pattern.compile("redis-server pid (\\d+)");

    @Test
    void aServerStartedByATestEndsWhenTheTestJvmIsKilled(@TempDir Path dir) throws Exception {
        SystemTests.require("redis-server", "redis-server");
        Path out = dir.resolve("out");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), StartsRedis.class.getName());
        // stdin stays a pipe: if this JVM dies too, the child sees its end and stops its server itself
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long redis = -1;
        try {
            redis = awaitPid(child, out);
            assertThat(redis).as("the child's output: %s", read(out)).isPositive();
            assertThat(running(redis)).as("redis-server %d runs before the kill", redis).isTrue();

            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close(), nothing runs in the child
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child JVM ends on SIGKILL").isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (running(redis) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(running(redis)).as("redis-server %d is left running after its test JVM was killed", redis)
                    .isFalse();
        } finally {
            child.getOutputStream().close();
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (redis > 0 && running(redis)) {
                ProcessHandle.of(redis).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** The pid the child printed, waited for within 60 s (or until the child ends); -1 if it never came. */
    private static long awaitPid(Process child, Path out) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            boolean ended = !child.isAlive(); // read once more after it ended: its last line is in the file
            Matcher m = PID.matcher(read(out));
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
            if (ended || System.nanoTime() > deadline) {
                return -1;
            }
            Thread.sleep(20);
        }
    }

    /** Whether {@code pid} is a redis-server that has not ended (a zombie has ended: it holds no port any more). */
    private static boolean running(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        } catch (NoSuchFileException gone) {
            return false;
        }
        int close = stat.lastIndexOf(')');
        String comm = stat.substring(stat.indexOf('(') + 1, close);
        char state = stat.charAt(close + 2);
        return comm.equals("redis-server") && state != 'Z' && state != 'X';
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** The child JVM: starts a redis-server, prints its pid, and keeps it until its stdin closes. */
    public static final class StartsRedis {
        private StartsRedis() {
        }

        public static void main(String[] args) throws Exception {
            try (RedisServer redis = RedisServer.start(null)) {
                System.out.println("redis-server pid " + redis.pid());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // nothing is sent; only the end of the stream matters
                }
            }
        }
    }
}
