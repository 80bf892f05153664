package dev.portprobe.probe.grpc;

import io.grpc.InternalMetadata;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse;
import java.util.Locale;
import javax.net.ssl.SSLSession;

/**
 * Everything one health Check call saw.
 *
 * @param status   how the call closed
 * @param headers  the response headers, or null when none came (a Trailers-Only response, or no response)
 * @param trailers the trailers given at close (for a Trailers-Only or non-gRPC HTTP/2 response, the only headers)
 * @param response the health response, when one arrived
 * @param session  the TLS session of the transport, when the call got one
 */
record GrpcAnswer(Status status, Metadata headers, Metadata trailers, HealthCheckResponse response, SSLSession session) {
    static final Metadata.Key<String> CONTENT_TYPE = Metadata.Key.of("content-type", Metadata.ASCII_STRING_MARSHALLER);
    /**
     * A pseudo-header cannot be named through the public {@code Metadata.Key.of}; grpc-java names it the same
     * way when it keeps {@code :status} in the trailers of a non-gRPC response (pinned by GrpcMessagesTest).
     */
    static final Metadata.Key<String> HTTP_STATUS = InternalMetadata.keyOf(":status", Metadata.ASCII_STRING_MARSHALLER);

    /** The response's content-type: from the headers, or from the trailers of a Trailers-Only response. */
    String contentType() {
        String fromHeaders = headers == null ? null : headers.get(CONTENT_TYPE);
        if (fromHeaders != null) {
            return fromHeaders;
        }
        return trailers == null ? null : trailers.get(CONTENT_TYPE);
    }

    /** The server said it speaks gRPC: {@code content-type: application/grpc} (or application/grpc+proto...). */
    boolean grpcContentType() {
        String ct = contentType();
        return ct != null && ct.toLowerCase(Locale.ROOT).startsWith("application/grpc");
    }

    /** The HTTP/2 {@code :status} that grpc-java keeps when it rejects a non-gRPC response, or null. */
    String httpStatus() {
        String fromTrailers = trailers == null ? null : trailers.get(HTTP_STATUS);
        if (fromTrailers != null) {
            return fromTrailers;
        }
        return headers == null ? null : headers.get(HTTP_STATUS);
    }

    /** The client presented its certificate, which it only does when the server sent a CertificateRequest. */
    boolean clientCertificateSent() {
        return session != null && session.getLocalCertificates() != null;
    }

    Throwable cause() {
        return status.getCause();
    }

    /** "UNIMPLEMENTED: Method not found: ..." on one line, for details. */
    String statusText() {
        String d = status.getDescription();
        return d == null ? status.getCode().name() : status.getCode() + ": " + d.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
