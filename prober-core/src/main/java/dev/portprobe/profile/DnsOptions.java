package dev.portprobe.profile;

/**
 * Options of a DNS check: the name to query (type A). Empty asks for the root's NS records, which only proves that a
 * DNS server answers; a name must also have an answer record.
 */
public record DnsOptions(String name) {
    public static final DnsOptions DEFAULT = new DnsOptions("");

    public DnsOptions {
        name = name == null ? "" : name.strip();
    }
}
