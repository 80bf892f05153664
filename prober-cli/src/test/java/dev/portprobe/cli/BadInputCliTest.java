package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Bad input exits 2 with one line and writes nothing; a crash exits 4, never 1. */
class BadInputCliTest {

    private static void oneLineExitTwo(CliRun run, String contains) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("portprobe: ").contains(contains);
        assertThat(run.err()).doesNotContain("internal error").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMalformedKubeconfigIsAnInputErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, "apiVersion: v1\nclusters: [ {\n");
        CliRun run = CliRun.of("probe", "--mode", "port-forward", "--kubeconfig", kubeconfig.toString());
        oneLineExitTwo(run, kubeconfig.toString());
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "999-1", "200-100", "1xx-2xx"})
    void aMalformedExpectStatusIsRefusedBeforeAnyProbe(String codes) {
        CliRun run = CliRun.of("check", "127.0.0.1:1", "--expect", "http", "--expect-status", codes);
        oneLineExitTwo(run, "--expect-status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "1.5", "0"})
    void aTimeoutWithoutAUnitIsRefused(String timeout) {
        CliRun run = CliRun.of("check", "127.0.0.1:1", "--expect", "tcp", "--timeout", timeout);
        oneLineExitTwo(run, "with a unit");
    }

    @Test
    void aTargetForANameThatTheProfileLacksIsRefusedAsOnlyIs() {
        CliRun run = CliRun.of("probe", "-p", "gloo-mesh-oss", "--mode", "direct", "--host", "127.0.0.1",
                "--target", "glooo=127.0.0.2");
        oneLineExitTwo(run, "glooo");
    }

    @Test
    void jobRenderValidatesPassThroughFlagsWithTheProbeParser() {
        oneLineExitTwo(CliRun.of("job", "render", "-n", "gloo-system", "--", "--bogus"), "--bogus");
        oneLineExitTwo(CliRun.of("job", "render", "-n", "gloo-system", "--", "--wait", "soon"), "soon");
        CliRun ok = CliRun.of("job", "render", "-n", "gloo-system", "--", "--wait", "2m", "--per-endpoint");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("\"--wait\"").contains("\"2m\"").contains("\"--per-endpoint\"");
    }

    @Test
    void demoRefusesMtlsForAProfileWithoutMtlsPorts() {
        CliRun run = CliRun.of("demo", "--mtls", "-p", "gloo-mesh-oss");
        oneLineExitTwo(run, "--mtls");
        assertThat(run.err()).contains("gloo-mesh-oss-mtls");
    }

    @Test
    void aCrashExitsFourWithOneLineAndTheStacktraceHint() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), false);
        CommandLine cl = Cli.commandLine(terminal, "crash");
        cl.addSubcommand("crash", new Crash());
        int code = cl.execute("crash");
        assertThat(code).isEqualTo(4);
        assertThat(err.toString().strip().lines()).singleElement().asString()
                .startsWith("portprobe: internal error: java.lang.IllegalStateException: a bug\\nsecond line")
                .endsWith("(re-run with --stacktrace for details)");
    }

    @CommandLine.Command(name = "crash")
    static final class Crash implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a bug\nsecond line");
        }
    }
}
