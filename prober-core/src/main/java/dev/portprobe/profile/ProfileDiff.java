package dev.portprobe.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a variant changes relative to its base (for {@code profiles show}), one line per change:
 * <pre>
 * ~ workload gloo port 9977: protocol grpc -> grpc-mtls; usage 'xDS Server' -> 'xDS Server (mTLS sidecar)'
 * + workload gloo port 9999: grpc, pod-local, optional, usage 'xDS Server (inside the pod)'
 * - Service access-log
 * </pre>
 * {@code +} added, {@code -} removed, {@code ~} changed. Entries are matched by name, ports by port number.
 */
public final class ProfileDiff {
    private ProfileDiff() {
    }

    public static List<String> between(Profile base, Profile variant) {
        List<String> out = new ArrayList<>();
        field(out, "", "namespace", base.namespace(), variant.namespace());
        entries(out, "workload", base.workloads(), variant.workloads(), WorkloadSpec::name, WorkloadSpec::ports,
                (a, b) -> changes(List.of(change("selector", a.selector(), b.selector()))));
        entries(out, "Service", base.services(), variant.services(), ServiceSpec::name, ServiceSpec::ports,
                (a, b) -> changes(List.of(change("workload", a.workload(), b.workload()),
                        change("optional", a.optional(), b.optional()))));
        return out;
    }

    private interface EntryCompare<T> {
        String changes(T a, T b);
    }

    private static <T> void entries(List<String> out, String kind, List<T> base, List<T> variant,
            Function<T, String> name, Function<T, List<PortSpec>> ports, EntryCompare<T> compare) {
        Map<String, T> before = index(base, name);
        Map<String, T> after = index(variant, name);
        for (T v : variant) {
            T b = before.get(name.apply(v));
            String where = kind + " " + name.apply(v);
            if (b == null) {
                out.add("+ " + where + ": ports " + ports.apply(v).stream().map(p -> String.valueOf(p.port())).toList());
                continue;
            }
            String own = compare.changes(b, v);
            if (!own.isEmpty()) {
                out.add("~ " + where + ": " + own);
            }
            portDiff(out, where, ports.apply(b), ports.apply(v));
        }
        for (T b : base) {
            if (!after.containsKey(name.apply(b))) {
                out.add("- " + kind + " " + name.apply(b));
            }
        }
    }

    private static void portDiff(List<String> out, String where, List<PortSpec> base, List<PortSpec> variant) {
        Map<Integer, PortSpec> before = index(base, PortSpec::port);
        Map<Integer, PortSpec> after = index(variant, PortSpec::port);
        for (PortSpec v : variant) {
            PortSpec b = before.get(v.port());
            if (b == null) {
                out.add("+ " + where + " port " + v.port() + ": " + describe(v));
            } else {
                String c = portChanges(b, v);
                if (!c.isEmpty()) {
                    out.add("~ " + where + " port " + v.port() + ": " + c);
                }
            }
        }
        for (PortSpec b : base) {
            if (!after.containsKey(b.port())) {
                out.add("- " + where + " port " + b.port());
            }
        }
    }

    private static String portChanges(PortSpec a, PortSpec b) {
        return changes(List.of(
                change("targetPort", a.targetPort(), b.targetPort()),
                change("name", a.name(), b.name()),
                change("protocol", a.protocol(), b.protocol()),
                change("http.path", a.http().path(), b.http().path()),
                change("http.expectStatus", a.http().expectStatus(), b.http().expectStatus()),
                change("grpc.service", a.grpc().service(), b.grpc().service()),
                change("tls.serverName", a.tls().serverName(), b.tls().serverName()),
                change("dns.name", a.dns().name(), b.dns().name()),
                change("reach", a.reach().id(), b.reach().id()),
                change("optional", a.optional(), b.optional()),
                change("usage", a.usage(), b.usage())));
    }

    /** "grpc, targetPort 9999, pod-local, optional, usage '...'" */
    public static String describe(PortSpec p) {
        List<String> parts = new ArrayList<>();
        parts.add(p.protocol().id());
        if (p.targetPort() != null && p.targetPort() != p.port()) {
            parts.add("targetPort " + p.targetPort());
        }
        if (!"/".equals(p.http().path())) {
            parts.add("path " + p.http().path());
        }
        if (!p.grpc().service().isEmpty()) {
            parts.add("grpc service " + p.grpc().service());
        }
        if (!p.dns().name().isEmpty()) {
            parts.add("dns name " + p.dns().name());
        }
        if (p.reach() == Reach.POD_LOCAL) {
            parts.add("pod-local");
        }
        if (p.optional()) {
            parts.add("optional");
        }
        if (!p.usage().isEmpty()) {
            parts.add("usage " + Texts.quote(p.usage()));
        }
        return String.join(", ", parts);
    }

    private static String change(String field, Object a, Object b) {
        if (Objects.equals(a, b)) {
            return "";
        }
        return field + " " + show(a) + " -> " + show(b);
    }

    private static String show(Object o) {
        if (o == null) {
            return "(none)";
        }
        return o instanceof String s ? Texts.quote(s) : o.toString();
    }

    private static String changes(List<String> parts) {
        return String.join("; ", parts.stream().filter(s -> !s.isEmpty()).toList());
    }

    private static void field(List<String> out, String where, String field, Object a, Object b) {
        String c = change(field, a, b);
        if (!c.isEmpty()) {
            out.add("~ " + where + c);
        }
    }

    private static <K, T> Map<K, T> index(List<T> items, Function<T, K> key) {
        Map<K, T> m = new LinkedHashMap<>();
        items.forEach(i -> m.putIfAbsent(key.apply(i), i));
        return m;
    }
}
