package dev.portprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.outcome.Status;
import dev.portprobe.plan.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node x port matrix, whole, as the README shows it: the block after {@code <!-- per-node matrix -->} in README.md
 * is this renderer's output for three nodes where worker-b's pod finds a port REFUSED. Regenerate it with
 * {@code PORTPROBE_README_UPDATE=1} (as the samples).
 */
class NodeMatrixTableTest {
    private static final String MARKER = "<!-- per-node matrix: NodeMatrixTableTest -->";

    static Report threeNodes() throws Exception {
        List<Check> checks = SyntheticReports.plan("gloo-mesh-enterprise").subList(0, 6);
        Check refused = checks.get(3);
        Map<String, Report> byNode = new LinkedHashMap<>();
        for (String node : List.of("worker-a", "worker-b", "worker-c")) {
            byNode.put(node, SyntheticReports.of("gloo-mesh-enterprise", checks,
                    (i, c) -> node.equals("worker-b") && c.equals(refused) ? Status.REFUSED : Status.OK));
        }
        return ReportMerge.perNode(byNode);
    }

    @Test
    void theReadmeShowsExactlyWhatTheMatrixRendererPrints() throws Exception {
        String table = Renderers.of(Format.TABLE, RenderOptions.PLAIN).renderToString(threeNodes());
        assertThat(table).contains("worker-a        worker-b        worker-c").contains("REFUSED")
                .contains("hint: fails from node worker-b but passes from worker-a, worker-c");
        Path readme = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent().resolve("README.md");
        String text = Files.readString(readme);
        int at = text.indexOf(MARKER);
        assertThat(at).as("README.md has the marker " + MARKER).isNotNegative();
        int open = text.indexOf("```text\n", at) + "```text\n".length();
        int close = text.indexOf("```\n", open);
        if ("1".equals(System.getenv("PORTPROBE_README_UPDATE"))) {
            Files.writeString(readme, text.substring(0, open) + table + text.substring(close));
            return;
        }
        assertThat(text.substring(open, close)).isEqualTo(table);
    }
}
