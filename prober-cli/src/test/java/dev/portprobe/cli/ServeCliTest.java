package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.Ports;
import dev.portprobe.testing.system.NginxServer;
import dev.portprobe.testing.system.Promtool;
import dev.portprobe.testing.system.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portprobe serve} as a process (this build's classes, run by {@code java}), against real nginx and
 * redis-server and a closed port, scraped with the JDK's HTTP client as Prometheus would, its text checked by
 * {@code promtool check metrics}, and stopped with SIGTERM: it must end by itself with exit code 0. A missing nginx,
 * redis-server or promtool skips the test, or fails it under {@code PORTPROBE_SYSTEM_TESTS=required}.
 */
class ServeCliTest {
    private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/metrics");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesAHealthyAClosedAndAWrongProtocolPortAndExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
        try (NginxServer nginx = NginxServer.start(); RedisServer redis = RedisServer.start(null)) {
            int closed = Ports.closed();
            Path profile = dir.resolve("watch.yaml");
            Files.writeString(profile, """
                    apiVersion: portprobe/v1
                    name: watch-test
                    namespace: shop
                    services:
                      - name: web
                        ports:
                          - {port: %d, protocol: http, usage: storefront}
                      - name: search
                        ports:
                          - {port: %d, protocol: http, usage: nothing listens}
                      - name: cache
                        ports:
                          - {port: %d, protocol: http, usage: Redis answers}
                    """.formatted(nginx.httpPort, closed, redis.port()));
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), MainUntilStdinCloses.class.getName(),
                    "serve", "-p", profile.toString(), "--mode", "direct", "--host", "127.0.0.1",
                    "--listen", "127.0.0.1:0", "--interval", "200ms", "--timeout", "5s");
            // stderr to a file, polled within a bound (a pipe read would wait for ever if serve hung before its line);
            // stdin stays a pipe: closing it (or this JVM dying) ends the child, see MainUntilStdinCloses
            Path errFile = dir.resolve("err");
            Process serve = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                    .redirectError(errFile.toFile()).start();
            List<String> log = new ArrayList<>();
            try {
                int port = awaitServingPort(serve, errFile, log);
                assertThat(port).as("the serving line in %s", log).isPositive();
                String base = "http://127.0.0.1:" + port;
                assertThat(awaitStatus(base + "/-/ready", 200)).isEqualTo(200);

                // a round of a cold JVM on a loaded machine may time out: wait (bounded) for one that saw every peer
                List<String> expected = List.of(
                        "portprobe_check_ok{cluster=\"\",namespace=\"shop\",name=\"web\",kind=\"service\",port=\""
                                + nginx.httpPort + "\",expected=\"http\"} 1",
                        "name=\"search\",kind=\"service\",port=\"" + closed + "\",expected=\"http\",status=\"REFUSED\"} 1",
                        "name=\"cache\",kind=\"service\",port=\"" + redis.port()
                                + "\",expected=\"http\",observed=\"redis\",required=\"true\"} 1",
                        "name=\"cache\",kind=\"service\",port=\"" + redis.port()
                                + "\",expected=\"http\",status=\"WRONG_PROTOCOL\"} 1");
                String metrics = awaitBody(base + "/metrics", expected);
                assertThat(metrics).contains(expected);
                Promtool.Verdict verdict = Promtool.checkMetrics(metrics);
                assertThat(verdict.exitCode()).as(verdict.output()).isZero();

                HttpResponse<String> om = get(base + "/metrics", "application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
                assertThat(om.headers().firstValue("content-type")).hasValue(
                        "application/openmetrics-text; version=1.0.0; charset=utf-8");
                assertThat(om.body()).endsWith("# EOF\n");

                assertThat(get(base + "/probe?target=127.0.0.1:" + nginx.httpPort + "&expect=http&path=/", null).body())
                        .contains("probe_success 1");
                assertThat(get(base + "/probe?target=127.0.0.1:" + closed + "&expect=tcp", null).body())
                        .contains("probe_success 0").contains("status=\"REFUSED\"} 1");
                String wrong = get(base + "/probe?target=127.0.0.1:" + redis.port() + "&expect=http", null).body();
                assertThat(wrong).contains("probe_success 0").contains("status=\"WRONG_PROTOCOL\"} 1");
                assertThat(Promtool.checkMetrics(wrong).exitCode()).isZero();

                serve.destroy(); // SIGTERM
                assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve ends within 60 s of SIGTERM").isTrue();
                log.clear();
                log.addAll(lines(errFile));
                assertThat(serve.exitValue()).as("exit code; log: %s", log).isZero();
                assertThat(log).anyMatch(l -> l.contains(" stopping: the round in flight gets "))
                        .anyMatch(l -> l.endsWith(" stopped"));
                assertThat(Files.readString(dir.resolve("out"))).as("stdout").isEmpty();
            } finally {
                serve.getOutputStream().close(); // the child's watch ends it even if the kill below were missed
                if (serve.isAlive()) {
                    serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                assertThat(serve.isAlive()).as("the serve process is left running").isFalse();
            }
        }
    }

    /** The port of serve's "serving" line, waited for within 120 s (or until serve ends); -1 if it never came. */
    private static int awaitServingPort(Process serve, Path errFile, List<String> log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            boolean ended = !serve.isAlive(); // read once more after it ended: its last lines are in the file
            log.clear();
            log.addAll(lines(errFile));
            for (String line : log) {
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            if (ended || System.nanoTime() > deadline) {
                return -1;
            }
            Thread.sleep(50);
        }
    }

    /** The file's lines so far (a line being written may be cut; decoding is lenient for that). */
    private static List<String> lines(Path file) throws java.io.IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    }

    private static HttpResponse<String> get(String url, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String awaitBody(String url, List<String> parts) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String body = get(url, null).body();
        while (!parts.stream().allMatch(body::contains) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            body = get(url, null).body();
        }
        return body;
    }

    private static int awaitStatus(String url, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int last = get(url, null).statusCode();
        while (last != status && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = get(url, null).statusCode();
        }
        return last;
    }
}
