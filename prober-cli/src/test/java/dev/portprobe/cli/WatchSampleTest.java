package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.Planner;
import dev.portprobe.probe.EngineOptions;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.run.RunOptions;
import dev.portprobe.serve.Exporter;
import dev.portprobe.serve.ServeOptions;
import dev.portprobe.simulate.SimulatedInstall;
import dev.portprobe.simulate.SimulationOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's "Watch" sample is a real scrape: the exporter serves the demo's simulated Gloo Mesh OSS install with its
 * faults, and what {@code /metrics} answers, filtered by the README's grep, must be the README's block. A round in
 * which a healthy port timed out on a loaded machine differs; the test waits (within a bound) for a round that does
 * not. Regenerate the block by copying the "real scrape" of the failure message.
 */
class WatchSampleTest {
    /** The README's {@code grep -E '^(# (TYPE|HELP) )?portprobe_(check_ok|check_info|ready)[ {]'}. */
    private static final Pattern GREP = Pattern.compile("^(# (TYPE|HELP) )?portprobe_(check_ok|check_info|ready)[ {].*");
    private static final String COMMAND =
            "$ curl -s http://127.0.0.1:9779/metrics | grep -E '^(# (TYPE|HELP) )?portprobe_(check_ok|check_info|ready)[ {]'\n";

    @Test
    void readmeWatchSampleIsWhatMetricsAnswersForTheDemoWithFaults() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf(COMMAND);
        assertThat(start).as("README holds the Watch sample command:%n%s", COMMAND).isNotNegative();
        int end = readme.indexOf("```", start);
        String block = readme.substring(start + COMMAND.length(), end);

        Profile profile = ProfileLoader.builtin("gloo-mesh-oss");
        List<Check> checks = Planner.plan(profile);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (SimulatedInstall install = SimulatedInstall.start(profile, checks, new SimulationOptions(true, false));
             ProbeEngine engine = new ProbeEngine(EngineOptions.defaults().withClientTls(install.clientTls()));
             Exporter exporter = Exporter.start(engine, install.resolver(), profile.name(), checks,
                     new RunOptions(Duration.ofSeconds(2), 0, Duration.ZERO),
                     ServeOptions.of(new InetSocketAddress("127.0.0.1", 0), Duration.ofMillis(100), Duration.ofSeconds(2)),
                     null, line -> { })) {
            String url = "http://127.0.0.1:" + exporter.address().getPort() + "/metrics";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String scraped = grep(scrape(client, url));
            while (!scraped.equals(block) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                scraped = grep(scrape(client, url));
            }
            assertThat(block).as("README's Watch sample; the real scrape is:%n%s", scraped).isEqualTo(scraped);
        }
    }

    private static String scrape(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String grep(String metrics) {
        return metrics.lines().filter(l -> GREP.matcher(l).matches()).map(l -> l + "\n").collect(Collectors.joining());
    }
}
