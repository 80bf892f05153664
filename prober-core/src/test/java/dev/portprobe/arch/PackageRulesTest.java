package dev.portprobe.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN and STYLE, read from the sources: a library that stays quiet, fabric8 kept in its box. */
class PackageRulesTest {
    private static final Path MAIN = Path.of(System.getProperty("basedir", "."), "src/main/java/dev/portprobe");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static String pkg(Path file) {
        Path rel = MAIN.relativize(file.getParent());
        return rel.toString().isEmpty() ? "" : rel.getName(0).toString();
    }

    /** The manifest importer reads fabric8's model classes and serialization, never its client. */
    @Test
    void onlyTheResolversAndTheJobSeeFabric8() throws IOException {
        for (Path file : sources()) {
            String text = Files.readString(file);
            if (text.contains("import io.fabric8.")) {
                assertThat(pkg(file)).as(file.toString()).isIn(Set.of("resolve", "job", "manifest"));
            }
            if (pkg(file).equals("manifest")) {
                assertThat(text).as(file.toString()).doesNotContain("KubernetesClient").doesNotContain("import io.fabric8"
                        + ".kubernetes.client.dsl");
            }
        }
    }

    @Test
    void theLibraryNeverPrintsNorExits() throws IOException {
        for (Path file : sources()) {
            String text = Files.readString(file);
            assertThat(text).as(file.toString())
                    .doesNotContain("System.out").doesNotContain("System.err")
                    .doesNotContain("System.exit").doesNotContain("printStackTrace");
        }
    }

    @Test
    void probesDependOnNeitherResolversNorRuns() throws IOException {
        for (Path file : sources()) {
            if (pkg(file).equals("probe")) {
                assertThat(Files.readString(file)).as(file.toString())
                        .doesNotContain("import dev.portprobe.resolve.").doesNotContain("import dev.portprobe.run.");
            }
        }
    }

    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !d.equals(MAIN)).toList()) {
                assertThat(dir.resolve("package-info.java")).as(dir.toString()).exists();
            }
        }
    }
}
