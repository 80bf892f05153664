package dev.portprobe.testing.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.tls.HeldCertificate;

/**
 * A real nginx on free loopback ports: plain HTTP/1.1, HTTPS, HTTP/2 over cleartext (h2c, prior knowledge),
 * and HTTPS that demands a client certificate ({@code ssl_verify_client on}). Certificates are made here.
 */
public final class NginxServer extends ExternalProcess {
    public final int httpPort;
    public final int httpsPort;
    public final int h2cPort;
    public final int mtlsPort;
    public final HeldCertificate ca;
    public final HeldCertificate server;
    public final HeldCertificate client;

    private NginxServer(List<String> cmd, Path dir, int[] ports, HeldCertificate[] certs) throws IOException {
        super(cmd, dir);
        this.httpPort = ports[0];
        this.httpsPort = ports[1];
        this.h2cPort = ports[2];
        this.mtlsPort = ports[3];
        this.ca = certs[0];
        this.server = certs[1];
        this.client = certs[2];
    }

    public static NginxServer start() throws IOException, InterruptedException {
        Path binary = SystemTests.require("nginx", "nginx");
        Path dir = Files.createTempDirectory("portprobe-nginx");
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("portprobe test CA").build();
        HeldCertificate server = new HeldCertificate.Builder().commonName("localhost")
                .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1").signedBy(ca).build();
        HeldCertificate client = new HeldCertificate.Builder().commonName("portprobe client").signedBy(ca).build();
        Files.writeString(dir.resolve("server.pem"), server.certificatePem());
        Files.writeString(dir.resolve("server.key"), server.privateKeyPkcs8Pem());
        Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        int[] ports = {FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next()};
        Files.writeString(dir.resolve("nginx.conf"), config(dir, ports));
        List<String> cmd = List.of(binary.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString());
        NginxServer nginx = new NginxServer(cmd, dir, ports, new HeldCertificate[] {ca, server, client});
        try {
            nginx.awaitPorts(Duration.ofSeconds(20), ports);
        } catch (IOException | InterruptedException e) {
            String err = Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "";
            nginx.close();
            throw new IOException(e.getMessage() + " " + err, e);
        }
        return nginx;
    }

    private static String config(Path dir, int[] ports) {
        String tls = "    ssl_certificate " + dir.resolve("server.pem") + ";\n"
                + "    ssl_certificate_key " + dir.resolve("server.key") + ";\n";
        String body = "    location / { return 200 \"ok\\n\"; }\n    location /fail { return 503; }\n";
        return "daemon off;\nmaster_process off;\nworker_processes 1;\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " warn;\n"
                + "events { worker_connections 512; }\n"
                + "http {\n  access_log off;\n"
                + "  client_body_temp_path " + dir.resolve("body") + ";\n"
                + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + "  server {\n    listen 127.0.0.1:" + ports[0] + ";\n" + body + "  }\n"
                + "  server {\n    listen 127.0.0.1:" + ports[1] + " ssl;\n" + tls + body + "  }\n"
                + "  server {\n    listen 127.0.0.1:" + ports[2] + " http2;\n" + body + "  }\n"
                + "  server {\n    listen 127.0.0.1:" + ports[3] + " ssl;\n" + tls
                + "    ssl_client_certificate " + dir.resolve("ca.pem") + ";\n    ssl_verify_client on;\n" + body + "  }\n"
                + "}\n";
    }

    /** Writes the CA, the client certificate and its key as PEM files into {@code into}; returns {ca, cert, key}. */
    public Path[] writeClientPems(Path into) throws IOException {
        Path caFile = into.resolve("ca.pem");
        Path cert = into.resolve("client.pem");
        Path key = into.resolve("client.key");
        Files.writeString(caFile, ca.certificatePem());
        Files.writeString(cert, client.certificatePem());
        Files.writeString(key, client.privateKeyPkcs8Pem());
        return new Path[] {caFile, cert, key};
    }
}
