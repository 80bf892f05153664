package dev.portprobe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Consumer;

/** One command line run in-process: its exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return withEnv(Map.of(), args);
    }

    static CliRun withEnv(Map<String, String> env, String... args) {
        return watchingErr(env, line -> { }, args);
    }

    /** Runs with {@code onErrLine} called with each line the command writes to stderr, as it writes it. */
    static CliRun watchingErr(Map<String, String> env, Consumer<String> onErrLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(new LineTap(err, onErrLine), true), env, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Passes text through to {@code sink}, and every completed line to {@code onLine}. */
    private static final class LineTap extends java.io.Writer {
        private final StringWriter sink;
        private final Consumer<String> onLine;
        private final StringBuilder line = new StringBuilder();

        LineTap(StringWriter sink, Consumer<String> onLine) {
            this.sink = sink;
            this.onLine = onLine;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            sink.write(buf, off, len);
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    onLine.accept(line.toString());
                    line.setLength(0);
                } else {
                    line.append(buf[i]);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
