package dev.portprobe.reftable;

import java.util.Random;

/** Markdown reference tables made from a seed: sections, headers, short and long rows, odd cells, shortcodes. */
final class RandomMarkdown {
    private static final String[] HEADERS = {"Pod", "Port", "Usage", "Service", "Target", "Target Port", "Description",
        "Pods", "", "x", "`Port`", "Service name", "Container Port", "Notes"};
    private static final String[] CELLS = {"gloo", "gateway-proxy", "access-log", "grafana", "Edge Proxy", "`gloo`",
        "8080", "443", "9977", "19000", "6379", "8080/TCP", "70000", "0", "-1", "http", "xDS Server", "Validation",
        "Grafana (unused)", "Envoy admin", "HTTPS", "Rate-limiting", "a \\| b", "<br>", "**bold**", "[l](u)", "",
        "{{% notice %}}", "ünïcödé", "\"q\" # c: x", "' ", "~", "null", "yes", "---", "|", "\\", "&a", "*a"};
    private static final String[] LINES = {"", "---", "Some prose.", "{{% notice note %}}", "{{% /notice %}}",
        "{{< highlight yaml >}}", "> quoted", "- item", "    code", "```", "<div>", "* * *", "+++"};

    private RandomMarkdown() {
    }

    static String markdown(long seed) {
        Random r = new Random(seed);
        StringBuilder out = new StringBuilder();
        if (r.nextInt(3) == 0) {
            out.append("---\ntitle: ").append(pick(r, CELLS)).append("\n---\n\n");
        }
        for (int s = r.nextInt(4); s >= 0; s--) {
            out.append(r.nextBoolean() ? "## " : "### ").append("Section ").append(s).append("\n\n");
            for (int i = r.nextInt(3); i > 0; i--) {
                out.append(pick(r, LINES)).append('\n');
            }
            table(r, out);
            out.append('\n');
        }
        return r.nextInt(8) == 0 ? out.toString().replace("\n", "\r\n") : out.toString();
    }

    private static void table(Random r, StringBuilder out) {
        int width = 1 + r.nextInt(5);
        String[] header = new String[width];
        boolean services = r.nextBoolean();
        for (int i = 0; i < width; i++) {
            header[i] = r.nextInt(4) == 0 ? pick(r, HEADERS)
                    : services ? new String[] {"Service", "Port", "Target", "Target Port", "Usage"}[i]
                    : new String[] {"Pod", "Port", "Usage", "Notes", "Extra"}[i];
        }
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(width)).append('\n');
        for (int row = r.nextInt(6); row > 0; row--) {
            int cells = r.nextInt(width + 3);
            out.append('|');
            for (int c = 0; c < cells; c++) {
                out.append(' ').append(pick(r, CELLS)).append(" |");
            }
            out.append('\n');
        }
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
