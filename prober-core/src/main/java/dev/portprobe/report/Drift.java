package dev.portprobe.report;

/** One field where the live cluster differs from the table. */
public record Drift(String field, Object table, Object live) {
}
