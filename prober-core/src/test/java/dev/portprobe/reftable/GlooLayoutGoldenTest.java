package dev.portprobe.reftable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Gloo port reference (the seed, copied to {@code seeds/gloo-ports.md}) imports byte for byte as it did before
 * the importer learnt other vendors' layouts. The golden files were written by {@code portprobe import gloo-ports.md}
 * (run in the resource folder) with the build before that change: the YAML from stdout, the warnings from stderr.
 */
class GlooLayoutGoldenTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(GlooLayoutGoldenTest.class.getResourceAsStream("/seeds/" + name),
                name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ImportResult importSeed() throws IOException, InputException {
        return ReferenceTableImporter.importText("gloo-ports.md", resource("gloo-ports.md"),
                new ImportOptions("gloo-ports", null));
    }

    @Test
    void seedYamlIsByteIdenticalToTheGoldenFile() throws Exception {
        assertThat(importSeed().yaml()).isEqualTo(resource("gloo-ports.golden.yaml"));
    }

    @Test
    void seedWarningsAreTheGoldenOnesInTheSameOrder() throws Exception {
        String warnings = importSeed().warnings().stream().map(w -> w.format("gloo-ports.md") + "\n")
                .collect(Collectors.joining());
        assertThat(warnings).isEqualTo(resource("gloo-ports.golden.warnings"));
    }
}
