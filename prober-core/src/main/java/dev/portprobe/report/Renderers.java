package dev.portprobe.report;

/** The renderer for each {@link Format}. */
public final class Renderers {
    private Renderers() {
    }

    public static ReportRenderer of(Format format, RenderOptions options) {
        RenderOptions o = options == null ? RenderOptions.PLAIN : options;
        return switch (format) {
            case TABLE -> new TableRenderer(o);
            case JSON -> new JsonReportWriter();
            case JUNIT -> new JunitRenderer();
            case MARKDOWN -> new MarkdownRenderer(o);
            case OPENMETRICS -> new OpenMetricsRenderer();
        };
    }
}
