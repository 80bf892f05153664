package dev.portprobe.cli;

import dev.portprobe.reftable.ImportOptions;
import dev.portprobe.reftable.ImportResult;
import dev.portprobe.reftable.ReferenceTableImporter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Turn a Markdown port reference table into a profile (YAML on stdout without --out).")
final class ImportCommand extends TerminalCommand {

    @Parameters(index = "0", paramLabel = "FILE.md")
    Path file;

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
        ImportResult result = ReferenceTableImporter.importFile(file, new ImportOptions(name, namespace, columns, component));
        result.warnings().forEach(w -> terminal.err().println(w.format(file.toString())));
        terminal.err().flush();
        String yaml = result.yaml();
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
