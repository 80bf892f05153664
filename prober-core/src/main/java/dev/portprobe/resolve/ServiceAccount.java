package dev.portprobe.resolve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The credentials a pod gets: a token, the cluster CA and its namespace in one directory, and the API server's address
 * in {@code KUBERNETES_SERVICE_HOST} / {@code KUBERNETES_SERVICE_PORT}. Tests point {@code dir} and the address at
 * their own files and server.
 *
 * @param dir  normally {@link #DEFAULT_DIR}
 * @param host the API server host, or null when the variable is not set
 * @param port the API server port
 */
public record ServiceAccount(Path dir, String host, String port) {
    public static final Path DEFAULT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    /** The service account of this process: the default directory and the two variables from {@code env}. */
    public static ServiceAccount fromEnvironment(Map<String, String> env) {
        String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
        return new ServiceAccount(DEFAULT_DIR, env.get("KUBERNETES_SERVICE_HOST"), port);
    }

    public Path tokenFile() {
        return dir.resolve("token");
    }

    public Path caFile() {
        return dir.resolve("ca.crt");
    }

    /** True when a token is mounted and the API server's address is known: what {@code --mode auto} looks for. */
    public boolean present() {
        return host != null && !host.isBlank() && Files.isRegularFile(tokenFile());
    }

    /** https://HOST:PORT, with an IPv6 host in brackets. */
    public String masterUrl() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "https://" + h + ":" + port;
    }

    /** The pod's own namespace, or null when the file is missing. */
    public String namespace() {
        try {
            Path file = dir.resolve("namespace");
            return Files.isRegularFile(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads the token afresh (kubelet rotates projected tokens). Never put the result in a message. */
    String readToken() throws IOException {
        return Files.readString(tokenFile()).strip();
    }
}
