package dev.portprobe.report;

import dev.portprobe.outcome.Status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.plan.Check;
import dev.portprobe.profile.Protocol;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private static String markdown(Report report) {
        return Renderers.of(Format.MARKDOWN, RenderOptions.PLAIN).renderToString(report);
    }

    /** The table as GitHub would read it: rows of cell texts. */
    private static List<List<String>> table(String markdown) {
        Node doc = PARSER.parse(markdown);
        List<List<String>> rows = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(CustomNode node) {
                if (node instanceof TableRow) {
                    List<String> cells = new ArrayList<>();
                    for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
                        cells.add(text((TableCell) c));
                    }
                    rows.add(cells);
                }
                visitChildren(node);
            }

            @Override
            public void visit(CustomBlock node) {
                assertThat(node).isInstanceOf(TableBlock.class);
                visitChildren(node);
            }
        });
        return rows;
    }

    private static String text(Node node) {
        StringBuilder b = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                b.append(text.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.HtmlInline html) {
                b.append(html.getLiteral());
            }
        });
        return b.toString();
    }

    @Test
    void writesOneRowPerResultUnderAHeader() {
        List<List<String>> rows = table(markdown(SampleReports.everyStatus()));
        assertThat(rows.get(0)).containsExactly("Service", "Port", "Expected", "Status", "Observed", "Detail / hint");
        assertThat(rows).hasSize(13).allSatisfy(r -> assertThat(r).hasSize(6));
        assertThat(rows.get(1)).containsExactly("gloo", "9977", "grpc", "OK", "grpc",
                "gRPC answered; no grpc.health.v1 service (UNIMPLEMENTED)");
        assertThat(rows.get(12).get(0)).isEqualTo("gateway-proxy (workload)");
        assertThat(rows.get(10).get(3)).isEqualTo("REFUSED (optional)");
    }

    @Test
    void keepsAPipeInADetailInsideItsCell() {
        List<List<String>> rows = table(markdown(SampleReports.everyStatus()));
        assertThat(rows.get(3).get(5)).isEqualTo("gRPC call: First received frame was not SETTINGS (485454502f: HTTP/)"
                + "<br>hint: an HTTP/1.x server answers on 9988; check the container's port 9988 | kubectl -n "
                + "gloo-system get pod");
    }

    @Test
    void keepsMarkdownPunctuationLiteral() {
        Check check = SampleReports.service("svc", "svc", 80, 80, Protocol.HTTP, "u", true);
        String detail = "a *star* _under_ `tick` [link](x) <b>html</b> ~~strike~~ & \\ | end";
        Report report = new Report("p", "direct", "ns", SampleReports.STARTED, 1,
                List.of(SampleReports.failed(check, Status.WRONG_PROTOCOL, "redis", detail, null)), List.of());
        List<List<String>> rows = table(markdown(report));
        assertThat(rows.get(1).get(5)).isEqualTo(detail);
        assertThat(rows.get(1).get(3)).isEqualTo("WRONG_PROTOCOL");
    }

    @Test
    void startsWithTheSummaryLineAndShowsDrift() {
        String md = markdown(SampleReports.everyStatus());
        assertThat(md.lines().findFirst().orElseThrow()).isEqualTo("**portprobe** `gloo-mesh-enterprise`, namespace "
                + "`gloo-system`, mode port-forward: 12 checks: 2 OK, 7 failed, 1 warning (optional port), 2 skipped in 812 ms");
        assertThat(table(md).get(4).get(5)).contains("<br>drift: targetPort 8083 -> 8084 (live)");
    }

    @Test
    void namesEveryNamespaceInTheHeaderAndEachRowsNamespaceInItsServiceCell() {
        String md = markdown(SampleReports.twoNamespaces());
        assertThat(md.lines().findFirst().orElseThrow()).startsWith("**portprobe** `web`, namespaces `team-a`, "
                + "`team-b`, mode port-forward: 4 checks:");
        List<List<String>> rows = table(md);
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList())
                .containsExactly("team-a/web", "team-a/cache", "team-b/web", "team-b/cache");
    }
}
