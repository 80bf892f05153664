package dev.portprobe.cli;

import java.io.IOException;

/**
 * Runs {@link Main} in a child process that a test starts, and ends it when its standard input closes: when the
 * test closes it, or when the test's JVM dies (killed by a fork timeout, or by a Ctrl-C of Maven) and the pipe goes
 * with it. Without this, a long-running command such as {@code serve} whose test JVM died would keep running on the
 * machine for ever. It ends the way SIGTERM does ({@code System.exit} runs the command's shutdown hook), so what the
 * child started is stopped too. The command itself is {@link Main}'s, unchanged.
 */
public final class MainUntilStdinCloses {
    private MainUntilStdinCloses() {
    }

    public static void main(String[] args) {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; only the end of the stream matters
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone as well
            }
            System.exit(143);
        }, "stdin-watch");
        watch.setDaemon(true);
        watch.start();
        Main.main(args);
    }
}
