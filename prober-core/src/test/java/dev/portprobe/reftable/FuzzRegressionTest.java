package dev.portprobe.reftable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import dev.portprobe.profile.ProfileLoader;
import org.junit.jupiter.api.Test;

/** Inputs the fuzz tests found; each failed once and must keep passing. */
class FuzzRegressionTest {
    @Test
    void aNonCharacterInACellDoesNotBreakTheYamlHeaderComments() throws InputException {
        ImportResult r = ReferenceTableImporter.importText("f.md", """
                | Pod | Port | Usage |
                |-----|------|-------|
                | gloo | \uFFFE | xDS Server |
                | gloo | 9977 | xDS \uFFFF Server |
                """, new ImportOptions("f", null));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w.message()).contains("\\ufffe"));
        assertThat(ProfileLoader.load("f.yaml", r.yaml()).workloads().get(0).ports().get(0).usage())
                .isEqualTo("xDS \uFFFF Server");
    }
}
