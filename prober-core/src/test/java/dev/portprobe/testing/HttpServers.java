package dev.portprobe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;

/** MockWebServers on loopback that answer every request with the same response. */
public final class HttpServers {
    private HttpServers() {
    }

    /** Plain HTTP/1.1. */
    public static MockWebServer plain(Supplier<MockResponse> response) {
        return start(response, false);
    }

    /** HTTPS with the test server certificate; offers h2 and http/1.1 by ALPN. */
    public static MockWebServer https(Supplier<MockResponse> response) {
        return start(response, true);
    }

    public static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("body of " + code).build();
    }

    private static MockWebServer start(Supplier<MockResponse> response, boolean tls) {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return response.get();
            }
        });
        if (tls) {
            HandshakeCertificates certs = new HandshakeCertificates.Builder()
                    .heldCertificate(TestCertificates.get().server).build();
            server.useHttps(certs.sslSocketFactory());
        } else {
            server.setProtocols(List.of(Protocol.HTTP_1_1));
        }
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }
}
