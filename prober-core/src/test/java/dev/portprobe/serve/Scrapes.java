package dev.portprobe.serve;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A real HTTP client (the JDK's) scraping an exporter, as Prometheus would. */
final class Scrapes {
    /** Prometheus' own Accept header (2.x). */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Page(int status, String contentType, String body) {
    }

    private Scrapes() {
    }

    static Page get(InetSocketAddress server, String pathAndQuery) throws IOException, InterruptedException {
        return get(server, pathAndQuery, Map.of());
    }

    static Page get(InetSocketAddress server, String pathAndQuery, Map<String, String> headers)
            throws IOException, InterruptedException {
        return send(server, pathAndQuery, "GET", headers);
    }

    static Page send(InetSocketAddress server, String pathAndQuery, String method, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Page(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    }

    /** Polls {@code path} until it answers {@code status}, for at most {@code millis}; the last page. */
    static Page await(InetSocketAddress server, String path, int status, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        Page page = get(server, path);
        while (page.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(20);
            page = get(server, path);
        }
        return page;
    }

    /** The value of the first sample line of {@code body} that starts with {@code prefix}, or null. */
    static String sample(String body, String prefix) {
        return body.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .findFirst().orElse(null);
    }
}
