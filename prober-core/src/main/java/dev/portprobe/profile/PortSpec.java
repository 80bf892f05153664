package dev.portprobe.profile;

/**
 * One row of a reference table: a port and the protocol it is promised to speak.
 *
 * @param port       the Service port, or the container port of a workload row
 * @param targetPort the container port a Service port sends to (null for workload rows, or when equal to port)
 * @param name       optional port name, used to match a live ServicePort by name
 * @param protocol   the expected protocol
 * @param usage      the table's "Usage" text
 * @param reach      where the port can be reached from
 * @param optional   a failure of this port does not fail the run (ports the table marks unused)
 * @param line       source line in the profile file (0 when unknown)
 * @param dns        the options of a dns or dns-udp port
 */
public record PortSpec(
        int port,
        Integer targetPort,
        String name,
        Protocol protocol,
        String usage,
        HttpOptions http,
        GrpcOptions grpc,
        TlsOptions tls,
        Reach reach,
        boolean optional,
        int line,
        DnsOptions dns) {

    public PortSpec {
        http = http == null ? HttpOptions.DEFAULT : http;
        grpc = grpc == null ? GrpcOptions.DEFAULT : grpc;
        tls = tls == null ? TlsOptions.DEFAULT : tls;
        reach = reach == null ? Reach.NETWORK : reach;
        usage = usage == null ? "" : usage;
        dns = dns == null ? DnsOptions.DEFAULT : dns;
    }

    /** A row without DNS options. */
    public PortSpec(int port, Integer targetPort, String name, Protocol protocol, String usage, HttpOptions http,
                    GrpcOptions grpc, TlsOptions tls, Reach reach, boolean optional, int line) {
        this(port, targetPort, name, protocol, usage, http, grpc, tls, reach, optional, line, null);
    }

    /** A plain port with default options, handy for tests and ad-hoc checks. */
    public static PortSpec of(int port, Protocol protocol) {
        return new PortSpec(port, null, null, protocol, "", null, null, null, null, false, 0);
    }

    /** The container port this row ends at. */
    public int effectiveTargetPort() {
        return targetPort == null ? port : targetPort;
    }

    public PortSpec withProtocol(Protocol p) {
        return new PortSpec(port, targetPort, name, p, usage, http, grpc, tls, reach, optional, line, dns);
    }

    public PortSpec withDns(DnsOptions d) {
        return new PortSpec(port, targetPort, name, protocol, usage, http, grpc, tls, reach, optional, line, d);
    }
}
