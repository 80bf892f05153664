package dev.portprobe.report;

/**
 * How a renderer writes.
 *
 * @param color   use ANSI colour (the CLI decides: a TTY, no {@code NO_COLOR}, no {@code --no-color}); only the table uses it
 * @param verbose show full details, endpoints, pods and TLS facts instead of a compact view
 */
public record RenderOptions(boolean color, boolean verbose) {
    public static final RenderOptions PLAIN = new RenderOptions(false, false);
}
