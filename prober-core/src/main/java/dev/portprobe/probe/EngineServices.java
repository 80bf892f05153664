package dev.portprobe.probe;

import dev.portprobe.probe.net.TlsContexts;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine lends every check, for the engine's life: the event loops and their channel types, the client TLS
 * settings and contexts, the identifier, and the services that folders declare ({@link EngineService}).
 */
public final class EngineServices {
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final Class<? extends DatagramChannel> datagramType;
    private final ClientTls clientTls;
    private final int concurrency;
    private final Identifier identifier;
    private volatile TlsContexts tlsContexts;
    private final Map<EngineService<?>, Object> services = new ConcurrentHashMap<>();

    EngineServices(EventLoopGroup group, Class<? extends SocketChannel> channelType,
                   Class<? extends DatagramChannel> datagramType, ClientTls clientTls, int concurrency, Identifier identifier) {
        this.group = group;
        this.channelType = channelType;
        this.datagramType = datagramType;
        this.clientTls = clientTls;
        this.concurrency = concurrency;
        this.identifier = identifier;
    }

    public EventLoopGroup group() {
        return group;
    }

    public Class<? extends SocketChannel> channelType() {
        return channelType;
    }

    /** The datagram channel class that fits {@link #group()} (for UDP probes). */
    public Class<? extends DatagramChannel> datagramType() {
        return datagramType;
    }

    public ClientTls clientTls() {
        return clientTls;
    }

    /** How many checks the engine runs at once. */
    public int concurrency() {
        return concurrency;
    }

    public Identifier identifier() {
        return identifier;
    }

    /**
     * The TLS contexts built from {@code --ca/--cert/--key}, created at first use; the files are read later, when a
     * context is first asked for ({@link TlsContexts#requireUsable()} says whether they can be used).
     */
    public TlsContexts tlsContexts() {
        TlsContexts built = tlsContexts;
        if (built == null) {
            synchronized (this) {
                if (tlsContexts == null) {
                    tlsContexts = TlsContexts.loadLater(clientTls.ca(), clientTls.cert(), clientTls.key());
                }
                built = tlsContexts;
            }
        }
        return built;
    }

    /** The TLS contexts if some check or the warm-up built them, else null. */
    public TlsContexts tlsContextsIfBuilt() {
        return tlsContexts;
    }

    /** The engine's instance of {@code service}, built at first use. */
    @SuppressWarnings("unchecked")
    public <T> T get(EngineService<T> service) {
        Object found = services.get(service);
        if (found == null) {
            found = services.computeIfAbsent(service, s -> service.build(this));
        }
        return (T) found;
    }

    /** The engine's instance of {@code service} if one was built, else null. */
    @SuppressWarnings("unchecked")
    public <T> T getIfBuilt(EngineService<T> service) {
        return (T) services.get(service);
    }

    /** Closes every service built that can be closed; best effort, on shutdown. */
    void close() {
        for (Object o : services.values()) {
            closeQuietly(o);
        }
    }

    private static void closeQuietly(Object o) {
        if (o instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort on shutdown
            }
        }
    }
}
