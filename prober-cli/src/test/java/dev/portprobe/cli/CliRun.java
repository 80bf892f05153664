package dev.portprobe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One command line run in-process: its exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return withEnv(Map.of(), args);
    }

    static CliRun withEnv(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
