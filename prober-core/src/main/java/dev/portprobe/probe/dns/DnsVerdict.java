package dev.portprobe.probe.dns;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.outcome.Status;
import dev.portprobe.profile.DnsOptions;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;

/**
 * DESIGN's dns rows: a well-formed response with our query id proves DNS; NOERROR or NXDOMAIN is OK, SERVFAIL or
 * REFUSED (or any other error code) is UNHEALTHY; with {@code dns.name} set the name must have an answer record.
 */
final class DnsVerdict {
    private DnsVerdict() {
    }

    static ProbeOutcome of(DnsOptions options, DnsQuestion asked, int id, DnsResponse response, String transport) {
        String lead = transport + ": " + DnsMessages.describe(asked) + " got ";
        if (response.id() != id) {
            return ProbeOutcome.of(Status.UNHEALTHY, Observed.DNS, lead + "an answer to another query (id "
                    + response.id() + ", ours " + id + ")");
        }
        DnsResponseCode code = response.code();
        int answers = DnsMessages.answers(response);
        String got = lead + code.toString() + ", " + answers + (answers == 1 ? " answer" : " answers");
        boolean fine = code.equals(DnsResponseCode.NOERROR) || code.equals(DnsResponseCode.NXDOMAIN);
        if (!fine) {
            return ProbeOutcome.of(Status.UNHEALTHY, Observed.DNS, got + ": the server answers DNS but fails the query");
        }
        if (!options.name().isEmpty() && answers == 0) {
            return ProbeOutcome.of(Status.UNHEALTHY, Observed.DNS, got + ": no answer record for " + options.name());
        }
        return ProbeOutcome.ok(Observed.DNS, got);
    }
}
