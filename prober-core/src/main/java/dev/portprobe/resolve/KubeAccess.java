package dev.portprobe.resolve;

import dev.portprobe.InputException;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A connection to one cluster's API: a fabric8 client (OkHttp transport) configured as kubectl would be, whose
 * requests are bounded by the run's timeout, plus what error messages need to say which cluster they are about.
 *
 * <p>Namespace: {@code -n} wins; else the profile's namespace (the vendor installs there by default, and a
 * kubeconfig context's namespace is usually someone's working namespace, not where the product lives); else the
 * context's namespace (or the pod's own, in-cluster); else {@code default}.
 */
public final class KubeAccess implements AutoCloseable {
    /**
     * One JSON/YAML mapping for every client of the process: fabric8 otherwise builds a mapper per client, and each
     * mapper introspects the model classes again (a fleet run opens one client per cluster). Mappers are thread-safe.
     */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final KubernetesClient client;
    private final String contextNamespace;
    private final KubeOptions options;
    private final ApiCalls api;

    private KubeAccess(KubernetesClient client, String cluster, String contextNamespace, KubeOptions options,
                       List<String> secrets) {
        this.client = client;
        this.contextNamespace = contextNamespace;
        this.options = options;
        this.api = new ApiCalls(cluster, options.timeout(), secrets);
    }

    /**
     * kubectl's way: {@code --kubeconfig}, else {@code $KUBECONFIG}, else {@code ~/.kube/config} (and, failing all,
     * the pod's service account), with {@code --context} or the current context. Nothing is sent to the cluster yet.
     *
     * @throws InputException the kubeconfig is missing or cannot be read, or names no such context
     */
    public static KubeAccess connect(KubeOptions options) throws InputException, ClusterAccessException {
        Config config = load(options);
        NamedContext current = config.getCurrentContext();
        if (options.context() != null && (current == null || !options.context().equals(current.getName()))) {
            String known = config.getContexts() == null ? "" : config.getContexts().stream()
                    .map(NamedContext::getName).sorted().collect(Collectors.joining(", "));
            throw new InputException(where(options), 0, "no context named '" + options.context() + "'"
                    + (known.isEmpty() ? "" : " (contexts: " + known + ")"));
        }
        String cluster = describe(config.getMasterUrl(), current == null ? null : current.getName());
        return open(config, cluster, config.getNamespace(), options, List.of());
    }

    /** The pod's service account, as in-cluster mode uses it. The token is read afresh for every request. */
    public static KubeAccess inCluster(ServiceAccount account, KubeOptions options) throws InputException {
        if (!account.present()) {
            throw new InputException(null, 0, "no service account: " + account.tokenFile()
                    + " or KUBERNETES_SERVICE_HOST is missing; use --mode port-forward from outside the cluster");
        }
        OAuthTokenProvider token = () -> {
            try {
                return account.readToken();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + account.tokenFile(), e);
            }
        };
        ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(account.masterUrl())
                .withOauthTokenProvider(token);
        if (Files.isRegularFile(account.caFile())) {
            builder.withCaCertFile(account.caFile().toString());
        }
        Config config = builder.build();
        List<String> secrets = new ArrayList<>();
        try {
            secrets.add(account.readToken());
        } catch (IOException e) {
            // present() saw the file; a token we cannot read is not a secret we could leak
        }
        String cluster = describe(config.getMasterUrl(), "in-cluster service account");
        return open(config, cluster, account.namespace(), options, secrets);
    }

    /** Wraps a client made elsewhere (tests, a caller with its own configuration); close() closes it. */
    public static KubeAccess of(KubernetesClient client, KubeOptions options) {
        Config config = client.getConfiguration();
        NamedContext current = config.getCurrentContext();
        String cluster = describe(config.getMasterUrl(), current == null ? null : current.getName());
        return new KubeAccess(client, cluster, config.getNamespace(), options, secretsOf(config));
    }

    private static Config load(KubeOptions options) throws InputException {
        try {
            if (options.kubeconfig() != null) {
                Path file = options.kubeconfig();
                if (!Files.isRegularFile(file)) {
                    throw new InputException(file.toString(), 0, "no such kubeconfig file");
                }
                return Config.fromKubeconfig(options.context(), file.toFile());
            }
            boolean anyFile = Config.getKubeconfigFilenames().stream().anyMatch(f -> Files.isRegularFile(Path.of(f)));
            if (!anyFile && !ServiceAccount.fromEnvironment(System.getenv()).present()) {
                throw new InputException(null, 0, "no kubeconfig: give --kubeconfig FILE, set KUBECONFIG, "
                        + "or create ~/.kube/config (kubectl config view shows what kubectl uses)");
            }
            return Config.autoConfigure(options.context());
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new InputException(where(options), 0, "cannot read the kubeconfig: " + rootMessage(e), e);
        } catch (RuntimeException e) { // a YAML parser's exception: the file is not a kubeconfig
            String message = rootMessage(e);
            throw new InputException(where(options), yamlLine(message), "not a valid kubeconfig: " + yamlProblem(message), e);
        }
    }

    /** The line a YAML parser's message points at ("in reader, line 3, column 1:"), or 0. */
    static int yamlLine(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d{1,9})").matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** A YAML parser's multi-line message without its source excerpt and caret lines: "while parsing...; expected...". */
    static String yamlProblem(String message) {
        return message.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.equals("^") && !l.startsWith("in reader"))
                .distinct().collect(java.util.stream.Collectors.joining("; "));
    }

    private static KubeAccess open(Config config, String cluster, String contextNamespace, KubeOptions options,
                                   List<String> moreSecrets) {
        int ms = (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis());
        config.setConnectionTimeout(ms);
        config.setRequestTimeout(ms);
        config.setRequestRetryBackoffLimit(0); // ApiCalls retries, inside its own budget
        // its TLS set-up may read the JDK's default trust store (an API server trusted through it)
        KubernetesClient client = dev.portprobe.DefaultTrust.reading(() -> new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new OkHttpClientFactory()).withTaskExecutorSupplier(new ClientTasks())
                .withKubernetesSerialization(SERIALIZATION).build());
        List<String> secrets = secretsOf(config);
        secrets.addAll(moreSecrets);
        return new KubeAccess(client, cluster, contextNamespace, options, secrets);
    }

    private static List<String> secretsOf(Config config) {
        List<String> out = new ArrayList<>();
        out.add(config.getOauthToken());
        out.add(config.getAutoOAuthToken());
        out.add(config.getPassword());
        out.add(config.getClientKeyData());
        return out;
    }

    private static String where(KubeOptions options) {
        return options.kubeconfig() != null ? options.kubeconfig().toString() : "kubeconfig";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String describe(String masterUrl, String context) {
        String url = masterUrl == null ? "(no server)" : masterUrl.replaceAll("/+$", "");
        return context == null ? url : url + " (" + (context.contains(" ") ? context : "context " + context) + ")";
    }

    public KubernetesClient client() {
        return client;
    }

    /** The API server URL and the context, as messages name the cluster. */
    public String cluster() {
        return api.cluster();
    }

    public Duration timeout() {
        return options.timeout();
    }

    /** The namespace to probe: {@code -n}, else the profile's, else the context's (or the pod's), else "default". */
    public String namespaceFor(String profileNamespace) {
        if (options.namespaceFlag() != null) {
            return options.namespaceFlag();
        }
        if (profileNamespace != null && !profileNamespace.isBlank()) {
            return profileNamespace;
        }
        return contextNamespace != null && !contextNamespace.isBlank() ? contextNamespace : "default";
    }

    ApiCalls api() {
        return api;
    }

    /**
     * One API request made outside this package (the Job's): retried like the resolvers' own inside the budget of
     * the timeout, and turned into the same one-line {@link ClusterAccessException} naming the cluster, the verb and
     * the resource when it fails for good.
     *
     * @param verb      kubectl's verb: get, list, create, delete...
     * @param resource  the resource as kubectl names it: {@code jobs.batch}, {@code pods/log}
     * @param namespace the namespace it is in, or null for a cluster-wide resource
     */
    public <T> T call(String verb, String resource, String namespace, java.util.function.Supplier<T> request)
            throws ClusterAccessException {
        return api.call(verb, resource, namespace, request::get);
    }

    /** The same line for a request that failed outside {@link #call} (a log stream, say); no retry. */
    public ClusterAccessException failure(RuntimeException error, String verb, String resource, String namespace) {
        return api.failed(ApiFailure.of(error), verb, resource, namespace, 1, 0, error);
    }

    @Override
    public void close() {
        client.close();
    }
}
