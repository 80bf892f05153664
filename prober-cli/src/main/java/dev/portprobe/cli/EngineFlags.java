package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.probe.ClientTls;
import dev.portprobe.probe.EngineOptions;
import dev.portprobe.probe.ProbeTls;
import dev.portprobe.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Probe settings shared by probe, check, identify and demo. */
final class EngineFlags {
    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "deadline of each check, identification included (default: 3s)")
    Duration timeout = RunOptions.DEFAULT_TIMEOUT;

    @Option(names = "--concurrency", paramLabel = "N", description = "checks in flight at once (default: 64)")
    int concurrency = EngineOptions.DEFAULT_CONCURRENCY;

    @Option(names = "--ca", paramLabel = "FILE", description = "PEM CA bundle: also verify certificate chains and host names")
    Path ca;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM client certificate, for mTLS ports (with --key)")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "PEM PKCS#8 private key of --cert")
    Path key;

    EngineOptions engineOptions() throws InputException {
        if (concurrency < 1 || concurrency > 100_000) {
            throw new InputException(null, 0, "--concurrency must be from 1 to 100000");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new InputException(null, 0, "--timeout must be positive");
        }
        if ((cert == null) != (key == null)) {
            throw new InputException(null, 0, "--cert and --key go together");
        }
        for (Path p : new Path[] {ca, cert, key}) {
            if (p != null && !Files.isReadable(p)) {
                throw new InputException(p.toString(), 0, "cannot read file");
            }
        }
        ClientTls tls = new ClientTls(ca, cert, key);
        ProbeTls.validate(tls);
        return EngineOptions.defaults().withConcurrency(concurrency).withClientTls(tls);
    }
}
