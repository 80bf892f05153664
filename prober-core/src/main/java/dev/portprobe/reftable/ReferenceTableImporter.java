package dev.portprobe.reftable;

import dev.portprobe.InputException;
import dev.portprobe.profile.Names;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Texts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Imports a Markdown port reference table into a profile.
 *
 * <p>The input is Markdown with optional front matter and Hugo shortcodes, split into sections by headings. Each
 * section may hold a pods table (Pod | Port | Usage) and a Services table (Service | Port | Target | Target Port |
 * Usage); tables are recognised by their header, not by the heading above them, and columns by name.
 *
 * <p><b>Sections.</b> All sections are imported into <em>one</em> profile. Reference tables such as Solo's list an
 * open-source install and then what Enterprise adds, so the union is the full install; a row whose (pod or Service,
 * port) an earlier section already listed is dropped with a warning. To split an import into a base and a variant,
 * import, then move the added entries into a second file that {@code extends} the first; or select with
 * {@code --only}/{@code --skip}.
 *
 * <p>Every assumption is an {@link ImportWarning} with its line: short and long rows, missing pod rows, unused
 * ports, repaired names and ports, ignored shortcodes and tables, and the protocol inferred for every row
 * ({@link ProtocolRules}).
 */
public final class ReferenceTableImporter {
    private ReferenceTableImporter() {
    }

    public static ImportResult importFile(Path file, ImportOptions options) throws InputException {
        String text = readText(file);
        ImportOptions named = options.name() != null ? options : options.withName(nameFromFile(file));
        return importText(file.toString(), text, named);
    }

    /** A file's text, which must be UTF-8; a missing or unreadable file is an {@link InputException}. */
    public static String readText(Path file) throws InputException {
        String text;
        try {
            text = decode(file.toString(), Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), 0, "no such file");
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read: " + Texts.oneLine(e.toString()), e);
        }
        return text;
    }

    /** Imports Markdown text; {@code source} names it in messages and becomes the profile's source. */
    public static ImportResult importText(String source, String markdown, ImportOptions options) throws InputException {
        String name = options.checkedName();
        checkColumns(options);
        String component = component(options);
        String text = markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown;
        List<ImportWarning> warnings = new ArrayList<>();
        FrontMatter.Stripped stripped = FrontMatter.strip(text);
        warnings.addAll(stripped.notes());
        MarkdownTables.Parsed parsed = MarkdownTables.read(stripped.body());
        warnings.addAll(parsed.notes());
        ProfileAssembler assembler = new ProfileAssembler(warnings);
        List<ImportResult.NotProbed> notProbed = new ArrayList<>();
        Set<String> sections = new LinkedHashSet<>();
        int portTables = 0;
        for (MarkdownTables.Table table : parsed.tables()) {
            Optional<TableLayout> layout = TableLayout.of(table.header(), options.columns());
            if (layout.isEmpty()) {
                warnings.add(ImportWarning.info(table.line(), "table with columns " + Texts.quote(
                        String.join(" | ", table.header())) + " has no port column; ignored"));
                continue;
            }
            portTables++;
            sections.add(table.section());
            layout.get().notes().forEach(n -> warnings.add(ImportWarning.warn(table.line(), n)));
            TableReading.read(table, layout.get(), assembler, warnings, notProbed, component, Names.sanitize(name));
        }
        if (portTables == 0) {
            throw new InputException(source, 1, "no port tables found: expected a table with a port column (Port,"
                    + " Port(s), Container port, Number)" + (options.columns().containsKey("port")
                    ? " named " + Texts.quote(options.columns().get("port")) + " as --columns says"
                    : "; name an unusual one with --columns port=HEADER"));
        }
        if (assembler.isEmpty() && notProbed.isEmpty()) {
            throw new InputException(source, parsed.tables().get(0).line(), "the port tables have no usable rows");
        }
        String title = stripped.title() != null ? stripped.title() : parsed.firstHeading();
        Profile profile = assembler.build(name, title, options.namespace(), source);
        if (options.namespace() == null) {
            warnings.add(ImportWarning.info(1, "no namespace given (--namespace); the profile names none, so a run"
                    + " uses -n or the current context's namespace"));
        }
        if (sections.size() > 1) {
            warnings.add(ImportWarning.info(1, "sections " + String.join(", ", sections.stream().map(Texts::quote)
                    .toList()) + " are imported into one profile (later sections add to earlier ones)"));
        }
        warnings.sort(Comparator.comparingInt(ImportWarning::line));
        return new ImportResult(profile, warnings, notProbed);
    }

    private static void checkColumns(ImportOptions options) throws InputException {
        for (var e : options.columns().entrySet()) {
            if (!HeaderNames.ROLES.contains(e.getKey())) {
                throw new InputException("--columns", 0, Texts.quote(e.getKey()) + " is not a column role; use "
                        + String.join(", ", HeaderNames.ROLES.stream().sorted().toList()));
            }
            if (HeaderNames.normalize(e.getValue()).isEmpty()) {
                throw new InputException("--columns", 0, e.getKey() + "=" + Texts.quote(e.getValue())
                        + " names no header (a header has letters)");
            }
        }
    }

    private static String component(ImportOptions options) throws InputException {
        if (options.component() == null) {
            return null;
        }
        if (!Names.isLabel(options.component())) {
            throw new InputException("--component", 0, Texts.quote(options.component()) + " is not a Kubernetes"
                    + " name (lower-case letters, digits and '-', at most 63)");
        }
        return options.component();
    }

    /** The profile name a file suggests: its name without the extension, made valid; "imported" when nothing is left. */
    /** Bytes read from {@code source} (a file, standard input) as text, which must be UTF-8. */
    public static String decode(String source, byte[] bytes) throws InputException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(source, 1, "not UTF-8 text");
        }
    }

    public static String nameFromFile(Path file) {
        Path fileName = file.getFileName();
        String base = fileName == null ? "" : fileName.toString().replaceFirst("\\.[^.]*$", "");
        String name = Names.sanitize(base);
        return Names.isName(name) ? name : "imported";
    }
}
