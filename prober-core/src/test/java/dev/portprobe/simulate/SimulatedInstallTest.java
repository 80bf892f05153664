package dev.portprobe.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.plan.Check;
import dev.portprobe.probe.ClientTls;
import dev.portprobe.probe.EngineOptions;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Protocol;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Report;
import dev.portprobe.outcome.Status;
import dev.portprobe.resolve.Resolution;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class SimulatedInstallTest {
    /** Every protocol has its real probe: every check must pass through it. */
    private static final Set<Protocol> PROBED_FOR_REAL = EnumSet.allOf(Protocol.class);

    @Test
    void everyCheckPassesThroughItsProbeWhenThereAreNoFaults() throws Exception {
        Profile profile = TestPlans.everyProtocol();
        List<Check> checks = TestPlans.checks(profile);
        try (SimulatedInstall install = SimulatedInstall.start(profile, checks, new SimulationOptions(false, true))) {
            Map<String, CheckResult> results = run(install, checks, Duration.ofSeconds(3));
            assertThat(install.faultedCheckIds()).isEmpty();
            for (CheckResult r : results.values()) {
                if (PROBED_FOR_REAL.contains(r.check().expected())) {
                    assertThat(r.status()).as(r.check().id() + ": " + r.detail()).isEqualTo(Status.OK);
                }
            }
            assertThat(results.get("gloo:9977").detail()).isEqualTo("gRPC answered; no health service (UNIMPLEMENTED)");
            assertThat(results.get("extauth:8083").detail()).isEqualTo("gRPC health: SERVING (service 'ext-auth')");
            assertThat(results.get("secure:9445").tls().verified()).isTrue();
            assertThat(results.get("secure:9446").tls().clientCertRequested()).isTrue();
        }
    }

    @Test
    void serversSpeakEveryProtocolToPlainClients() throws Exception {
        Profile profile = TestPlans.everyProtocol();
        try (SimulatedInstall install = SimulatedInstall.start(profile, TestPlans.checks(profile), SimulationOptions.DEFAULT)) {
            Map<String, SimulatedInstall.Binding> b = byId(install);
            ClientTls tls = install.credentials();
            assertThat(RawClients.httpStatusLine(plain(b.get("web:80")), "/healthz")).isEqualTo("HTTP/1.1 200 OK");
            assertThat(RawClients.httpStatusLine(plain(b.get("web:19000")), "/anything")).isEqualTo("HTTP/1.1 200 OK");
            assertThat(RawClients.httpStatusLine(tls(b.get("web:443"), tls, false), "/")).isEqualTo("HTTP/1.1 200 OK");
            assertThat(RawClients.redisPing(b.get("redis:6379").host(), b.get("redis:6379").port())).isEqualTo("+PONG");
            try (SSLSocket socket = tls(b.get("secure:9443"), tls, false)) {
                assertThat(socket.getSession().getProtocol()).startsWith("TLS");
            }
            try (SSLSocket socket = tls(b.get("secure:9444"), tls, true)) {
                assertThat(socket.getSession().getLocalCertificates()).isNotEmpty();
            }
            assertThatThrownBy(() -> {
                try (SSLSocket socket = tls(b.get("secure:9444"), tls, false)) {
                    socket.getOutputStream().write(1);
                    socket.getInputStream().read(); // TLS 1.3 reports the missing certificate here
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void givesEachNameItsOwnLoopbackAddressAndEachCheckItsOwnPort() throws Exception {
        Profile profile = TestPlans.everyProtocol();
        try (SimulatedInstall install = SimulatedInstall.start(profile, TestPlans.checks(profile), SimulationOptions.DEFAULT)) {
            Map<String, Set<String>> hostsByName = install.bindings().stream().collect(Collectors.groupingBy(
                    x -> x.check().name(), Collectors.mapping(SimulatedInstall.Binding::host, Collectors.toSet())));
            assertThat(hostsByName.values()).allSatisfy(hosts -> assertThat(hosts).hasSize(1));
            assertThat(install.bindings()).allSatisfy(x -> assertThat(x.host()).startsWith("127.0."));
            if (!hostsByName.get("web").equals(Set.of("127.0.0.1"))) { // every name gets its own 127.0.1.N on Linux
                assertThat(hostsByName.values().stream().flatMap(Set::stream).distinct().count()).isEqualTo(hostsByName.size());
            }
            assertThat(install.bindings().stream().map(SimulatedInstall.Binding::endpoint).distinct().count())
                    .isEqualTo(install.bindings().size());
            Resolution.Targets web = (Resolution.Targets) install.resolver().resolveAll(List.of(install.bindings().get(0).check())).get(0);
            assertThat(web.targets().get(0).endpoint()).isEqualTo(install.bindings().get(0).endpoint());
        }
    }

    @Test
    void faultsExactlyThreeChecksAndOnlyThoseFail() throws Exception {
        Profile profile = TestPlans.everyProtocol();
        List<Check> checks = TestPlans.checks(profile);
        try (SimulatedInstall install = SimulatedInstall.start(profile, checks, new SimulationOptions(true, true))) {
            assertThat(install.faults()).extracting(Fault::kind)
                    .containsExactlyInAnyOrder(Fault.Kind.WRONG_PROTOCOL, Fault.Kind.SILENT, Fault.Kind.CLOSED);
            assertThat(install.faultedCheckIds()).doesNotHaveDuplicates();
            Map<String, CheckResult> results = run(install, checks, Duration.ofSeconds(1));
            for (CheckResult r : results.values()) {
                if (PROBED_FOR_REAL.contains(r.check().expected())) {
                    boolean faulted = install.faultedCheckIds().contains(r.check().id());
                    assertThat(r.status().ok()).as(r.check().id() + ": " + r.detail()).isEqualTo(!faulted);
                }
            }
            for (Fault f : install.faults()) {
                assertFaultActsOut(byId(install).get(f.checkId()), f.kind());
            }
        }
    }

    @Test
    void faultsOnGrpcPortsShowAsWrongProtocolTimeoutAndRefused() throws Exception {
        Profile profile = TestPlans.grpcOnly();
        List<Check> checks = TestPlans.checks(profile);
        try (SimulatedInstall install = SimulatedInstall.start(profile, checks, new SimulationOptions(true, false))) {
            Map<String, CheckResult> results = run(install, checks, Duration.ofMillis(800));
            Map<Fault.Kind, CheckResult> byKind = install.faults().stream()
                    .collect(Collectors.toMap(Fault::kind, f -> results.get(f.checkId())));
            assertThat(byKind.get(Fault.Kind.WRONG_PROTOCOL).status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(byKind.get(Fault.Kind.WRONG_PROTOCOL).observed()).isEqualTo("http");
            assertThat(byKind.get(Fault.Kind.SILENT).status()).isEqualTo(Status.TIMEOUT);
            assertThat(byKind.get(Fault.Kind.SILENT).observed()).isEqualTo("silent");
            assertThat(byKind.get(Fault.Kind.CLOSED).status()).isEqualTo(Status.REFUSED);
            assertThat(results.values().stream().filter(r -> r.status().ok()).map(r -> r.check().id()))
                    .containsExactly("extauth:8083");
        }
    }

    @Test
    void handsOutTheClientCertificateOnlyWhenAskedForMtls() throws Exception {
        Profile profile = TestPlans.grpcOnly();
        try (SimulatedInstall plain = SimulatedInstall.start(profile, TestPlans.checks(profile), SimulationOptions.DEFAULT);
             SimulatedInstall mtls = SimulatedInstall.start(profile, TestPlans.checks(profile), new SimulationOptions(false, true))) {
            assertThat(plain.clientTls()).isEqualTo(ClientTls.NONE);
            assertThat(plain.credentials().hasClientCertificate()).isTrue();
            assertThat(mtls.clientTls().hasClientCertificate()).isTrue();
            assertThat(Files.readString(mtls.clientTls().key())).contains("BEGIN PRIVATE KEY");
        }
    }

    @Test
    void resolvesAChecksItDoesNotActOutAsUnresolved() throws Exception {
        Profile profile = TestPlans.grpcOnly();
        List<Check> checks = TestPlans.checks(profile);
        try (SimulatedInstall install = SimulatedInstall.start(profile, checks.subList(0, 1), SimulationOptions.DEFAULT)) {
            List<Resolution> resolved = install.resolver().resolveAll(checks);
            assertThat(resolved.get(0)).isInstanceOf(Resolution.Targets.class);
            assertThat(resolved.get(1)).isInstanceOfSatisfying(Resolution.Finding.class,
                    f -> assertThat(f.status()).isEqualTo(Status.UNRESOLVED));
        }
    }

    @Test
    void closeStopsEveryServerEndsItsThreadsAndDeletesItsFiles() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Profile profile = TestPlans.everyProtocol();
        List<Check> checks = TestPlans.checks(profile);
        SimulatedInstall install = SimulatedInstall.start(profile, checks, new SimulationOptions(true, true));
        run(install, checks, Duration.ofMillis(500));
        SimulatedInstall.Binding any = install.bindings().get(0);
        var pemDir = install.credentials().ca().getParent();
        install.close();

        assertThat(pemDir).doesNotExist();
        assertThatThrownBy(() -> RawClients.plain(any.host(), any.port()).close()).isInstanceOf(ConnectException.class);
        assertThat(threadsStartedSince(before)).isEmpty();
    }

    private static Map<String, CheckResult> run(SimulatedInstall install, List<Check> checks, Duration timeout) throws Exception {
        try (ProbeEngine engine = new ProbeEngine(EngineOptions.defaults().withClientTls(install.clientTls()))) {
            Report report = new ProbeRunner(engine, install.resolver(), new RunOptions(timeout, 0, Duration.ZERO), null)
                    .run("test", checks);
            return report.results().stream().collect(Collectors.toMap(r -> r.check().id(), Function.identity()));
        }
    }

    private static void assertFaultActsOut(SimulatedInstall.Binding b, Fault.Kind kind) throws IOException {
        switch (kind) {
            case CLOSED -> assertThatThrownBy(() -> RawClients.plain(b.host(), b.port()).close()).isInstanceOf(ConnectException.class);
            case SILENT -> {
                try (Socket s = RawClients.plain(b.host(), b.port())) {
                    s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n*1\r\n$4\r\nPING\r\n".getBytes());
                    s.setSoTimeout(300);
                    assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                }
            }
            case WRONG_PROTOCOL -> {
                String expected = FaultPlan.isHttp(b.check()) ? "-ERR unknown command 'GET'" : "HTTP/1.1 200 OK";
                assertThat(RawClients.httpStatusLine(plain(b), "/")).isEqualTo(expected);
            }
        }
    }

    /** Threads that were not there before and are still alive, after giving ending threads a moment to end. */
    private static List<Thread> threadsStartedSince(Set<Thread> before) throws InterruptedException {
        List<Thread> extra = List.of();
        for (int i = 0; i < 100; i++) {
            extra = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive()).toList();
            if (extra.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return extra;
    }

    private static Map<String, SimulatedInstall.Binding> byId(SimulatedInstall install) {
        return install.bindings().stream().collect(Collectors.toMap(x -> x.check().id(), Function.identity()));
    }

    private static Socket plain(SimulatedInstall.Binding b) throws IOException {
        return RawClients.plain(b.host(), b.port());
    }

    private static SSLSocket tls(SimulatedInstall.Binding b, ClientTls tls, boolean clientCert) throws IOException {
        return RawClients.tls(b.host(), b.port(), tls, clientCert);
    }
}
