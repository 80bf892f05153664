package dev.portprobe.cli;

import picocli.CommandLine.Command;

@Command(name = "job", description = "Render or run portprobe as a Job inside the cluster.")
final class JobCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "job needs a subcommand: render or run");
    }
}
