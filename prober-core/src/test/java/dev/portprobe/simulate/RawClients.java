package dev.portprobe.simulate;

import dev.portprobe.probe.ClientTls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** Plain blocking clients, independent of portprobe's probes, to check what a simulated server speaks. */
final class RawClients {
    private static final int TIMEOUT_MS = 3000;

    private RawClients() {
    }

    /** The status line of GET path. */
    static String httpStatusLine(Socket socket, String path) throws IOException {
        try (socket) {
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: demo\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return firstLine(socket);
        }
    }

    /** The reply to a RESP PING. */
    static String redisPing(String host, int port) throws IOException {
        try (Socket socket = plain(host, port)) {
            socket.setSoTimeout(TIMEOUT_MS);
            socket.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            return firstLine(socket);
        }
    }

    static Socket plain(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
        return socket;
    }

    /** A TLS socket that verifies the server against the install's CA, presenting the client certificate when asked. */
    static SSLSocket tls(String host, int port, ClientTls tls, boolean presentClientCert) throws IOException {
        SSLContext context = context(tls, presentClientCert);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain(host, port), host, port, true);
        var params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        socket.setSoTimeout(TIMEOUT_MS);
        socket.startHandshake();
        return socket;
    }

    private static SSLContext context(ClientTls tls, boolean presentClientCert) throws IOException {
        HandshakeCertificates.Builder b = new HandshakeCertificates.Builder()
                .addTrustedCertificate(Certificates.decodeCertificatePem(read(tls.ca())));
        if (presentClientCert) {
            b.heldCertificate(HeldCertificate.decode(read(tls.cert()) + "\n" + read(tls.key())));
        }
        return b.build().sslContext();
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p);
    }

    private static String firstLine(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
}
