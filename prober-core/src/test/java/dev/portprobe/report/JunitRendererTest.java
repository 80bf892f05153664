package dev.portprobe.report;

import dev.portprobe.outcome.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.plan.Check;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

class JunitRendererTest {

    private static String xml(Report report) {
        return Renderers.of(Format.JUNIT, RenderOptions.PLAIN).renderToString(report);
    }

    private static void validate(String xml) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = factory.newSchema(JunitRendererTest.class.getResource("/junit/junit-10.xsd"));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    private static Document dom(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> elements(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    @Test
    void validatesAgainstTheJenkinsJunitSchema() throws Exception {
        validate(xml(SampleReports.everyStatus()));
        validate(xml(SampleReports.allOk()));
    }

    @Test
    void carriesEachResultsPhasesAsASuitePropertyNamedAfterItsTestCase() throws Exception {
        Document doc = dom(xml(SampleReports.everyStatus()));
        Element suite = elements(doc, "testsuite").get(0);
        List<String> phases = new java.util.ArrayList<>();
        org.w3c.dom.NodeList props = suite.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            if (p.getAttribute("name").startsWith("phases ")) {
                phases.add(p.getAttribute("name") + " = " + p.getAttribute("value"));
            }
        }
        assertThat(phases).containsExactly("phases gloo:9977 (xDS Server) = connect 0.30 ms, firstByte 1.90 ms",
                "phases gloo:443 (Validation webhook) = dns 0.40 ms, connect 0.20 ms, tls 8.10 ms, firstByte 1.50 ms");
    }

    @Test
    void theSchemaRejectsWhatCiSystemsWouldReject() {
        String xml = xml(SampleReports.allOk());
        assertThatThrownBy(() -> validate(xml.replace(" name=\"gloo:9977 (xDS Server)\"", "")))
                .isInstanceOf(SAXException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> validate(xml.replace("<testsuites ", "<testsuites bogus=\"1\" ")))
                .isInstanceOf(SAXException.class).hasMessageContaining("bogus");
        assertThatThrownBy(() -> validate(xml.replaceFirst("time=\"0\\.\\d+\"", "time=\"1 s\"")))
                .isInstanceOf(SAXException.class);
    }

    @Test
    void hasExactlyAsManyFailuresAndErrorsAsResultsThatFailTheRun() throws Exception {
        Report report = SampleReports.everyStatus();
        Document doc = dom(xml(report));
        long failing = report.results().stream().filter(CheckResult::failsRun).count();
        assertThat(elements(doc, "failure").size() + elements(doc, "error").size()).isEqualTo(failing).isEqualTo(7);
        assertThat(elements(doc, "error")).singleElement()
                .satisfies(e -> assertThat(e.getAttribute("type")).isEqualTo("ERROR"));
        assertThat(elements(doc, "failure")).extracting(e -> e.getAttribute("type")).containsExactly(
                "WRONG_PROTOCOL", "REFUSED", "UNHEALTHY", "TLS_ERROR", "TIMEOUT", "UNRESOLVED");
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("failures")).isEqualTo("6");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(root.getAttribute("tests")).isEqualTo("12");
    }

    @Test
    void writesOneSuitePerServiceOrWorkloadWithCorrectCounts() throws Exception {
        Document doc = dom(xml(SampleReports.everyStatus()));
        List<Element> suites = elements(doc, "testsuite");
        assertThat(suites).extracting(e -> e.getAttribute("name")).containsExactly("gloo", "extauth", "rate-limit",
                "gateway-proxy", "redis", "access-log", "observability", "glooe-grafana", "glooe-prometheus-server",
                "gateway-proxy (workload)");
        Element gloo = suites.get(0);
        assertThat(gloo.getAttribute("tests")).isEqualTo("3");
        assertThat(gloo.getAttribute("failures")).isEqualTo("1");
        assertThat(gloo.getAttribute("errors")).isEqualTo("0");
        assertThat(gloo.getAttribute("skipped")).isEqualTo("0");
        assertThat(gloo.getAttribute("time")).isEqualTo("0.018");
        assertThat(gloo.getAttribute("timestamp")).isEqualTo("2026-11-26T15:00:00");
        assertThat(gloo.getAttribute("id")).isEqualTo("0");
        int sumTests = 0;
        for (Element suite : suites) {
            int cases = suite.getElementsByTagName("testcase").getLength();
            assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(cases));
            assertThat(suite.getAttribute("skipped"))
                    .isEqualTo(String.valueOf(suite.getElementsByTagName("skipped").getLength()));
            assertThat(suite.getAttribute("failures"))
                    .isEqualTo(String.valueOf(suite.getElementsByTagName("failure").getLength()));
            assertThat(suite.getAttribute("time")).matches("\\d+\\.\\d{3}");
            sumTests += cases;
        }
        assertThat(sumTests).isEqualTo(12);
        assertThat(doc.getDocumentElement().getAttribute("time")).isEqualTo("0.812");
    }

    @Test
    void namesEachCaseAfterServicePortAndUsage() throws Exception {
        Element first = elements(dom(xml(SampleReports.everyStatus())), "testcase").get(0);
        assertThat(first.getAttribute("name")).isEqualTo("gloo:9977 (xDS Server)");
        assertThat(first.getAttribute("classname")).isEqualTo("portprobe.gloo-mesh-enterprise.gloo");
        assertThat(first.getAttribute("time")).isEqualTo("0.003");
        assertThat(first.getChildNodes().getLength()).isZero();
    }

    @Test
    void carriesStatusObservedDetailAndHintInTheFailure() throws Exception {
        Element failure = elements(dom(xml(SampleReports.everyStatus())), "failure").get(0);
        assertThat(failure.getAttribute("message"))
                .isEqualTo("WRONG_PROTOCOL: expected grpc, observed http: gRPC call: First received frame was not "
                        + "SETTINGS (485454502f: HTTP/)");
        assertThat(failure.getTextContent()).contains("status: WRONG_PROTOCOL\n", "observed: http\n",
                "detail: gRPC call: First received frame", "hint: an HTTP/1.x server answers on 9988");
        Element refused = elements(dom(xml(SampleReports.everyStatus())), "failure").get(1);
        assertThat(refused.getTextContent()).contains("drift: targetPort 8083 -> 8084 (live)",
                "pod: extauth-5d9f-abcde");
    }

    @Test
    void marksSkippedAndOptionalFailuresAsSkipped() throws Exception {
        List<Element> skipped = elements(dom(xml(SampleReports.everyStatus())), "skipped");
        assertThat(skipped).extracting(e -> e.getAttribute("type")).containsExactly("REFUSED", "SKIPPED", "SKIPPED");
        assertThat(skipped.get(0).getAttribute("message"))
                .startsWith("optional check, does not fail the run: REFUSED");
        assertThat(skipped.get(1).getAttribute("message")).isEqualTo("SKIPPED: optional Service not installed");
    }

    @Test
    void escapesMarkupAndControlCharacters() throws Exception {
        String xml = xml(SampleReports.everyStatus());
        validate(xml);
        Element tls = elements(dom(xml), "failure").get(3);
        assertThat(((Element) tls.getParentNode()).getAttribute("name"))
                .isEqualTo("gateway-proxy:443 (HTTPS <listener> & \"more\")");
        assertThat(tls.getAttribute("message")).contains("certificate expired \\x07 bell");
    }

    @Test
    void namesCasesAfterTheirPodWhenACheckHasSeveralEndpoints() throws Exception {
        Check check = SampleReports.service("gloo", "gloo", 9977, 9977, dev.portprobe.profile.Protocol.GRPC, "xDS",
                true);
        CheckResult a = new CheckResult(check, Status.OK, "grpc", "10.0.0.1:9977", "gloo-a", 1.0, "ok", null,
                List.of(), null);
        CheckResult b = new CheckResult(check, Status.REFUSED, null, "10.0.0.2:9977", "gloo-b", 1.0, "refused",
                "restart it", List.of(), null);
        Report report = new Report("p", "in-cluster", "ns", SampleReports.STARTED, 5, List.of(a, b), List.of());
        String xml = xml(report);
        validate(xml);
        assertThat(elements(dom(xml), "testcase")).extracting(e -> e.getAttribute("name"))
                .containsExactly("gloo:9977 (xDS) @ gloo-a", "gloo:9977 (xDS) @ gloo-b");
    }
}
