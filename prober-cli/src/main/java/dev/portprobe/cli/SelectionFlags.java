package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.plan.CheckFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which checks of a profile run, and where direct mode dials them: the flags {@code probe} and {@code serve} share. */
final class SelectionFlags {
    @Option(names = "--target", paramLabel = "NAME=HOST", description = "direct mode: dial NAME's ports on HOST (repeatable)")
    List<String> target = new ArrayList<>();

    @Option(names = "--targets", paramLabel = "FILE", description = "direct mode: NAME=HOST lines")
    Path targetsFile;

    @Option(names = "--host", paramLabel = "HOST", description = "direct mode: dial every name on HOST")
    String host;

    @Option(names = "--only", paramLabel = "NAME[:PORT]", description = "probe only these (repeatable)")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "NAME[:PORT]", description = "do not probe these (repeatable)")
    List<String> skip = new ArrayList<>();

    /** True when a direct-mode flag was given. */
    boolean direct() {
        return !target.isEmpty() || targetsFile != null || host != null;
    }

    /** True when --only or --skip was given. */
    boolean filtered() {
        return !only.isEmpty() || !skip.isEmpty();
    }

    CheckFilter filter() throws InputException {
        return CheckFilter.parse(only, skip);
    }

    /** NAME -> HOST from --target and --targets. */
    Map<String, String> targets() throws InputException {
        return Targets.parse(target, targetsFile);
    }
}
