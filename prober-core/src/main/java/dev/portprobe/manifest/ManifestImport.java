package dev.portprobe.manifest;

import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileWriter;
import dev.portprobe.reftable.ImportWarning;
import java.util.ArrayList;
import java.util.List;

/**
 * The profile imported from manifests, and in line order what the importer guessed or left out (WARNING) and how it
 * decided the other ports (INFO).
 */
public record ManifestImport(Profile profile, List<ImportWarning> warnings) {
    public ManifestImport {
        warnings = List.copyOf(warnings);
    }

    public List<ImportWarning> warningsOnly() {
        return warnings.stream().filter(w -> w.level() == ImportWarning.Level.WARNING).toList();
    }

    /** The profile as YAML, headed by comments that list every warning with its line in the manifests. */
    public String yaml() {
        List<String> header = new ArrayList<>();
        header.add("Imported by portprobe from the Kubernetes manifests " + profile.source() + ".");
        List<ImportWarning> guessed = warningsOnly();
        if (!guessed.isEmpty()) {
            header.add("What the importer had to guess or leave out (manifest line: what):");
            guessed.forEach(w -> header.add("  " + w.line() + ": " + w.message()));
        }
        header.add("Protocols come from appProtocol, port names, kubelet probes and well-known ports; check the guesses.");
        return ProfileWriter.toYaml(profile, header);
    }
}
