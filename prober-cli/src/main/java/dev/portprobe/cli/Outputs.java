package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.report.Format;
import dev.portprobe.report.RenderOptions;
import dev.portprobe.report.Renderers;
import dev.portprobe.report.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Output options shared by every command that reports: formats, files, colour. */
final class Outputs {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "table, json, junit, markdown or openmetrics (default: table); repeat it for more outputs: "
                    + "one goes to stdout (or --out), every other one to its --out-FORMAT file")
    List<String> formats = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "write the output to FILE (written whole or not at all)")
    Path out;

    @Option(names = "--out-json", paramLabel = "FILE", description = "also write the JSON report to FILE")
    Path outJson;

    @Option(names = "--out-junit", paramLabel = "FILE", description = "also write the JUnit XML report to FILE")
    Path outJunit;

    @Option(names = "--out-markdown", paramLabel = "FILE", description = "also write the Markdown report to FILE")
    Path outMarkdown;

    @Option(names = "--out-openmetrics", paramLabel = "FILE",
            description = "also write the OpenMetrics text to FILE (for node_exporter's textfile collector)")
    Path outOpenMetrics;

    @Option(names = "--no-color", description = "never colour the table (NO_COLOR is honoured too)")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "progress on stderr, full details in the table")
    boolean verbose;

    /** Formats asked for, parsed and checked, before any work is done. */
    Map<Format, Path> plan() throws InputException {
        Map<Format, Path> plan = new LinkedHashMap<>();
        for (String f : formats.isEmpty() ? List.of("table") : formats) {
            plan.put(Format.parse(f), null);
        }
        Map<Format, Path> named = new LinkedHashMap<>();
        named.put(Format.JSON, outJson);
        named.put(Format.JUNIT, outJunit);
        named.put(Format.MARKDOWN, outMarkdown);
        named.put(Format.OPENMETRICS, outOpenMetrics);
        named.forEach((format, file) -> {
            if (file != null) {
                plan.put(format, file);
            }
        });
        List<Format> free = plan.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
        if (free.size() > 1) {
            // table has no file flag of its own: the other format is the one to send to a file
            List<Format> canHaveFile = free.stream().filter(f -> f != Format.TABLE).toList();
            Format extra = free.contains(Format.TABLE) ? canHaveFile.get(0) : canHaveFile.get(1);
            throw new InputException(null, 0, "-o " + extra + " needs a file: add --out-" + extra
                    + " FILE (only one output goes to " + (out == null ? "stdout" : "--out") + ")");
        }
        if (out != null) {
            if (free.isEmpty()) {
                throw new InputException(null, 0, "--out names a file, but every output already has one");
            }
            plan.put(free.get(0), out);
        }
        return plan;
    }

    /** Renders every output, writes the files (each whole or not at all), then stdout. */
    void emit(Report report, Terminal terminal) throws InputException, IOException {
        Map<Format, Path> plan = plan();
        RenderOptions options = new RenderOptions(terminal.color(noColor), verbose);
        Map<Format, String> rendered = new LinkedHashMap<>();
        for (Format f : plan.keySet()) {
            StringWriter w = new StringWriter();
            Renderers.of(f, plan.get(f) == null ? options : new RenderOptions(false, verbose)).render(report, w);
            rendered.put(f, w.toString());
        }
        for (Map.Entry<Format, Path> e : plan.entrySet()) {
            if (e.getValue() != null) {
                AtomicFiles.write(e.getValue(), rendered.get(e.getKey()));
            }
        }
        for (Map.Entry<Format, Path> e : plan.entrySet()) {
            if (e.getValue() == null) {
                terminal.out().print(rendered.get(e.getKey()));
                terminal.out().flush();
            }
        }
    }
}
