package dev.portprobe.probe.net;

import java.security.cert.CertificateException;

/** Thrown by {@link VerifyingTrustManager}: the server certificate was refused, with the reason already classified. */
public final class CertificateRejectedException extends CertificateException {
    private static final long serialVersionUID = 1L;

    private final transient TlsFailure failure;

    CertificateRejectedException(TlsFailure failure, Throwable cause) {
        super(failure.reason(), cause);
        this.failure = failure;
    }

    public TlsFailure failure() {
        return failure;
    }
}
