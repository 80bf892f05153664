package dev.portprobe.reftable;

import dev.portprobe.profile.Texts;
import java.util.List;

/**
 * Reads one port table into the assembler: Gloo's pods and Services tables row by row as they always were, any
 * other port table through {@link PortTableReader}, with the component its headings name.
 */
final class TableReading {
    private TableReading() {
    }

    /**
     * @param option   {@code --component}, or null
     * @param fallback the component of a table without a component column when neither {@code --component} nor
     *                 the headings name one (the profile name)
     */
    static void read(MarkdownTables.Table table, TableLayout layout, ProfileAssembler assembler,
            List<ImportWarning> warnings, List<ImportResult.NotProbed> notProbed, String option, String fallback) {
        warnings.add(ImportWarning.info(table.line(), layout.describe() + " in section " + Texts.quote(table.section())
                + " with " + table.rows().size() + " rows"));
        if (layout.kind() == TableLayout.Kind.SERVICES && layout.target() < 0) {
            warnings.add(ImportWarning.warn(table.line(), "the Services table has no Target column; every Service is"
                    + " assumed to target the pod of the same name"));
        }
        if (layout.kind() == TableLayout.Kind.SERVICES && layout.targetPort() < 0) {
            warnings.add(ImportWarning.warn(table.line(), "the Services table has no Target Port column; every"
                    + " target port is assumed to equal the port"));
        }
        RowReader rows = new RowReader(warnings, assembler::hasPod, notProbed);
        if (layout.kind() == TableLayout.Kind.SERVICES) {
            assembler.addServices(rows.services(table, layout), table.section());
        } else if (layout.classic() && !listsPorts(table, layout)) {
            assembler.addPods(rows.pods(table, layout), table.section());
        } else {
            String component = layout.name() >= 0 ? null
                    : option != null ? option : component(table, fallback, warnings);
            if (layout.name() < 0 && option != null) {
                warnings.add(ImportWarning.info(table.line(), "the table has no component column; its rows belong to "
                        + option + " (--component)"));
            }
            assembler.addPods(new PortTableReader(rows, warnings, notProbed).read(table, layout, component),
                    table.section());
        }
    }

    /** True when a row lists several ports or a range: only the port table reader expands or skips those. */
    private static boolean listsPorts(MarkdownTables.Table table, TableLayout layout) {
        return table.rows().stream().map(r -> PortCells.read(RowReader.cell(r, layout.port())))
                .anyMatch(c -> c instanceof PortCells.Many || c instanceof PortCells.Range);
    }

    private static String component(MarkdownTables.Table table, String fallback, List<ImportWarning> warnings) {
        ComponentNames.Found found = ComponentNames.fromContext(table);
        if (found == null) {
            warnings.add(ImportWarning.warn(table.line(), "the table has no component column and the text above it"
                    + " names none; its rows belong to " + fallback + " (use --component NAME or --columns"
                    + " component=HEADER)"));
            return fallback;
        }
        warnings.add(ImportWarning.warn(table.line(), "the table has no component column; its rows belong to "
                + found.name() + ", named by " + found.from() + " (use --component NAME to choose)"));
        return found.name();
    }
}
