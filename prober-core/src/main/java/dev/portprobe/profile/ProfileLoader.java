package dev.portprobe.profile;

import dev.portprobe.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads profiles from files, text or the built-in set, validates them and applies {@code extends}.
 *
 * <p>Every problem is an {@link InputException} whose message is one line, {@code FILE:LINE: message}: malformed
 * YAML, unknown keys (the message lists the allowed ones), wrong types, missing required keys, a bad protocol (the
 * message lists the valid ids), a port outside 1..65535, a port listed twice in one workload or Service, a Service
 * naming a workload that no workload defines, an unknown {@code extends} and an {@code extends} cycle.
 *
 * <p><b>extends.</b> {@code extends: NAME} names a built-in profile, or (for a profile loaded from a file) a file
 * path relative to that file. The child is applied on top of the fully merged parent:
 * <ul>
 *   <li>{@code name} is the child's; {@code title} and {@code namespace} are the child's when given, else inherited.</li>
 *   <li>Workloads and Services are matched by name. An unmatched child entry is appended after the parent's entries.
 *       A matched entry stays at the parent's position and is merged: {@code selector}, {@code workload} and
 *       {@code optional} are the child's when given, else the parent's.</li>
 *   <li>Ports of a matched entry are matched by their {@code port} number (the Service port for Services). A child
 *       port replaces the parent's port with the same number <em>entirely</em> (its protocol, options, usage, reach and
 *       optional flag: nothing of the parent's port survives); a child port with a new number is appended.</li>
 *   <li>Nothing can be removed by a child.</li>
 * </ul>
 * Line numbers in the merged profile ({@link PortSpec#line()} and the like) refer to the file that defined the entry.
 */
public final class ProfileLoader {
    /** Classpath folder of the built-in profiles; {@code index.txt} there lists their names. */
    public static final String BUILTIN_DIR = "portprobe/profiles/";
    private static final String BUILTIN_PREFIX = "builtin:";

    private ProfileLoader() {
    }

    /** Loads a profile file; {@code extends} may name a built-in profile or a file next to this one. */
    public static Profile load(Path file) throws InputException {
        return loadFile(file, new ArrayList<>(), file.toString(), 0);
    }

    /** Loads profile text; {@code extends} may name only built-in profiles. */
    public static Profile load(String sourceName, String yamlText) throws InputException {
        return loadText(sourceName, yamlText, null, new ArrayList<>(List.of(sourceName)));
    }

    /** A built-in profile by name, e.g. {@code gloo-mesh-enterprise}. */
    public static Profile builtin(String name) throws InputException {
        return loadBuiltin(name, new ArrayList<>(), null, 0);
    }

    /** The names of the built-in profiles, in the order of the index. */
    public static List<String> builtinNames() {
        return Builtins.NAMES;
    }

    /** Read once: the jar does not change while the process runs. */
    private static final class Builtins {
        static final List<String> NAMES = readIndex();
        static final java.util.Map<String, String> TEXTS = new java.util.concurrent.ConcurrentHashMap<>();
        /** Built-in profiles are immutable values; an extends chain through them is parsed once per process. */
        static final java.util.Map<String, Profile> PROFILES = new java.util.concurrent.ConcurrentHashMap<>();

        private static List<String> readIndex() {
            try {
                String index = resource("index.txt");
                return index == null ? List.of() : index.lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            } catch (IOException e) {
                return List.of();
            }
        }
    }

    /** The YAML text of a built-in profile as shipped, comments included. */
    public static String builtinText(String name) throws InputException {
        String text = builtinNames().contains(name) ? readBuiltin(name) : null;
        if (text == null) {
            throw unknownProfile(null, 0, name);
        }
        return text;
    }

    /**
     * The profile a loaded profile extends, loaded the same way (a built-in, or a file next to the profile's file), so
     * that {@code profiles show} can print {@link ProfileDiff#between(Profile, Profile)}; empty when it extends none.
     */
    public static java.util.Optional<Profile> base(Profile profile) throws InputException {
        String name = profile.extendsName();
        if (name == null) {
            return java.util.Optional.empty();
        }
        if (builtinNames().contains(name)) {
            return java.util.Optional.of(builtin(name));
        }
        Path source = Path.of(profile.source()).toAbsolutePath().getParent();
        return java.util.Optional.of(load(source == null ? Path.of(name) : source.resolve(name)));
    }

    /**
     * What {@code -p NAME|FILE} means: a path (it contains a '/' or ends in .yaml/.yml) is loaded as a file;
     * otherwise a built-in name, and failing that a file of that name in the working directory.
     */
    public static Profile resolve(String nameOrFile) throws InputException {
        if (nameOrFile == null || nameOrFile.isBlank()) {
            throw new InputException("-p", 0, "no profile given; built-in profiles: " + String.join(", ", builtinNames()));
        }
        boolean looksLikePath = nameOrFile.contains("/") || nameOrFile.contains(java.io.File.separator)
                || nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml");
        if (!looksLikePath && builtinNames().contains(nameOrFile)) {
            return builtin(nameOrFile);
        }
        Path path;
        try {
            path = Path.of(nameOrFile);
        } catch (java.nio.file.InvalidPathException e) { // found by CliFuzzTest: a NUL in -p was an internal error
            throw new InputException(null, 0, "-p " + Texts.quote(nameOrFile) + ": not a usable file name (" + e.getReason() + ")");
        }
        if (looksLikePath || Files.isRegularFile(path)) {
            return load(path);
        }
        throw unknownProfile(null, 0, nameOrFile);
    }

    private static Profile loadFile(Path file, List<String> chain, String from, int fromLine) throws InputException {
        String text;
        try {
            text = decode(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw fromLine > 0 ? new InputException(from, fromLine, "extends: no such file " + file)
                    : new InputException(file.toString(), 0, "no such file");
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read: " + Texts.oneLine(e.toString()), e);
        } catch (IllegalArgumentException e) {
            throw new InputException(file.toString(), 1, "not UTF-8 text");
        }
        Path id = file.toAbsolutePath().normalize();
        enter(chain, id.toString(), from, fromLine);
        return loadText(file.toString(), text, file.toAbsolutePath().getParent(), chain);
    }

    private static Profile loadBuiltin(String name, List<String> chain, String from, int fromLine) throws InputException {
        String text = builtinNames().contains(name) ? readBuiltin(name) : null;
        if (text == null) {
            throw unknownProfile(from, fromLine, name);
        }
        enter(chain, BUILTIN_PREFIX + name, from, fromLine);
        Profile cached = Builtins.PROFILES.get(name);
        if (cached != null) {
            return cached;
        }
        Profile loaded = loadText(BUILTIN_PREFIX + name, text, null, chain);
        Builtins.PROFILES.put(name, loaded);
        return loaded;
    }

    private static Profile loadText(String source, String text, Path dir, List<String> chain) throws InputException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        ProfileDoc doc = ProfileParser.parse(source, YamlReader.read(source, body));
        Profile parent = null;
        if (doc.extendsName() != null) {
            parent = loadParent(doc, dir, chain);
        }
        return ProfileMerger.merge(parent, doc);
    }

    private static Profile loadParent(ProfileDoc doc, Path dir, List<String> chain) throws InputException {
        String name = doc.extendsName();
        if (builtinNames().contains(name)) {
            return loadBuiltin(name, chain, doc.source(), doc.extendsLine());
        }
        if (dir != null) {
            Path candidate;
            try {
                candidate = dir.resolve(name);
            } catch (java.nio.file.InvalidPathException e) {
                throw unknownProfile(doc.source(), doc.extendsLine(), name);
            }
            if (Files.isRegularFile(candidate)) {
                return loadFile(candidate, chain, doc.source(), doc.extendsLine());
            }
        }
        throw unknownProfile(doc.source(), doc.extendsLine(), name);
    }

    private static void enter(List<String> chain, String id, String from, int fromLine) throws InputException {
        if (chain.contains(id)) {
            List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(id), chain.size()));
            cycle.add(id);
            throw new InputException(from, fromLine, "extends cycle: " + String.join(" -> ", cycle));
        }
        chain.add(id);
    }

    private static InputException unknownProfile(String from, int line, String name) {
        String prefix = from == null ? "unknown profile " : "extends: unknown profile ";
        return new InputException(from, line, prefix + Texts.quote(name) + "; built-in profiles: "
                + String.join(", ", builtinNames()) + (from == null ? "; or give a file path" : ""));
    }

    private static String readBuiltin(String name) throws InputException {
        String cached = Builtins.TEXTS.get(name);
        if (cached != null) {
            return cached;
        }
        try {
            String text = resource(name + ".yaml");
            if (text != null) {
                Builtins.TEXTS.put(name, text);
            }
            return text;
        } catch (IOException e) {
            throw new InputException(BUILTIN_PREFIX + name, 0, "cannot read built-in profile: " + e.getMessage(), e);
        }
    }

    private static String resource(String file) throws IOException {
        ClassLoader loader = ProfileLoader.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(BUILTIN_DIR + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8", e);
        }
    }
}
