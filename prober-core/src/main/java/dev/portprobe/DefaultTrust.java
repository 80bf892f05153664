package dev.portprobe;

import java.util.List;

/**
 * Keeps the JDK's default trust store out of where portprobe does not use it.
 *
 * <p>Netty learns the JDK's default TLS protocols and cipher suites once per process, in the static initialiser of its
 * {@code JdkSslContext} (and whether the JDK does ALPN, in {@code JdkAlpnSslUtils}'s and in grpc-java's
 * {@code JettyTlsUtil}), from {@code SSLContext.init(null, null, null)}; that call also reads and parses the JDK's
 * default CA store ({@code cacerts}, about 140 certificates). No TLS context of portprobe's trusts that store: a probe
 * trusts every certificate, or only the {@code --ca} bundle. {@link #prepareNetty} runs that initialiser with
 * {@code javax.net.ssl.trustStore=NONE} (an empty store) and then puts the property back as it was; a run with TLS
 * checks saves about 50 ms of CPU and 130 JIT compilations (bench/cluster-path).
 *
 * <p>The property belongs to the whole process, so whatever else reads the default trust store (building a
 * Kubernetes client, whose API server may be trusted through it) does so through {@link #reading}, which waits while
 * {@link #prepareNetty} has the property changed; readers do not wait for each other.
 */
public final class DefaultTrust {
    private static final java.util.concurrent.locks.ReentrantReadWriteLock LOCK =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private static final String STORE = "javax.net.ssl.trustStore";
    /** The classes whose static initialisers call {@code SSLContext.init(null, null, null)} to learn the JDK's TLS. */
    private static final List<String> PROBING_CLASSES = List.of(
            "io.netty.handler.ssl.JdkSslContext", // default protocols and cipher suites
            "io.netty.handler.ssl.JdkAlpnSslUtils", // whether the JDK does ALPN
            "io.grpc.netty.JettyTlsUtil$Java9AlpnUnavailabilityCauseHolder"); // the same, for grpc-java
    private static volatile boolean nettyPrepared;

    private DefaultTrust() {
    }

    /** Initialises Netty's JDK TLS defaults without the default trust store; once per process, before any context. */
    public static void prepareNetty() {
        if (nettyPrepared) {
            return;
        }
        LOCK.writeLock().lock();
        try {
            if (nettyPrepared) {
                return;
            }
            nettyPrepared = true;
            if (System.getProperty(STORE + "Type") != null || System.getProperty(STORE + "Provider") != null) {
                return; // a store of another kind: Netty reads it as the JDK would, as it always did
            }
            String saved = System.getProperty(STORE);
            System.setProperty(STORE, "NONE");
            try {
                for (String probing : PROBING_CLASSES) {
                    initialise(probing);
                }
            } finally {
                if (saved == null) {
                    System.clearProperty(STORE);
                } else {
                    System.setProperty(STORE, saved);
                }
            }
        } finally {
            LOCK.writeLock().unlock();
        }
    }

    /** Runs {@code reader}, which may read the JDK's default trust store, while the store's property is as set. */
    public static <T> T reading(java.util.function.Supplier<T> reader) {
        LOCK.readLock().lock();
        try {
            return reader.get();
        } finally {
            LOCK.readLock().unlock();
        }
    }

    private static void initialise(String className) {
        try {
            Class.forName(className, true, DefaultTrust.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            // not on the class path (or renamed by a newer version): its initialiser reads the store as before
        }
    }
}
