package dev.portprobe.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a profile as YAML in the format of DESIGN: block style for the profile, workloads and Services, and one flow
 * mapping per port, e.g. {@code - {port: 9977, protocol: grpc, usage: xDS Server}}. Defaults are left out.
 *
 * <p>A profile is written <em>flattened</em>: it is the result of {@code extends}, so every inherited entry is
 * written and {@code extends} itself only appears as a comment. Loading the output gives an equal profile (apart
 * from line numbers and source). Options that do not apply to a port's protocol (http options on a grpc port, ...)
 * are not written, since the loader would reject them.
 */
public final class ProfileWriter {
    private ProfileWriter() {
    }

    public static String toYaml(Profile profile) {
        return toYaml(profile, List.of());
    }

    /** As {@link #toYaml(Profile)}, preceded by one {@code # } comment line per entry of {@code header}. */
    public static String toYaml(Profile profile, List<String> header) {
        return toYaml(profile, header, p -> null);
    }

    /**
     * As {@link #toYaml(Profile, List)}, with a {@code # } comment after each port row for which {@code comments}
     * answers one (null: none), e.g. what a learn run saw on a port it could not identify.
     */
    public static String toYaml(Profile profile, List<String> header, Function<PortSpec, String> comments) {
        StringBuilder out = new StringBuilder();
        for (String h : header) {
            out.append("# ").append(YamlText.comment(h)).append('\n');
        }
        out.append("apiVersion: ").append(ProfileParser.API_VERSION).append('\n');
        out.append("name: ").append(YamlText.scalar(profile.name())).append('\n');
        if (profile.title() != null) {
            out.append("title: ").append(YamlText.scalar(profile.title())).append('\n');
        }
        if (profile.extendsName() != null) {
            out.append("# extends: ").append(YamlText.comment(profile.extendsName()))
                    .append(" (written flattened: the inherited workloads and Services are included below)\n");
        }
        if (profile.namespace() != null) {
            out.append("namespace: ").append(YamlText.scalar(profile.namespace())).append('\n');
        }
        if (!profile.workloads().isEmpty()) {
            out.append("workloads:\n");
            for (WorkloadSpec w : profile.workloads()) {
                out.append("  - name: ").append(YamlText.scalar(w.name())).append('\n');
                if (!w.selector().isEmpty()) {
                    out.append("    selector: ").append(flow(w.selector())).append('\n');
                }
                ports(out, w.ports(), false, comments);
            }
        }
        if (!profile.services().isEmpty()) {
            out.append("services:\n");
            for (ServiceSpec s : profile.services()) {
                out.append("  - name: ").append(YamlText.scalar(s.name())).append('\n');
                if (s.workload() != null) {
                    out.append("    workload: ").append(YamlText.scalar(s.workload())).append('\n');
                }
                if (s.optional()) {
                    out.append("    optional: true\n");
                }
                ports(out, s.ports(), true, comments);
            }
        }
        return out.toString();
    }

    private static void ports(StringBuilder out, List<PortSpec> ports, boolean servicePorts,
                              Function<PortSpec, String> comments) {
        out.append("    ports:\n");
        for (PortSpec p : ports) {
            out.append("      - ").append(port(p, servicePorts));
            String comment = comments.apply(p);
            if (comment != null && !comment.isBlank()) {
                out.append("  # ").append(YamlText.comment(comment));
            }
            out.append('\n');
        }
    }

    /** One port as a flow mapping; {@code targetPort} is written for Service ports only (workload ports have none). */
    public static String port(PortSpec p, boolean servicePort) {
        List<String> parts = new ArrayList<>();
        parts.add("port: " + p.port());
        if (servicePort && p.targetPort() != null) {
            parts.add("targetPort: " + p.targetPort());
        }
        if (p.name() != null) {
            parts.add("name: " + YamlText.scalar(p.name()));
        }
        parts.add("protocol: " + p.protocol().id());
        boolean httpLike = p.protocol() == Protocol.HTTP || p.protocol() == Protocol.HTTPS;
        if (httpLike && !p.http().equals(HttpOptions.DEFAULT)) {
            List<String> http = new ArrayList<>();
            if (p.http().pathGiven()) {
                http.add("path: " + YamlText.scalar(p.http().path()));
            }
            if (p.http().expectStatus() != null) {
                http.add("expectStatus: " + YamlText.scalar(p.http().expectStatus()));
            }
            parts.add("http: {" + String.join(", ", http) + "}");
        }
        if (p.protocol().isGrpc() && !p.grpc().service().isBlank()) {
            parts.add("grpc: {service: " + YamlText.scalar(p.grpc().service()) + "}");
        }
        if (p.protocol().isDns() && !p.dns().name().isEmpty()) {
            parts.add("dns: {name: " + YamlText.scalar(p.dns().name()) + "}");
        }
        if (p.protocol().overTls() && p.tls().serverName() != null) {
            parts.add("tls: {serverName: " + YamlText.scalar(p.tls().serverName()) + "}");
        }
        if (!p.usage().isBlank()) {
            parts.add("usage: " + YamlText.scalar(p.usage()));
        }
        if (p.reach() == Reach.POD_LOCAL) {
            parts.add("reach: pod-local");
        }
        if (p.optional()) {
            parts.add("optional: true");
        }
        return "{" + String.join(", ", parts) + "}";
    }

    private static String flow(Map<String, String> map) {
        List<String> parts = new ArrayList<>();
        map.forEach((k, v) -> parts.add(YamlText.scalar(k) + ": " + YamlText.scalar(v)));
        return "{" + String.join(", ", parts) + "}";
    }
}
