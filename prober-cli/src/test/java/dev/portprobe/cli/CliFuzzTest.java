package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Target specifications ({@code --target NAME=HOST}, {@code --targets FILE}) and whole command lines, generated:
 * each parses, or fails with one line; never an uncaught exception or a stack trace. The command lines only reach
 * paths that parse and fail, or dial 127.0.0.1 with a 50 ms deadline.
 */
class CliFuzzTest {
    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("portprobe-fuzz");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Provide
    Arbitrary<String> targetSpec() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.strings().withChars("abz-09 .=").ofMaxLength(8),
                Arbitraries.of("gloo", "redis", "", " "));
        Arbitrary<String> host = Arbitraries.oneOf(Arbitraries.strings().withChars("abz09.:[]- \t=").ofMaxLength(10),
                Arbitraries.of("127.0.0.1", "[::1]", "[", "[]", "::1", ""));
        return Arbitraries.oneOf(Combinators.combine(name, Arbitraries.of("=", "==", ""), host).as((n, eq, h) -> n + eq + h),
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of("a=b\n", "a\r=b", "x\ry", "=", "a=", "=b", "#a=b", "a=b c", "a=\u2028"));
    }

    @Property(tries = 20_000)
    void targetFlagsParseOrFailWithOneLine(@ForAll("targetSpec") String a, @ForAll("targetSpec") String b) {
        try {
            Map<String, String> map = Targets.parse(List.of(a, b), null);
            map.forEach((name, host) -> {
                assertThat(name).isNotBlank();
                assertThat(host).isNotBlank().doesNotContainAnyWhitespaces();
            });
        } catch (InputException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r").startsWith("--target ");
        }
    }

    /** Found by the fuzzer: brackets around nothing gave an empty host. */
    @net.jqwik.api.Example
    void bracketsAroundNothingAreNotAHost() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Targets.parse(List.of("a=[]"), null))
                .isInstanceOf(InputException.class).hasMessageContaining("no address");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Targets.parse(List.of("a=[ ]"), null))
                .isInstanceOf(InputException.class);
    }

    @Provide
    Arbitrary<byte[]> targetsFile() {
        Arbitrary<String> line = Arbitraries.oneOf(targetSpec(), Arbitraries.of("# comment", "", "   ", "a=127.0.0.1"));
        Arbitrary<byte[]> text = line.list().ofMaxSize(6)
                .map(lines -> String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(24);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, text), net.jqwik.api.Tuple.of(1, raw));
    }

    @Property(tries = 5_000)
    void targetFilesParseOrFailWithALocatedLine(@ForAll("targetsFile") byte[] content) throws IOException {
        Path file = dir.resolve("targets.txt");
        Files.write(file, content);
        try {
            Targets.parse(List.of(), file);
        } catch (InputException e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").startsWith(file.toString() + ":");
        }
    }

    @Provide
    Arbitrary<List<String>> argv() {
        Arbitrary<String> command = Arbitraries.of("check", "identify", "import", "profiles", "version", "help", "probe",
                "chekc", "--version", "-h", "", "--stacktrace");
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("127.0.0.1:1", "[::1]:1", "127.0.0.1:0", "127.0.0.1:99999", "localhost", ":80", "127.0.0.1:",
                        "--expect", "tcp", "http", "grpc", "bogus", "--path", "/", "nopath", "--expect-status", "200-399",
                        "99-1", "--grpc-service", "--server-name", "--retries", "-1", "101", "2", "--concurrency", "0",
                        "100001", "64", "--timeout", "0s", "50ms", "-3s", "8d", "-o", "json", "table", "junit", "yaml",
                        "--out", "--out-json", "/nonexistent/dir/x.json", "--no-color", "-v", "--ca", "--cert", "--key",
                        "/nonexistent.pem", "list", "show", "gloo-mesh-oss", "nope", "-p", "--only", "--skip", "gloo:9977",
                        "--mode", "direct", "auto", "port-forward", "sideways", "--name", "--namespace", "-n", "Bad_NS",
                        "--", "-", "--unknown", "=", "--timeout=", "--expect=tcp"),
                Arbitraries.strings().all().ofMaxLength(6));
        return Combinators.combine(command, token.list().ofMaxSize(6)).as((c, rest) -> {
            List<String> args = new ArrayList<>();
            if (!c.isEmpty()) {
                args.add(c);
            }
            args.addAll(rest);
            return args;
        }).filter(CliFuzzTest::staysLocalAndQuick);
    }

    /**
     * Nothing that could wait on DNS or a long deadline: the vocabulary has no --host, --target or --wait, so probe
     * never dials, and check and identify get --timeout 50ms (a second --timeout would be a usage error instead).
     */
    private static boolean staysLocalAndQuick(List<String> args) {
        return !args.contains("--timeout") && !args.contains("localhost");
    }

    @Property(tries = 3_000)
    void commandLinesRunOrFailWithOneLineAndNoStackTrace(@ForAll("argv") List<String> args) {
        List<String> full = new ArrayList<>(args);
        boolean dials = !full.isEmpty() && (full.get(0).equals("check") || full.get(0).equals("identify"));
        if (dials) {
            full.add("--timeout");
            full.add("50ms");
        }
        CliRun run = CliRun.withEnv(Map.of("KUBECONFIG", dir.resolve("no-kubeconfig").toString()),
                full.toArray(String[]::new));
        assertThat(run.exitCode()).as("%s: %s", full, run.err()).isBetween(0, 3);
        assertThat(run.err()).as("%s", full).doesNotContain("\tat ").doesNotContain("internal error");
        if (run.exitCode() == Cli.USAGE) {
            List<String> lines = run.err().lines().toList();
            assertThat(lines).as("%s", full).isNotEmpty().hasSizeLessThanOrEqualTo(2);
            assertThat(lines.get(0)).as("%s", full).startsWith("portprobe: ");
            if (lines.size() == 2) {
                assertThat(lines.get(1)).startsWith("Try '");
            }
        }
    }
}
