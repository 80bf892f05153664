package dev.portprobe.testing.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the third-party servers the system tests start. A missing binary skips the test with a message,
 * or fails it when {@code PORTPROBE_SYSTEM_TESTS=required} (as .ci/run sets after installing them).
 */
public final class SystemTests {
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin");

    private SystemTests() {
    }

    public static boolean required() {
        return "required".equalsIgnoreCase(System.getenv("PORTPROBE_SYSTEM_TESTS"));
    }

    /** The path of {@code binary}, or the test is skipped (or failed when required). */
    public static Path require(String binary, String debianPackage) {
        Optional<Path> found = find(binary);
        if (found.isEmpty()) {
            String msg = binary + " not found: install the Debian package " + debianPackage
                    + " (apt-get install -y " + debianPackage + ") to run this system test";
            if (required()) {
                Assertions.fail(msg + " [PORTPROBE_SYSTEM_TESTS=required]");
            }
            Assumptions.abort(msg);
        }
        return found.get();
    }

    static Optional<Path> find(String binary) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), EXTRA_DIRS.stream())
                .filter(s -> !s.isEmpty())
                .map(dir -> Path.of(dir, binary))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
