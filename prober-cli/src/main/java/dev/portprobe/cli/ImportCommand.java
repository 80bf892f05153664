package dev.portprobe.cli;

import dev.portprobe.manifest.ManifestImport;
import dev.portprobe.manifest.ManifestImporter;
import dev.portprobe.reftable.ImportOptions;
import dev.portprobe.reftable.ImportResult;
import dev.portprobe.reftable.ReferenceTableImporter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", description = "Turn a Markdown port reference table, or rendered Kubernetes manifests"
        + " (--manifests), into a profile (YAML on stdout without --out).")
final class ImportCommand extends TerminalCommand {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.md", arity = "0..1")
    Path file;

    @Option(names = "--manifests", paramLabel = "FILE",
            description = "read rendered Kubernetes YAML (helm template, kubectl get -o yaml) instead of a Markdown table;"
                    + " - reads standard input")
    Path manifests;

    @Option(names = "--name", paramLabel = "N", description = "profile name (default: from the file name)")
    String name;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "default namespace of the profile")
    String namespace;

    @Option(names = "--out", paramLabel = "FILE", description = "write the profile to FILE (whole or not at all)")
    Path out;

    @Option(names = "--columns", paramLabel = "ROLE=HEADER", split = ",",
            description = "which column plays which role, for unusual headers, e.g. port=Port,protocol=L4,usage=Notes"
                    + " (roles: port, protocol, usage, component, service, target, target-port, reach)")
    java.util.Map<String, String> columns;

    @Option(names = "--component", paramLabel = "NAME",
            description = "component of every row of a table without a component column (a page about one component)")
    String component;

    @Override
    public Integer call() throws Exception {
        if ((file == null) == (manifests == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), file == null
                    ? "give a Markdown FILE.md or --manifests FILE" : "give either FILE.md or --manifests FILE, not both");
        }
        ImportOptions options = new ImportOptions(name, namespace, columns, component);
        String yaml;
        if (manifests != null) {
            boolean stdin = manifests.toString().equals("-");
            ManifestImport result = stdin ? ManifestImporter.importStream(terminal.in(), options)
                    : ManifestImporter.importFile(manifests, options);
            String source = stdin ? ManifestImporter.STDIN : manifests.toString();
            // Only what was guessed or left out: how every other port was decided is in the result, not worth a line.
            result.warningsOnly().forEach(w -> terminal.err().println(w.format(source)));
            yaml = result.yaml();
        } else {
            ImportResult result = ReferenceTableImporter.importFile(file, options);
            result.warnings().forEach(w -> terminal.err().println(w.format(file.toString())));
            yaml = result.yaml();
        }
        terminal.err().flush();
        if (out != null) {
            AtomicFiles.write(out, yaml);
            terminal.info("wrote " + out);
        } else {
            terminal.out().print(yaml);
            terminal.out().flush();
        }
        return Cli.OK;
    }
}
