package dev.portprobe.simulate;

/**
 * A check that the install acts out wrongly on purpose.
 *
 * @param checkId the check's id, "name:port"
 * @param kind    what the port does instead
 */
public record Fault(String checkId, Kind kind) {

    public enum Kind {
        /** Another protocol answers: HTTP/1.1, or RESP on an HTTP port. */
        WRONG_PROTOCOL,
        /** Nothing listens: connections are refused. */
        CLOSED,
        /** The port accepts connections and never answers. */
        SILENT
    }
}
