package dev.portprobe.resolve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Name lookups for in-cluster mode; tests map the cluster domain to loopback addresses. */
@FunctionalInterface
public interface NameResolver {
    /** The system resolver (the pod's resolv.conf, so the cluster DNS). */
    NameResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Every address of {@code host}; throws when the name does not exist. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /**
     * Where a connection to a Service's {@code address:port} is sent. In a cluster that is the address itself, and
     * kube-proxy's NAT does the rest; a test that stands in for the cluster network maps it to a loopback server.
     */
    default InetSocketAddress serviceSocket(InetAddress address, int port) {
        return new InetSocketAddress(address, port);
    }
}
