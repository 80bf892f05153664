package dev.portprobe.resolve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Name lookups for in-cluster mode; tests map the cluster domain to loopback addresses. */
@FunctionalInterface
public interface NameResolver {
    /** The system resolver (the pod's resolv.conf, so the cluster DNS). */
    NameResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Every address of {@code host}; throws when the name does not exist. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
