package dev.portprobe.cli;

import dev.portprobe.HostPort;
import dev.portprobe.InputException;
import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.Identification;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.report.JsonReportWriter;
import dev.portprobe.outcome.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "identify", description = "Find out what protocol answers on HOST:PORT.")
final class IdentifyCommand extends TerminalCommand {

    @Parameters(index = "0", paramLabel = "HOST:PORT")
    String address;

    @Mixin
    EngineFlags engineFlags;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text or json (default: text)")
    String format = "text";

    @Override
    public Integer call() throws Exception {
        HostPort hp = HostPort.parse(address);
        if (!format.equals("text") && !format.equals("json")) {
            throw new InputException(null, 0, "identify prints text or json, not '" + format + "'");
        }
        var options = engineFlags.engineOptions();
        Identification id;
        try (ProbeEngine engine = new ProbeEngine(options)) {
            id = engine.identify(new ProbeRequest(hp.host(), hp.port(), PortSpec.of(hp.port(), Protocol.TCP),
                    engineFlags.timeout)).join();
        }
        if (format.equals("json")) {
            Status status = id.observed() != null ? Status.OK : id.refused() ? Status.REFUSED : Status.TIMEOUT;
            JsonReportWriter.writeIdentification(terminal.out(), hp.toString(), Observed.wordOf(id.observed()), status, id.detail(), id.tls());
        } else {
            String what = id.observed() != null ? id.observed().word() : id.refused() ? "refused" : "nothing";
            terminal.out().println(hp + "  " + what + (id.detail() == null ? "" : "  " + id.detail()));
        }
        terminal.out().flush();
        return id.observed() != null ? Cli.OK : Cli.FAILED;
    }
}
