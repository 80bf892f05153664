package dev.portprobe.probe;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one check opened: its channels and other resources, closed together when the engine closes the scope
 * at the verdict or the deadline. Once closed, whatever is handed in is closed at once: a probe cannot leak a socket.
 */
final class ScopeResources {
    private final List<Channel> channels = new ArrayList<>(2);
    private final List<AutoCloseable> closers = new ArrayList<>(1);
    private boolean closed;

    /** See {@link ProbeScope#track}. */
    <C extends Channel> C track(C channel) {
        boolean closeNow;
        synchronized (this) {
            closeNow = closed;
            if (!closeNow) {
                channels.add(channel);
            }
        }
        if (closeNow) {
            closeChannel(channel);
        }
        return channel;
    }

    /** See {@link ProbeScope#onClose}. */
    void onClose(AutoCloseable resource) {
        boolean closeNow;
        synchronized (this) {
            closeNow = closed;
            if (!closeNow) {
                closers.add(resource);
            }
        }
        if (closeNow) {
            closeQuietly(resource);
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    void close() {
        List<Channel> toClose;
        List<AutoCloseable> closeAlso;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(channels);
            closeAlso = List.copyOf(closers);
        }
        for (Channel ch : toClose) {
            closeChannel(ch);
        }
        for (AutoCloseable c : closeAlso) {
            closeQuietly(c);
        }
    }

    /** See {@link ProbeScope#closeChannel}. */
    static void closeChannel(Channel channel) {
        if (channel.isRegistered()) {
            channel.close();
            return;
        }
        EventLoop loop = eventLoopOf(channel);
        if (loop == null) {
            channel.unsafe().closeForcibly();
        } else if (loop.inEventLoop()) {
            closeOnItsLoop(channel);
        } else {
            loop.execute(() -> closeOnItsLoop(channel));
        }
    }

    private static void closeOnItsLoop(Channel channel) {
        if (channel.isRegistered()) {
            channel.close();
        } else {
            channel.unsafe().closeForcibly(); // its registration failed, or was never started: no loop holds it
        }
    }

    private static EventLoop eventLoopOf(Channel channel) {
        try {
            return channel.eventLoop();
        } catch (IllegalStateException notRegisteredYet) {
            return null;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on the way out; the verdict is already made
        }
    }
}
