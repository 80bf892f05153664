package dev.portprobe.reftable;

import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.Reach;
import dev.portprobe.profile.Texts;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps what a table's protocol column says (TCP, UDP, HTTP, HTTP/2, H2, gRPC, gRPC over TLS, TLS, mTLS, DNS,
 * Redis...) to portprobe's protocols. A transport word (TCP, or no column at all) leaves the choice to
 * {@link ProtocolRules}, which read the usage; an application word decides, and a rule only adds its options
 * (an HTTP path, a gRPC health service) when it agrees. Rows portprobe cannot probe (UDP other than DNS, ICMP,
 * VXLAN, SCTP...) are reported by {@link #notProbed}, and the importer keeps them as comments.
 */
final class ProtocolWords {

    /**
     * What was decided for one row.
     *
     * @param why   the reason, as written after the protocol in the importer's note
     * @param guess true when nothing in the table said it (the note is then a warning)
     */
    record Decision(Protocol protocol, String httpPath, String grpcService, Reach reach, String why, boolean guess) {
    }

    private static Pattern words(String regex) {
        return Pattern.compile("(?i)(?<![\\w-])(?:" + regex + ")(?![\\w-])");
    }

    private static final Pattern DNS = words("dns");
    private static final Pattern UDP = words("udp");
    private static final Pattern TCP = words("tcp");
    private static final Pattern NOT_IP = words("icmp|icmpv6|vxlan|sctp|gre|esp|ipip|ip-in-ip|geneve|wireguard");
    private static final Pattern GRPC = words("grpc|grpcs");
    private static final Pattern HTTPS = words("https");
    private static final Pattern H2C = words("h2c");
    private static final Pattern H2 = words("h2");
    private static final Pattern HTTP2 = words("http/2|http2|http 2");
    private static final Pattern HTTP = words("http|http/1\\.1|http/1|http1\\.1|rest|websocket");
    private static final Pattern MTLS = words("mtls|mutual tls");
    private static final Pattern TLS = words("tls|ssl|grpcs");
    private static final Pattern REDIS = words("redis|resp");
    private static final Pattern PLAINTEXT = words("plaintext|plain text|insecure");
    /** Application protocols that run over TCP and that portprobe has no probe for: probed as tcp. */
    private static final Set<String> OVER_TCP = Set.of("smtp", "mysql", "postgresql", "postgres", "mongodb",
            "memcache", "memcached", "nats", "elasticsearch", "kafka", "amqp", "mqtt", "ldap", "ssh", "bgp", "rpc",
            "etcd", "zookeeper", "cassandra", "opaque", "gossip", "serf", "raft", "thrift", "ftp", "imap", "pop3");

    private ProtocolWords() {
    }

    /**
     * The DNS protocol of this build, or empty. THE SWITCH FOR DNS (issue 12 adds {@code dns} and {@code dns-udp}):
     * once {@link Protocol} has them, DNS rows import as {@code dns} (or {@code dns-udp} for UDP-only rows)
     * instead of comments, with no other change here.
     */
    static Optional<Protocol> dns(boolean udpOnly) {
        return Protocol.fromId(udpOnly ? "dns-udp" : "dns");
    }

    /** Why a row cannot be probed, or empty when it can. {@code cell} is the protocol cell (null: no column). */
    static Optional<String> notProbed(String cell, String usage) {
        String c = cell == null ? "" : cell;
        boolean saysTcp = TCP.matcher(c).find();
        boolean udpOnly = UDP.matcher(c).find() && !saysTcp;
        if (DNS.matcher(c).find() || (c.isBlank() || saysTcp || udpOnly) && DNS.matcher(usage).find()) {
            return dns(udpOnly).isPresent() ? Optional.empty()
                    : Optional.of("DNS: this build of portprobe has no dns protocol");
        }
        var other = NOT_IP.matcher(c);
        if (other.find()) {
            return Optional.of(other.group().toUpperCase(Locale.ROOT) + " cannot be probed over TCP");
        }
        if (udpOnly) {
            return Optional.of("UDP other than DNS cannot be probed");
        }
        return Optional.empty();
    }

    /** The protocol of a row that can be probed ({@link #notProbed} is empty). */
    static Decision decide(String cell, String name, int port, String usage) {
        ProtocolRules.Inference rule = ProtocolRules.infer(name, port, usage);
        if (cell == null) {
            return fromRule(rule, rule.rule().equals("unknown"), "");
        }
        String c = cell.toLowerCase(Locale.ROOT);
        String said = "the table says " + Texts.quote(cell);
        boolean saysTcp = TCP.matcher(c).find();
        if (saysTcp && UDP.matcher(c).find() && !DNS.matcher(c + " " + usage).find()) {
            said += " (its UDP side is not probed)";
        }
        if (DNS.matcher(c).find() || DNS.matcher(usage).find() && (c.isBlank() || saysTcp || UDP.matcher(c).find())) {
            Protocol dns = dns(UDP.matcher(c).find() && !saysTcp).orElseThrow();
            return new Decision(dns, null, null, Reach.NETWORK, said + " (DNS)", false);
        }
        if (GRPC.matcher(c).find()) {
            return fromColumn(grpc(c, usage), rule, said);
        }
        if (HTTPS.matcher(c).find()) {
            return fromColumn(Protocol.HTTPS, rule, said);
        }
        if (H2C.matcher(c).find()) {
            return new Decision(Protocol.TCP, null, null, Reach.NETWORK, said + ": portprobe has no plain HTTP/2"
                    + " probe; tcp only proves that something listens, and the report says what answers", true);
        }
        if (H2.matcher(c).find() || HTTP2.matcher(c).find()) {
            boolean h2 = H2.matcher(c).find();
            if (MTLS.matcher(c + " " + usage).find()) {
                return fromColumn(Protocol.MTLS, rule, said + " and the usage says mTLS: HTTP/2 over mutual TLS");
            }
            if (h2 || TLS.matcher(usage).find()) {
                return fromColumn(Protocol.TLS, rule, said + ": HTTP/2 over TLS (h2); the TLS handshake is checked");
            }
            return new Decision(Protocol.TCP, null, null, Reach.NETWORK, said + ": portprobe has no plain HTTP/2"
                    + " probe; tcp only proves that something listens, and the report says what answers", true);
        }
        if (HTTP.matcher(c).find()) {
            return fromColumn(Protocol.HTTP, rule, said);
        }
        if (MTLS.matcher(c).find()) {
            return fromColumn(Protocol.MTLS, rule, said);
        }
        if (TLS.matcher(c).find()) {
            return fromColumn(MTLS.matcher(usage).find() && !TLS.matcher(usage.replaceAll("(?i)mtls", "")).find()
                    ? Protocol.MTLS : Protocol.TLS, rule, said);
        }
        if (REDIS.matcher(c).find()) {
            return fromColumn(Protocol.REDIS, rule, said);
        }
        if (isProduct(c)) {
            return new Decision(Protocol.TCP, null, null, rule.reach(), said + ", which runs over TCP and has no probe"
                    + " of its own; tcp only proves that something listens", false);
        }
        ProtocolRules.Inference refined = refineTls(rule, usage);
        if (saysTcp || c.isBlank()) {
            return refined.rule().equals("unknown") ? new Decision(Protocol.TCP, null, null, Reach.NETWORK, said, false)
                    : fromRule(refined, false, said + "; ");
        }
        return fromRule(refined, true, said + ", which portprobe does not know; ");
    }

    /** True when the protocol cell names an application protocol that runs over TCP and has no probe (SMTP, MySQL...). */
    static boolean isProduct(String cell) {
        String first = cell.strip().split("[\\s/(,]+", 2)[0];
        return OVER_TCP.contains(HeaderNames.normalize(first));
    }

    private static Protocol grpc(String c, String usage) {
        if (MTLS.matcher(c).find()) {
            return Protocol.GRPC_MTLS;
        }
        if (TLS.matcher(c).find()) {
            return Protocol.GRPC_TLS;
        }
        if (PLAINTEXT.matcher(usage).find()) {
            return Protocol.GRPC;
        }
        String withoutMtls = usage.replaceAll("(?i)mtls", "");
        if (TLS.matcher(withoutMtls).find()) {
            return Protocol.GRPC_TLS;
        }
        return MTLS.matcher(usage).find() ? Protocol.GRPC_MTLS : Protocol.GRPC;
    }

    /** A rule's gRPC or HTTP, when the usage also says TLS: gRPC over TLS, HTTPS. */
    private static ProtocolRules.Inference refineTls(ProtocolRules.Inference rule, String usage) {
        if (rule.protocol() == Protocol.GRPC && !PLAINTEXT.matcher(usage).find()
                && TLS.matcher(usage.replaceAll("(?i)mtls", "")).find()) {
            return new ProtocolRules.Inference(Protocol.GRPC_TLS, null, rule.grpcService(), rule.reach(), rule.rule(),
                    rule.reason() + ", over TLS as the usage says");
        }
        return rule;
    }

    private static Decision fromColumn(Protocol protocol, ProtocolRules.Inference rule, String said) {
        boolean agrees = rule.protocol() == protocol
                || rule.protocol().isGrpc() && protocol.isGrpc();
        if (!agrees || rule.rule().startsWith("port-")) {
            return new Decision(protocol, null, null, Reach.NETWORK, said, false);
        }
        return new Decision(protocol, rule.httpPath(), rule.grpcService(), rule.reach(), said + "; rule " + rule.rule()
                + ": " + rule.reason(), false);
    }

    private static Decision fromRule(ProtocolRules.Inference rule, boolean guess, String prefix) {
        return new Decision(rule.protocol(), rule.httpPath(), rule.grpcService(), rule.reach(), prefix + "rule "
                + rule.rule() + ": " + rule.reason(), guess);
    }
}
