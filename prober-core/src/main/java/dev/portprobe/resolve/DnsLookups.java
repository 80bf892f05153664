package dev.portprobe.resolve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Looks names up in parallel, all within one deadline. The JDK's lookups cannot be interrupted, so they run on
 * daemon threads that {@link #close()} abandons rather than waits for.
 */
final class DnsLookups implements AutoCloseable {
    /** What one lookup gave: an address, or why there is none. */
    record Answer(InetAddress address, String failure) {
    }

    private final NameResolver resolver;
    private final ExecutorService pool;

    DnsLookups(NameResolver resolver) {
        this.resolver = resolver;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "portprobe-dns-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    Map<String, Answer> resolveAll(Collection<String> names, Duration timeout) {
        Map<String, Future<List<InetAddress>>> pending = new LinkedHashMap<>();
        for (String name : names) {
            pending.putIfAbsent(name, pool.submit(() -> resolver.resolve(name)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Answer> out = new LinkedHashMap<>();
        pending.forEach((name, f) -> out.put(name, await(name, f, deadline, timeout)));
        return out;
    }

    private static Answer await(String name, Future<List<InetAddress>> f, long deadline, Duration timeout) {
        try {
            List<InetAddress> all = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (all.isEmpty()) {
                return new Answer(null, "DNS: " + name + " has no addresses");
            }
            InetAddress v4 = all.stream().filter(a -> a.getAddress().length == 4).findFirst().orElse(all.get(0));
            return new Answer(v4, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Answer(null, "DNS: no answer for " + name + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Answer(null, cause instanceof UnknownHostException
                    ? "DNS: " + name + " does not resolve"
                    : "DNS: lookup of " + name + " failed: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, "DNS: interrupted while resolving " + name);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
