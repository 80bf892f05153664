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

    @Override
    public Integer call() throws Exception {
        ImportResult result = ReferenceTableImporter.importFile(file, new ImportOptions(name, namespace));
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
