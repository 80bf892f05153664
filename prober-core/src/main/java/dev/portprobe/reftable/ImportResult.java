package dev.portprobe.reftable;

import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileWriter;
import java.util.ArrayList;
import java.util.List;

/** The imported profile and, in line order, what the importer assumed, ignored or inferred. */
public record ImportResult(Profile profile, List<ImportWarning> warnings) {
    public ImportResult {
        warnings = List.copyOf(warnings);
    }

    public List<ImportWarning> warningsOnly() {
        return warnings.stream().filter(w -> w.level() == ImportWarning.Level.WARNING).toList();
    }

    /** The profile as YAML, headed by comments that list every WARNING-level assumption with its Markdown line. */
    public String yaml() {
        List<String> header = new ArrayList<>();
        header.add("Imported by portprobe from " + profile.source() + ".");
        List<ImportWarning> assumed = warningsOnly();
        if (!assumed.isEmpty()) {
            header.add("What the importer had to assume (Markdown line: assumption):");
            assumed.forEach(w -> header.add("  " + w.line() + ": " + w.message()));
        }
        header.add("Protocols were inferred from the usage text and well-known ports; check them before relying on them.");
        return ProfileWriter.toYaml(profile, header);
    }
}
