package dev.portprobe.plan;

public enum CheckKind {
    /** A Service port, reached through the Service (or its endpoints). */
    SERVICE,
    /** A workload port that no Service port targets, reached through the pods. */
    WORKLOAD;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
