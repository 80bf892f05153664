package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;

/**
 * A protocol folder's own identification step, run beside the built-in ones (banner, TLS, HTTP/2, HTTP/1.1, RESP) on
 * a connection of its own: the request to send, and the test that the reply is the folder's protocol. Only a
 * recognised reply counts; any other reply is left to the built-in steps.
 */
public interface IdentifyExtra {

    /** How details name the step: "DNS query". */
    String label();

    /** What a recognised reply shows. */
    Observed observed();

    /** A fresh request (a query with its own id, say). */
    byte[] request(ProbeRequest request);

    /** True when {@code bytes} are a whole reply, or clearly not one: reading stops. */
    boolean complete(byte[] bytes);

    /** The detail when {@code reply} answers {@code sent} in the folder's protocol, else null. */
    String recognise(byte[] sent, byte[] reply);
}
