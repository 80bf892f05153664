package dev.portprobe.report;

import java.io.IOException;
import java.io.Writer;

/** Writes a report in one format. Renderers never close the writer; they flush it. */
public interface ReportRenderer {
    void render(Report report, Writer out) throws IOException;

    /** The whole rendering as a string, for tests and for writing a file whole. */
    default String renderToString(Report report) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            render(report, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }
}
