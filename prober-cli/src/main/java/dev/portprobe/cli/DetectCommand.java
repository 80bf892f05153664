package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.detect.Detection;
import dev.portprobe.detect.Detector;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.ClusterInventory;
import dev.portprobe.resolve.KubeAccess;
import dev.portprobe.resolve.KubeOptions;
import dev.portprobe.run.RunOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "detect", sortOptions = false,
        description = "Read the cluster (Services and Deployments, read-only) and list the built-in profiles that apply, "
                + "with their namespaces and the command that probes each. Exit 0 whether or not any applies.")
final class DetectCommand extends TerminalCommand {

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: the current context)")
    String context;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "deadline of each API request (default: 3s)")
    Duration timeout = RunOptions.DEFAULT_TIMEOUT;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table or json (default: table)")
    String output = "table";

    @Override
    public Integer call() throws Exception {
        if (!output.equals("table") && !output.equals("json")) {
            throw new InputException(null, 0, "unknown output format '" + output + "' for detect; use table or json");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new InputException(null, 0, "--timeout must be positive");
        }
        KubeOptions options = new KubeOptions(kubeconfig, context, null, timeout);
        List<Detection> found = detect(options);
        if (output.equals("json")) {
            json(found, terminal.out());
        } else {
            table(found, terminal.out());
        }
        terminal.out().flush();
        return Cli.OK;
    }

    /** Every built-in profile that applies to the cluster of {@code options}; read-only. */
    static List<Detection> detect(KubeOptions options) throws InputException, ClusterAccessException {
        List<Profile> builtins = new ArrayList<>();
        for (String name : ProfileLoader.builtinNames()) {
            builtins.add(ProfileLoader.builtin(name));
        }
        try (KubeAccess access = KubeAccess.connect(options)) {
            return new Detector(builtins).detect(ClusterInventory.read(access));
        }
    }

    private static void table(List<Detection> found, PrintWriter out) {
        if (found.isEmpty()) {
            out.println("no built-in profile applies to this cluster (portprobe profiles list shows them all)");
            return;
        }
        int ns = Math.max("NAMESPACE".length(), found.stream().mapToInt(d -> d.namespace().length()).max().orElse(0));
        int pr = Math.max("PROFILE".length(), found.stream().mapToInt(d -> d.profile().length()).max().orElse(0));
        String row = "%-" + ns + "s  %-" + pr + "s  %s%n";
        out.printf(row, "NAMESPACE", "PROFILE", "FOUND");
        for (Detection d : found) {
            String variants = d.variants().isEmpty() ? "" : "; or its variant " + String.join(", ", d.variants());
            out.printf(row, d.namespace(), d.profile(), String.join("; ", d.evidence()) + variants);
        }
        out.println();
        out.println("probe each:");
        for (Detection d : found) {
            out.println("  " + d.command());
        }
        out.println("or all in one report:");
        out.println("  portprobe probe -p auto");
    }

    private static void json(List<Detection> found, PrintWriter out) throws Exception {
        ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", "portprobe/v1");
        ArrayNode list = root.putArray("profiles");
        for (Detection d : found) {
            ObjectNode o = list.addObject();
            o.put("profile", d.profile());
            o.put("namespace", d.namespace());
            ArrayNode evidence = o.putArray("evidence");
            d.evidence().forEach(evidence::add);
            ArrayNode variants = o.putArray("variants");
            d.variants().forEach(variants::add);
            o.put("command", d.command());
        }
        root.put("command", found.isEmpty() ? null : "portprobe probe -p auto");
        out.println(mapper.writeValueAsString(root));
    }
}
