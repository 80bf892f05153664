package dev.portprobe.reftable;

import dev.portprobe.profile.Names;
import dev.portprobe.profile.Reach;
import dev.portprobe.profile.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the rows of a port table that is not laid out as Gloo's pods table: a protocol column, reach flags, port
 * lists and ranges, port names, a default status, group rows that name the component of the rows below them, and
 * rows portprobe cannot probe (kept as comments). Each row becomes one workload port per port it lists.
 */
final class PortTableReader {
    private static final Pattern YES = Pattern.compile("(?i)(yes|y|true|x|\\u2713|\\u2714|\\u2705)\\b.*|[\\u2713\\u2714\\u2705].*");
    private static final Pattern NO = Pattern.compile("(?i)(no|n|false|-|\\u2717|\\u2718|\\u274c)\\b.*|[\\u2717\\u2718\\u274c-].*");
    private static final Pattern LOCAL_USAGE = Pattern.compile(
            "(?i)\\b(pod-internal|pod internal|localhost only|local host only|bound to (127\\.0\\.0\\.1|localhost)|loopback only)\\b");
    private static final Pattern DISABLED = Pattern.compile("(?i)\\b(disabled|off|not enabled|optional)\\b");

    private final RowReader rows;
    private final List<ImportWarning> warnings;
    private final List<ImportResult.NotProbed> notProbed;

    PortTableReader(RowReader rows, List<ImportWarning> warnings, List<ImportResult.NotProbed> notProbed) {
        this.rows = rows;
        this.warnings = warnings;
        this.notProbed = notProbed;
    }

    /** The rows of {@code table}; {@code component} names them when the table has no component column. */
    List<RowReader.PodRow> read(MarkdownTables.Table table, TableLayout layout, String component) {
        List<RowReader.PodRow> out = new ArrayList<>();
        java.util.Map<String, String> names = new java.util.HashMap<>();
        String group = null;
        for (MarkdownTables.Row row : table.rows()) {
            if (rows.skipEmpty(row)) {
                continue;
            }
            if (row.cells().equals(table.header())) {
                warnings.add(ImportWarning.info(row.line(), "row repeats the header; skipped"));
                continue;
            }
            String only = groupLabel(row, layout);
            if (only != null) {
                group = Names.sanitize(only);
                warnings.add(ImportWarning.warn(row.line(), "row " + Texts.quote(only) + " has one cell and no port;"
                        + " read as a group row: the rows below belong to component " + group));
                continue;
            }
            rows.warnExtraCells(row, layout);
            if (row.present() < layout.width()) {
                warnings.add(ImportWarning.warn(row.line(), "row has " + row.present() + " cells, the header has "
                        + layout.width() + "; the missing cells are read as empty"));
            }
            String name = layout.name() >= 0 ? componentCell(row, layout, names)
                    : group != null ? group : component;
            if (name != null) {
                readRow(row, layout, name, out);
            }
        }
        return out;
    }

    /** The component cell as a Kubernetes name; a repair is warned once per table, at its first row. */
    private String componentCell(MarkdownTables.Row row, TableLayout layout, java.util.Map<String, String> names) {
        String raw = RowReader.cell(row, layout.name());
        if (!names.containsKey(raw)) {
            names.put(raw, rows.name(row, layout.name(), "component"));
        }
        return names.get(raw);
    }

    private String groupLabel(MarkdownTables.Row row, TableLayout layout) {
        if (layout.name() >= 0) {
            return null;
        }
        List<String> filled = row.cells().stream().filter(c -> !c.isBlank()).toList();
        if (filled.size() != 1 || !RowReader.cell(row, 0).equals(filled.get(0))
                || !(PortCells.read(filled.get(0)) instanceof PortCells.None)) {
            return null;
        }
        return Names.sanitize(filled.get(0)).isEmpty() ? null : filled.get(0);
    }

    private void readRow(MarkdownTables.Row row, TableLayout layout, String name, List<RowReader.PodRow> out) {
        String usage = RowReader.cell(row, layout.usage());
        String portName = RowReader.cell(row, layout.portName());
        if (!portName.isEmpty()) {
            usage = usage.isEmpty() ? portName : portName + ": " + usage;
        }
        String portCell = RowReader.cell(row, layout.port());
        PortCells.Cell cell = PortCells.read(portCell);
        String protocol = layout.protocol() >= 0 ? RowReader.cell(row, layout.protocol()) : null;
        if (protocol == null && cell instanceof PortCells.Single s && s.transport() != null
                && !s.transport().equals("tcp")) {
            protocol = s.transport().toUpperCase(java.util.Locale.ROOT);
        }
        if (protocol != null && ProtocolWords.isProduct(protocol)) {
            usage = usage.isEmpty() ? protocol : protocol + ": " + usage;
        }
        Optional<String> why = ProtocolWords.notProbed(protocol, usage);
        if (why.isPresent()) {
            notProbed.add(new ImportResult.NotProbed(row.line(), name, portCell, protocol, usage, why.get()));
            warnings.add(ImportWarning.warn(row.line(), name + " " + Texts.quote(portCell) + " kept as a comment, not"
                    + " probed: " + why.get()));
            return;
        }
        List<Integer> ports = ports(row, cell, portCell);
        if (ports.isEmpty()) {
            return;
        }
        RowReader.Hints hints = hints(row, layout, protocol, usage);
        boolean optional = disabled(row, layout, name, portCell);
        for (int port : ports) {
            boolean unused = rows.unused(row.line(), name + " " + port, usage);
            out.add(new RowReader.PodRow(row.line(), name, port, usage, optional || unused, hints));
        }
    }

    private List<Integer> ports(MarkdownTables.Row row, PortCells.Cell cell, String raw) {
        int line = row.line();
        List<Integer> ports = new ArrayList<>();
        if (cell instanceof PortCells.Range) {
            warnings.add(ImportWarning.warn(line, "port range " + Texts.quote(raw) + " skipped: a range is a pool"
                    + " that ports are allocated from, not a port that listens (list the ports to probe one by one)"));
        } else if (cell instanceof PortCells.Many m && m.ports().size() > PortCells.MAX_LIST) {
            warnings.add(ImportWarning.warn(line, "port list " + Texts.quote(raw) + " has " + m.ports().size()
                    + " ports, more than " + PortCells.MAX_LIST + "; row skipped"));
        } else if (cell instanceof PortCells.Many m) {
            warnings.add(ImportWarning.info(line, "port list " + Texts.quote(raw) + " expanded to ports " + m.ports()));
            ports.addAll(m.ports());
        } else if (cell instanceof PortCells.Single s) {
            ports.add(s.port());
            if (s.embedded()) {
                warnings.add(ImportWarning.warn(line, "took port " + s.port() + " from " + Texts.quote(raw)));
            } else if (!s.rest().isBlank() && s.transport() == null) {
                warnings.add(ImportWarning.warn(line, "took port " + s.port() + " from " + Texts.quote(raw)
                        + "; the rest is ignored"));
            }
        } else {
            warnings.add(ImportWarning.warn(line, "no port number in " + Texts.quote(raw) + "; row skipped"));
        }
        List<Integer> valid = new ArrayList<>();
        for (int p : ports) {
            if (p < 1 || p > 65535) {
                warnings.add(ImportWarning.warn(line, "port " + p + " is out of range 1..65535; skipped"));
            } else if (!valid.contains(p)) {
                valid.add(p);
            }
        }
        return valid;
    }

    private RowReader.Hints hints(MarkdownTables.Row row, TableLayout layout, String protocol, String usage) {
        if (layout.reach() >= 0) {
            String flag = RowReader.cell(row, layout.reach());
            boolean local = layout.reachYesIsLocal() ? YES.matcher(flag).matches() : NO.matcher(flag).matches();
            if (local) {
                return new RowReader.Hints(protocol, Reach.POD_LOCAL, "column "
                        + Texts.quote(layout.column(layout.reach())) + " says " + Texts.quote(flag));
            }
        }
        var m = LOCAL_USAGE.matcher(usage);
        if (m.find()) {
            return new RowReader.Hints(protocol, Reach.POD_LOCAL, "the usage says " + Texts.quote(m.group()));
        }
        return new RowReader.Hints(protocol, null, null);
    }

    private boolean disabled(MarkdownTables.Row row, TableLayout layout, String name, String port) {
        String status = RowReader.cell(row, layout.status());
        if (!status.isEmpty() && DISABLED.matcher(status).find()) {
            warnings.add(ImportWarning.warn(row.line(), name + " " + Texts.quote(port) + " is "
                    + Texts.quote(status) + " by default; made optional (probed and reported, but a failure does not"
                    + " fail the run)"));
            return true;
        }
        return false;
    }
}
