package dev.portprobe.simulate;

/**
 * How a simulated install behaves.
 *
 * @param faults turn three checks into faults: a wrong-protocol port, a closed port and a silent port
 * @param mtls   hand the probes the install's client certificate ({@link SimulatedInstall#clientTls()}), so that
 *               mtls and grpc-mtls checks complete the handshake and run the inner check; the servers of those
 *               checks demand a client certificate either way
 */
public record SimulationOptions(boolean faults, boolean mtls) {
    public static final SimulationOptions DEFAULT = new SimulationOptions(false, false);
}
