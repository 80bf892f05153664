package dev.portprobe.profile;

/** Options of a gRPC check: the service name sent in the grpc.health.v1 Check request ("" asks about the server). */
public record GrpcOptions(String service) {
    public static final GrpcOptions DEFAULT = new GrpcOptions("");

    public GrpcOptions {
        service = service == null ? "" : service;
    }
}
