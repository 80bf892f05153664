package dev.portprobe.cli;

import dev.portprobe.HostPort;
import dev.portprobe.InputException;
import dev.portprobe.plan.Check;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.probe.wire.ExpectStatus;
import dev.portprobe.profile.DnsOptions;
import dev.portprobe.profile.GrpcOptions;
import dev.portprobe.profile.HttpOptions;
import dev.portprobe.profile.Names;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.TlsOptions;
import dev.portprobe.report.Report;
import dev.portprobe.resolve.DirectResolver;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunOptions;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", sortOptions = false,
        description = "Probe one port with one protocol, the way nc -z, curl or grpc_health_probe would.")
final class CheckCommand extends TerminalCommand {

    @Parameters(index = "0", paramLabel = "HOST:PORT")
    String address;

    @Option(names = "--expect", required = true, paramLabel = "PROTOCOL",
            description = "tcp, tls, mtls, http, https, grpc, grpc-tls, grpc-mtls, redis, dns or dns-udp")
    String expect;

    @Option(names = "--path", paramLabel = "P", description = "HTTP path of a readiness check: only 200-399 passes, unless --expect-status (default: /, where any status proves HTTP)")
    String path;

    @Option(names = "--expect-status", paramLabel = "CODES", description = "accepted HTTP statuses, e.g. 200-399 (default: 200-399 with --path, else any)")
    String expectStatus;

    @Option(names = "--grpc-service", paramLabel = "S", description = "service name for the gRPC health Check")
    String grpcService;

    @Option(names = "--dns-name", paramLabel = "NAME",
            description = "name to query (type A) on a dns or dns-udp port; it must have an answer")
    String dnsName;

    @Option(names = "--server-name", paramLabel = "NAME", description = "TLS server name (SNI and verification)")
    String serverName;

    @Option(names = "--retries", paramLabel = "N", description = "extra attempts when not OK (default: 0)")
    int retries;

    @Mixin
    EngineFlags engineFlags;

    @Mixin
    Outputs outputs;

    @Override
    public Integer call() throws Exception {
        HostPort hp = HostPort.parse(address);
        Protocol protocol = Protocol.fromId(expect).orElseThrow(() -> new InputException(null, 0,
                "unknown protocol '" + expect + "': use one of " + Protocol.allIds()));
        if (retries < 0 || retries > 100) {
            throw new InputException(null, 0, "--retries must be from 0 to 100");
        }
        try {
            ExpectStatus.parse(expectStatus);
        } catch (IllegalArgumentException e) {
            throw new InputException(null, 0, "--expect-status " + e.getMessage().replaceFirst("^expectStatus ", ""));
        }
        if (dnsName != null && !Names.isDnsName(dnsName)) {
            throw new InputException(null, 0, "--dns-name '" + dnsName + "' is not a DNS name");
        }
        PortSpec spec = new PortSpec(hp.port(), null, null, protocol, "", new HttpOptions(path, expectStatus),
                new GrpcOptions(grpcService), new TlsOptions(serverName), null, false, 0, new DnsOptions(dnsName));
        Check check = Check.adHoc(hp.host(), spec);
        outputs.plan();
        var engineOptions = engineFlags.engineOptions();
        try (DirectResolver resolver = new DirectResolver(Map.of(hp.host(), hp.host()), null, null);
             ProbeEngine engine = new ProbeEngine(engineOptions);
             Progress progress = new Progress(terminal, outputs.verbose)) {
            Report report = new ProbeRunner(engine, resolver, new RunOptions(engineFlags.timeout, retries, null),
                    progress).run(null, List.of(check));
            progress.close(); // the report starts on a clean line
            outputs.emit(report, terminal);
            return report.exitCode();
        }
    }
}
