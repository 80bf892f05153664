package dev.portprobe.reftable;

import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The imported profile; in line order, what the importer assumed, ignored or inferred; and the rows it kept as
 * comments because portprobe cannot probe them.
 */
public record ImportResult(Profile profile, List<ImportWarning> warnings, List<NotProbed> notProbed) {
    /** A row that is not probed (UDP, ICMP...), as the table wrote it, with the reason. */
    public record NotProbed(int line, String component, String port, String protocol, String usage, String reason) {
        String comment() {
            List<String> parts = new ArrayList<>();
            parts.add("port: " + port);
            if (protocol != null && !protocol.isBlank()) {
                parts.add("protocol: " + protocol);
            }
            if (!usage.isBlank()) {
                parts.add("usage: " + usage);
            }
            return line + ": " + component + " {" + String.join(", ", parts) + "}: " + reason;
        }
    }

    public ImportResult {
        warnings = List.copyOf(warnings);
        notProbed = List.copyOf(notProbed);
    }

    public ImportResult(Profile profile, List<ImportWarning> warnings) {
        this(profile, warnings, List.of());
    }

    public List<ImportWarning> warningsOnly() {
        return warnings.stream().filter(w -> w.level() == ImportWarning.Level.WARNING).toList();
    }

    /**
     * The profile as YAML, headed by comments that list every WARNING-level assumption with its Markdown line, and
     * every row kept as a comment.
     */
    public String yaml() {
        List<String> header = new ArrayList<>();
        header.add("Imported by portprobe from " + profile.source() + ".");
        List<ImportWarning> assumed = warningsOnly();
        if (!assumed.isEmpty()) {
            header.add("What the importer had to assume (Markdown line: assumption):");
            assumed.forEach(w -> header.add("  " + w.line() + ": " + w.message()));
        }
        if (!notProbed.isEmpty()) {
            header.add("Rows kept as comments, not probed (Markdown line: component {row}: reason):");
            notProbed.forEach(n -> header.add("  " + n.comment()));
        }
        header.add("Protocols were inferred from the usage text and well-known ports; check them before relying on them.");
        return ProfileWriter.toYaml(profile, header);
    }
}
