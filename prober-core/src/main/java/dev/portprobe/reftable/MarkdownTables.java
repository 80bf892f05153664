package dev.portprobe.reftable;

import dev.portprobe.profile.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Finds the GFM tables of a Markdown text with commonmark-java, in document order, each with the section it is in
 * and the source line of every row. Also notes Hugo shortcodes ({@code {{% notice %}}}), which commonmark reads as
 * ordinary text.
 */
final class MarkdownTables {
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    /** Whitespace, including the no-break space that {@code &nbsp;} becomes. */
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern SHORTCODE = Pattern.compile("\\{\\{[%<]\\s*(/?)\\s*([^%>}]*?)\\s*[%>]\\}\\}");

    /**
     * A row as written.
     *
     * @param cells   the text of every cell, padded with "" to the header's width (as GFM does)
     * @param present how many cells the row really had (at most the header's width)
     * @param extra   true when the row had more cells than the header (GFM drops them)
     */
    record Row(int line, List<String> cells, int present, boolean extra) {
    }

    /**
     * A table; section is the text of the nearest heading of level 1 or 2 before it ("" when none), heading the
     * nearest heading of any level, and lead the paragraph just before the table, after that heading ("" when none).
     */
    record Table(int line, String section, String heading, String lead, List<String> header, List<Row> rows) {
        Table(int line, String section, String heading, List<String> header, List<Row> rows) {
            this(line, section, heading, "", header, rows);
        }
    }

    record Parsed(List<Table> tables, List<ImportWarning> notes, String firstHeading) {
    }

    private final String[] lines;
    private final List<Table> tables = new ArrayList<>();
    private final List<ImportWarning> notes = new ArrayList<>();
    private String section = "";
    private String heading = "";
    private String lead = "";
    private String firstHeading;

    private MarkdownTables(String body) {
        this.lines = body.split("\r\n|\r|\n", -1);
    }

    static Parsed read(String body) {
        MarkdownTables reader = new MarkdownTables(body);
        reader.walk(PARSER.parse(body));
        return new Parsed(reader.tables, reader.notes, reader.firstHeading);
    }

    private void walk(Node document) {
        preorder(document, node -> {
            if (node instanceof Heading h) {
                heading = text(h);
                lead = "";
                if (h.getLevel() <= 2) {
                    section = heading;
                }
                if (firstHeading == null && !heading.isBlank()) {
                    firstHeading = heading;
                }
                return false;
            }
            if (node instanceof TableBlock t) {
                table(t);
                return false;
            }
            if (node instanceof Paragraph p) {
                lead = text(p);
            }
            if (node instanceof Text t) {
                shortcodes(t);
            }
            return true;
        });
    }

    /**
     * Visits the descendants of {@code root} in document order without recursion (Markdown can nest deeply); the
     * visitor returns whether to visit the node's children.
     */
    static void preorder(Node root, java.util.function.Predicate<Node> visitor) {
        Node n = root.getFirstChild();
        while (n != null) {
            Node next = visitor.test(n) ? n.getFirstChild() : null;
            if (next == null) {
                Node up = n;
                while (up != root && up.getNext() == null) {
                    up = up.getParent();
                }
                next = up == root ? null : up.getNext();
            }
            n = next;
        }
    }

    private void table(TableBlock block) {
        List<String> header = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (Node part = block.getFirstChild(); part != null; part = part.getNext()) {
            if (part instanceof TableHead) {
                for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                    if (row instanceof TableRow r) {
                        header.addAll(row(r).cells());
                    }
                }
            } else if (part instanceof TableBody) {
                for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                    if (row instanceof TableRow r) {
                        rows.add(row(r));
                    }
                }
            }
        }
        tables.add(new Table(line(block), section, heading, lead, header, rows));
        lead = "";
    }

    private Row row(TableRow row) {
        List<String> cells = new ArrayList<>();
        int present = 0;
        int end = -1;
        for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof TableCell cell) {
                cells.add(text(cell));
                if (!cell.getSourceSpans().isEmpty()) {
                    present++;
                    SourceSpan s = cell.getSourceSpans().get(cell.getSourceSpans().size() - 1);
                    end = s.getColumnIndex() + s.getLength();
                }
            }
        }
        return new Row(line(row), cells, present, hasExtraCells(row, end));
    }

    /** GFM drops cells beyond the header's width; the row's source line shows whether there were any. */
    private boolean hasExtraCells(TableRow row, int lastCellEnd) {
        if (row.getSourceSpans().isEmpty() || lastCellEnd < 0) {
            return false;
        }
        int index = row.getSourceSpans().get(0).getLineIndex();
        if (index < 0 || index >= lines.length || lastCellEnd > lines[index].length()) {
            return false;
        }
        String rest = lines[index].substring(lastCellEnd).strip();
        return rest.length() > 1 || rest.length() == 1 && rest.charAt(0) != '|';
    }

    private void shortcodes(Text t) {
        if (!t.getLiteral().contains("{{")) {
            return;
        }
        Matcher m = SHORTCODE.matcher(t.getLiteral());
        while (m.find()) {
            if (m.group(1).isEmpty()) {
                notes.add(ImportWarning.info(line(t), "Hugo shortcode " + Texts.quote(m.group()) + " ignored; the text"
                        + " inside it is read as ordinary Markdown (no port table was expected there)"));
            }
        }
    }

    /** The visible text of a node: text and code spans, line breaks as spaces, whitespace collapsed. */
    static String text(Node node) {
        StringBuilder out = new StringBuilder();
        collect(node, out);
        return WHITESPACE.matcher(out).replaceAll(" ").strip();
    }

    private static void collect(Node node, StringBuilder out) {
        preorder(node, c -> {
            if (c instanceof Text t) {
                out.append(t.getLiteral());
            } else if (c instanceof Code code) {
                out.append(code.getLiteral());
            } else if (c instanceof SoftLineBreak || c instanceof HardLineBreak || c instanceof HtmlInline) {
                out.append(' ');
            }
            return true;
        });
    }

    /** 1-based line where the node starts (1 when commonmark gave no span). */
    static int line(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        return spans.isEmpty() ? 1 : spans.get(0).getLineIndex() + 1;
    }
}
