package dev.portprobe.resolve;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Utils;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The fabric8 client's task executor, made so that a port-forward's clean-up is never lost.
 *
 * <p>fabric8 8.0 stops a port-forward's pumper executor (its {@code pool-N-thread-1}) only in the listener's
 * {@code closeForwarder}, a task it hands to this executor; {@code PortForward.close()} gets there only through the
 * websocket future's {@code whenComplete}. When the upgrade completes after the forward was closed, which happens
 * on a loaded machine, that task is handed over after the client closed, and fabric8's default executor (a cached
 * pool it shuts down with {@code shutdownNow()}) rejects it: the pumper's thread then idles forever. Here a task
 * that arrives after the close runs on the thread that hands it over, and closing lets running tasks finish.
 */
final class ClientTasks implements KubernetesClientBuilder.ExecutorSupplier {
    /** How long closing the client waits for fabric8's running tasks (local writes, clean-ups: all short). */
    private static final long CLOSE_WAIT_MILLIS = 2000;

    @Override
    public Executor get() {
        // fabric8's default: a cached pool of daemon threads; but what comes after shutdown still runs
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Utils.daemonThreadFactory(this), (task, pool) -> task.run());
    }

    @Override
    public void onClose(Executor executor) {
        ExecutorService pool = (ExecutorService) executor;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
