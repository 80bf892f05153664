package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.Planner;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.report.Report;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunOptions;
import dev.portprobe.simulate.SimulatedInstall;
import dev.portprobe.simulate.SimulationOptions;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", sortOptions = false,
        description = "Act out a profile on loopback with real servers, and probe it. Needs no cluster.")
final class DemoCommand extends TerminalCommand {
    static final Duration DEMO_TIMEOUT = Duration.ofSeconds(5);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME|FILE",
            description = "profile to act out (default: gloo-mesh-enterprise, or its -mtls variant with --mtls)")
    String profile;

    @Option(names = "--faults", description = "add a wrong-protocol port, a closed port and a silent port")
    boolean faults;

    @Option(names = "--mtls", description = "act out the mTLS variant: the wrapped ports demand client certificates")
    boolean mtls;

    @Mixin
    EngineFlags engineFlags;

    @Mixin
    Outputs outputs;

    @Override
    public Integer call() throws Exception {
        String name = profile != null ? profile : mtls ? "gloo-mesh-enterprise-mtls" : "gloo-mesh-enterprise";
        Profile loaded = ProfileLoader.resolve(name);
        List<Check> checks = Planner.plan(loaded);
        if (mtls && checks.stream().noneMatch(c -> c.expected().mutualTls())) {
            String variant = loaded.name() + "-mtls";
            throw new InputException(null, 0, "--mtls acts out mtls and grpc-mtls ports, and " + loaded.name()
                    + " has none" + (ProfileLoader.builtinNames().contains(variant) ? ": use -p " + variant : ""));
        }
        outputs.plan();
        var engineOptions = engineFlags.engineOptions();
        // The client and every simulated server share this machine's cores, and the first checks of a cold JVM
        // load most of gRPC and TLS: the demo allows more time than a real probe's default.
        Duration timeout = spec.commandLine().getParseResult().hasMatchedOption("--timeout") ? engineFlags.timeout : DEMO_TIMEOUT;
        boolean ownCredentials = engineOptions.clientTls().verifies() || engineOptions.clientTls().hasClientCertificate();
        try (SimulatedInstall install = SimulatedInstall.start(loaded, checks, new SimulationOptions(faults, mtls));
             ProbeEngine engine = new ProbeEngine(ownCredentials ? engineOptions : engineOptions.withClientTls(install.clientTls()));
             Progress progress = new Progress(terminal, outputs.verbose)) {
            Report report = new ProbeRunner(engine, install.resolver(), new RunOptions(timeout, 0, null),
                    progress).run(loaded.name(), checks);
            progress.close(); // the report starts on a clean line
            outputs.emit(report, terminal);
            return report.exitCode();
        }
    }
}
