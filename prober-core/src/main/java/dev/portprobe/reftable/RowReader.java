package dev.portprobe.reftable;

import dev.portprobe.profile.Names;
import dev.portprobe.profile.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the rows of one pods or Services table into row records, repairing what it can and saying so: short rows
 * (the seed's three-cell Service rows), extra cells, names that are not Kubernetes names, ports written with a
 * suffix, and usage marked "(unused)". A row that cannot be repaired is skipped with a warning.
 */
final class RowReader {
    /**
     * What the table says about a row beyond its usage: the protocol cell (null without a protocol column) and the
     * reach it gives (null: not said), with the words that said so.
     */
    record Hints(String protocol, dev.portprobe.profile.Reach reach, String reachNote) {
        static final Hints NONE = new Hints(null, null, null);
    }

    record PodRow(int line, String pod, int port, String usage, boolean unused, Hints hints) {
        PodRow(int line, String pod, int port, String usage, boolean unused) {
            this(line, pod, port, usage, unused, Hints.NONE);
        }
    }

    record ServiceRow(int line, String service, int port, String target, int targetPort, String usage,
            boolean unused, Hints hints) {
    }

    private static final Pattern PORT = Pattern.compile("(\\d{1,9})(.*)", Pattern.DOTALL);
    private static final Pattern UNUSED = Pattern.compile("(?i)\\b(unused|not used|optional)\\b");

    private final List<ImportWarning> warnings;
    private final java.util.function.Predicate<String> knownPod;
    private final List<ImportResult.NotProbed> notProbed;

    /** {@code knownPod} tells whether a pods table read so far has a row for a name. */
    RowReader(List<ImportWarning> warnings, java.util.function.Predicate<String> knownPod,
            List<ImportResult.NotProbed> notProbed) {
        this.warnings = warnings;
        this.knownPod = knownPod;
        this.notProbed = notProbed;
    }

    List<PodRow> pods(MarkdownTables.Table table, TableLayout layout) {
        List<PodRow> out = new ArrayList<>();
        for (MarkdownTables.Row row : table.rows()) {
            if (skipEmpty(row)) {
                continue;
            }
            warnExtraCells(row, layout);
            String pod = name(row, layout.name(), "pod");
            Integer port = port(row, layout.port(), "port");
            if (pod == null || port == null) {
                continue;
            }
            String usage = cell(row, layout.usage());
            if (row.present() <= layout.usage()) {
                warnings.add(ImportWarning.warn(row.line(), "pods row has " + row.present() + " cells, the header has "
                        + layout.width() + "; no usage for " + pod + " " + port));
            }
            out.add(new PodRow(row.line(), pod, port, usage, unused(row.line(), pod + " " + port, usage)));
        }
        return out;
    }

    List<ServiceRow> services(MarkdownTables.Table table, TableLayout layout) {
        List<ServiceRow> out = new ArrayList<>();
        for (MarkdownTables.Row row : table.rows()) {
            if (skipEmpty(row)) {
                continue;
            }
            warnExtraCells(row, layout);
            String service = name(row, layout.name(), "Service");
            Integer port = port(row, layout.port(), "port");
            if (service == null || port == null) {
                continue;
            }
            if (layout.protocol() >= 0) {
                var why = ProtocolWords.notProbed(cell(row, layout.protocol()), cell(row, layout.usage()));
                if (why.isPresent()) {
                    notProbed.add(new ImportResult.NotProbed(row.line(), service, String.valueOf(port),
                            cell(row, layout.protocol()), cell(row, layout.usage()), why.get()));
                    warnings.add(ImportWarning.warn(row.line(), "Service " + service + " port " + port
                            + " kept as a comment, not probed: " + why.get()));
                    continue;
                }
            }
            ServiceRow read = serviceRow(row, layout, service, port);
            if (read != null) {
                out.add(read);
            }
        }
        return out;
    }

    private ServiceRow serviceRow(MarkdownTables.Row row, TableLayout layout, String service, int port) {
        String usage = cell(row, layout.usage());
        String targetCell = cell(row, layout.target());
        String targetPortCell = cell(row, layout.targetPort());
        String usageNote = null;
        boolean shortRow = row.present() < layout.width();
        int last = row.present() - 1;
        if (shortRow && layout.usage() > last && last > layout.port()) {
            String lastCell = row.cells().get(last);
            // The last cell keeps its column only when it makes sense there: a number as target port, or a pod
            // that a pods table lists as target. Otherwise it is read as the usage (the seed's three-cell rows).
            boolean fits = last == layout.targetPort() && PORT.matcher(lastCell).matches()
                    || last == layout.target() && knownPod.test(lastCell);
            if (!fits) {
                usage = lastCell;
                usageNote = "usage " + Texts.quote(usage) + " (the last cell)";
                targetCell = last == layout.target() ? "" : targetCell;
                targetPortCell = last == layout.targetPort() ? "" : targetPortCell;
            }
        }
        List<String> assumed = new ArrayList<>();
        String target = service;
        if (!targetCell.isEmpty()) {
            target = name(row, layout.target(), "target");
            if (target == null) {
                return null;
            }
        } else if (layout.target() >= 0) {
            assumed.add("target " + service + " (the Service's own name)");
        }
        int targetPort = port;
        if (!targetPortCell.isEmpty() && PORT.matcher(targetPortCell).matches()) {
            Integer p = port(row, layout.targetPort(), "target port");
            if (p == null) {
                return null;
            }
            targetPort = p;
        } else if (!targetPortCell.isEmpty()) {
            assumed.add("target port " + port + " (the port; " + Texts.quote(targetPortCell) + " is not a number)");
        } else if (layout.targetPort() >= 0) {
            assumed.add("target port " + port + " (the port)");
        }
        if (usageNote != null) {
            assumed.add(usageNote);
        }
        if (!assumed.isEmpty()) {
            String cells = shortRow ? "Services row has " + row.present() + " cells, the header has " + layout.width()
                    : "Services row";
            warnings.add(ImportWarning.warn(row.line(), cells + "; assumed " + String.join(", ", assumed)));
        }
        Hints hints = layout.protocol() < 0 ? Hints.NONE : new Hints(cell(row, layout.protocol()), null, null);
        return new ServiceRow(row.line(), service, port, target, targetPort, usage,
                unused(row.line(), service + " " + port, usage), hints);
    }

    boolean skipEmpty(MarkdownTables.Row row) {
        if (row.cells().stream().allMatch(String::isEmpty)) {
            warnings.add(ImportWarning.info(row.line(), "empty row skipped"));
            return true;
        }
        return false;
    }

    void warnExtraCells(MarkdownTables.Row row, TableLayout layout) {
        if (row.extra()) {
            warnings.add(ImportWarning.warn(row.line(), "row has more cells than the header's " + layout.width()
                    + "; the extra cells are ignored"));
        }
    }

    boolean unused(int line, String what, String usage) {
        if (UNUSED.matcher(usage).find()) {
            warnings.add(ImportWarning.warn(line, what + " is marked " + Texts.quote(usage)
                    + "; made optional (probed and reported, but a failure does not fail the run)"));
            return true;
        }
        return false;
    }

    static String cell(MarkdownTables.Row row, int column) {
        return column < 0 || column >= row.cells().size() ? "" : row.cells().get(column);
    }

    /** A Kubernetes name from a cell, repaired if needed; null (row skipped, warned) when nothing usable is left. */
    String name(MarkdownTables.Row row, int column, String what) {
        String raw = cell(row, column);
        if (Names.isName(raw)) {
            return raw;
        }
        String fixed = Names.sanitize(raw);
        if (fixed.isEmpty()) {
            warnings.add(ImportWarning.warn(row.line(), "no usable " + what + " name in " + Texts.quote(raw)
                    + "; row skipped"));
            return null;
        }
        warnings.add(ImportWarning.warn(row.line(), what + " " + Texts.quote(raw)
                + " is not a Kubernetes name; used " + fixed));
        return fixed;
    }

    /** A port from a cell such as "8080" or "8080/TCP"; null (row skipped, warned) when there is none. */
    private Integer port(MarkdownTables.Row row, int column, String what) {
        String raw = cell(row, column);
        Matcher m = PORT.matcher(raw);
        if (!m.matches()) {
            warnings.add(ImportWarning.warn(row.line(), "no " + what + " number in " + Texts.quote(raw)
                    + "; row skipped"));
            return null;
        }
        int value = Integer.parseInt(m.group(1));
        if (value < 1 || value > 65535) {
            warnings.add(ImportWarning.warn(row.line(), what + " " + value + " is out of range 1..65535; row skipped"));
            return null;
        }
        if (!m.group(2).isBlank()) {
            warnings.add(ImportWarning.warn(row.line(), "took " + what + " " + value + " from " + Texts.quote(raw)
                    + "; the rest is ignored"));
        }
        return value;
    }
}
