package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.cli.readme.Fixtures;
import dev.portprobe.cli.readme.Sample;
import dev.portprobe.cli.readme.SampleText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample in the README is what the current build prints: each {@code <!-- sample: ARGS -->} block is run
 * in-process and compared with what the README shows (see {@link SampleText} for what may differ between runs).
 *
 * <p>To regenerate the samples after a change of output: {@code PORTPROBE_README_UPDATE=1 mvn -B -pl prober-cli
 * -am test -Dtest=ReadmeSamplesTest -Dsurefire.failIfNoSpecifiedTests=false}, then read the diff.
 */
class ReadmeSamplesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path README = ROOT.resolve("README.md");
    private static final boolean UPDATE = "1".equals(System.getenv("PORTPROBE_README_UPDATE"));
    private static List<String> readme;
    private static Fixtures fixtures;

    @BeforeAll
    static void read() throws Exception {
        readme = new ArrayList<>(Files.readAllLines(README, StandardCharsets.UTF_8));
        fixtures = new Fixtures();
    }

    @AfterAll
    static void finish() throws Exception {
        fixtures.close();
        if (UPDATE) {
            Files.write(README, readme, StandardCharsets.UTF_8);
        }
    }

    @Test
    void theReadmeHasSamplesOfTheMainCommands() {
        List<String> commands = Sample.parse(readme).stream().map(s -> s.args().get(0)).distinct().toList();
        assertThat(commands).contains("demo", "check", "identify", "import", "profiles");
    }

    @TestFactory
    Stream<DynamicTest> everySampleIsWhatTheBuildPrints() {
        // Walked from the last sample up, so that an update that changes a block's length moves no sample not yet
        // walked.
        List<Sample> samples = new ArrayList<>(Sample.parse(readme));
        java.util.Collections.reverse(samples);
        return samples.stream().map(s -> DynamicTest.dynamicTest(s.where(), () -> check(s)));
    }

    private static void check(Sample sample) throws Exception {
        List<String> shown = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (String a : sample.args()) {
            String expanded = fixtures.expand(a);
            shown.add(expanded);
            args.add(inRepo(expanded));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), args.toArray(String[]::new));
        String printed = sample.shown(out.toString(), err.toString()).replace(ROOT + "/", "");
        List<String> body = sample.body(readme);
        if (UPDATE) {
            List<String> fresh = new ArrayList<>();
            fresh.add(sample.commandLine(shown) + (exit == 0 ? "" : "   # exit " + exit));
            fresh.addAll(SampleText.excerptText(body.subList(1, body.size()), printed).stripTrailing().lines().toList());
            body.clear();
            body.addAll(fresh);
            return;
        }
        assertThat(body).as("%s: the block's first line is the command", sample.where()).isNotEmpty();
        assertThat(SampleText.normalize(body.get(0).replaceAll("\\s+#\\s*exit \\d+\\s*$", "")))
                .as("%s: the command line", sample.where())
                .isEqualTo(SampleText.normalize(sample.commandLine(shown)));
        assertThat(exit).as("%s: exit code (stderr: %s)", sample.where(), err).isEqualTo(sample.expectedExit(readme));
        SampleText.Mismatch mismatch = SampleText.compare(body.subList(1, body.size()), printed);
        assertThat(mismatch).as("%s differs from the build at %s", sample.where(), mismatch).isNull();
    }

    /** A relative path that exists from the repository's root is given to the command as an absolute one. */
    private static String inRepo(String arg) {
        if (arg.startsWith("-") || arg.contains(":") || arg.contains("=")) {
            return arg;
        }
        Path p = ROOT.resolve(arg);
        return arg.contains("/") && Files.exists(p) ? p.toString() : arg;
    }
}
