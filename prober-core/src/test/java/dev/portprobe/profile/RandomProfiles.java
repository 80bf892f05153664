package dev.portprobe.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Valid profiles made from a seed (cheaper than composing jqwik arbitraries, and reproducible from the seed). */
final class RandomProfiles {
    private static final String[] TEXTS = {"xDS Server", "Grafana (unused)", "a: b", "# x", "yes", "80", " lead",
        "trail ", "\"q\"", "'s'", "ünï", "tab\tin", "{x}", "[y]", "- d", "~", "null", "a\\b", "emoji \uD83D\uDE00"};
    private static final String NAME_CHARS = "abcxyz019-.";

    private RandomProfiles() {
    }

    static Profile profile(long seed) {
        Random r = new Random(seed);
        List<WorkloadSpec> workloads = new ArrayList<>();
        Map<String, Boolean> used = new LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            String name = name(r);
            if (used.putIfAbsent(name, true) == null) {
                Map<String, String> selector = r.nextBoolean() ? Map.of() : Map.of(name(r), text(r));
                workloads.add(new WorkloadSpec(name, selector, ports(r, false), 0));
            }
        }
        List<ServiceSpec> services = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            String workload = workloads.isEmpty() || r.nextInt(3) == 0 ? null
                    : workloads.get(r.nextInt(workloads.size())).name();
            services.add(new ServiceSpec("svc" + i, workload, r.nextBoolean(), ports(r, true), 0));
        }
        return new Profile(name(r), r.nextBoolean() ? null : text(r), null, r.nextBoolean() ? null : "ns", workloads,
                services, "gen");
    }

    private static List<PortSpec> ports(Random r, boolean service) {
        Map<Integer, PortSpec> ports = new LinkedHashMap<>();
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            int port = 1 + r.nextInt(65535);
            Protocol protocol = Protocol.values()[r.nextInt(Protocol.values().length)];
            boolean http = protocol == Protocol.HTTP || protocol == Protocol.HTTPS;
            HttpOptions httpOptions = http && r.nextBoolean()
                    ? new HttpOptions(r.nextBoolean() ? "/ready" : "/-/ready", r.nextBoolean() ? null : "200-399,404")
                    : null;
            GrpcOptions grpc = protocol.isGrpc() && r.nextBoolean() ? new GrpcOptions("svc.v1") : null;
            TlsOptions tls = protocol.overTls() && r.nextBoolean() ? new TlsOptions("host.example") : null;
            Integer target = service && r.nextBoolean() ? 1 + r.nextInt(65535) : null;
            ports.putIfAbsent(port, new PortSpec(port, target, r.nextInt(4) == 0 ? "p" + i : null, protocol,
                    r.nextBoolean() ? "" : text(r), httpOptions, grpc, tls,
                    r.nextInt(4) == 0 ? Reach.POD_LOCAL : Reach.NETWORK, r.nextBoolean(), 0));
        }
        return new ArrayList<>(ports.values());
    }

    private static String name(Random r) {
        while (true) {
            StringBuilder b = new StringBuilder();
            for (int i = 1 + r.nextInt(12); i > 0; i--) {
                b.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
            }
            if (Names.isName(b.toString())) {
                return b.toString();
            }
        }
    }

    private static String text(Random r) {
        if (r.nextBoolean()) {
            return TEXTS[r.nextInt(TEXTS.length)];
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1 + r.nextInt(12); i > 0; i--) {
            char c = (char) r.nextInt(0x3000);
            b.append(Character.isSurrogate(c) ? 'x' : c);
        }
        String s = b.toString();
        return s.isBlank() ? "blank" : s;
    }
}
