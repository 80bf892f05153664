import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives blackbox_exporter's {@code /probe} endpoint the way Prometheus would, at a fixed concurrency, over kept-alive
 * connections (no process per request). One probe per line of TARGETS; a warm-up of CONCURRENCY probes opens the
 * connections first and is not counted. Prints one line: {@code checks=N ok=N seconds=S}.
 *
 * <p>{@code java bench/BlackboxDriver.java EXPORTER_URL MODULE TARGETS_FILE CONCURRENCY}
 */
public final class BlackboxDriver {
    public static void main(String[] args) throws Exception {
        String exporter = args[0];
        String module = args[1];
        List<String> targets = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).toList();
        int concurrency = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        run(client, exporter, module, targets.subList(0, Math.min(concurrency, targets.size())), concurrency);
        long start = System.nanoTime();
        int ok = run(client, exporter, module, targets, concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "checks=%d ok=%d seconds=%.3f%n", targets.size(), ok, seconds);
    }

    private static int run(HttpClient client, String exporter, String module, List<String> targets, int concurrency)
            throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(targets.size());
        AtomicInteger ok = new AtomicInteger();
        for (String target : targets) {
            slots.acquire();
            URI uri = URI.create(exporter + "/probe?module=" + module + "&target="
                    + URLEncoder.encode(target, StandardCharsets.UTF_8));
            client.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        if (response != null && response.body().contains("\nprobe_success 1")) {
                            ok.incrementAndGet();
                        }
                        slots.release();
                        done.countDown();
                    });
        }
        done.await();
        return ok.get();
    }
}
