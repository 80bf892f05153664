package dev.portprobe.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class names a jar's class files refer to, read from their constant pools, for {@link ShadedJarTest}'s check that
 * nothing reaches what the shade filters leave out.
 */
final class ShadedJarClasses {
    private static final Pattern EXCLUDE = Pattern.compile("<exclude>([\\w/$.-]+?)(/\\*\\*|\\*)</exclude>");
    private static final Pattern DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");
    private static final String VERSIONED = "META-INF/versions/";

    private ShadedJarClasses() {
    }

    /**
     * The class-file prefixes the shade filters in {@code pom} leave out: each {@code <exclude>} of a package
     * ({@code a/b/**}) or of classes by name ({@code a/b/Name*}). Resource paths (META-INF) are not classes.
     */
    static List<String> filteredPrefixes(Path pom) throws IOException {
        List<String> prefixes = new ArrayList<>();
        Matcher m = EXCLUDE.matcher(Files.readString(pom));
        while (m.find()) {
            String prefix = m.group(1) + (m.group(2).equals("/**") ? "/" : "");
            if (!prefix.startsWith("META-INF") && prefix.contains("/")) {
                prefixes.add(prefix);
            }
        }
        return prefixes;
    }

    /** Classes under one of {@code prefixes} that a class of {@code jar} names but the jar lacks, each with who names it. */
    static Map<String, List<String>> dangling(Path jar, List<String> prefixes) throws IOException {
        Map<String, List<String>> missing = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Set<String> classes = new HashSet<>();
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().endsWith(".class")) {
                    classes.add(className(entry.getName()));
                    entries.add(entry);
                }
            }
            for (ZipEntry entry : entries) {
                try (InputStream in = zip.getInputStream(entry)) {
                    for (String named : namedClasses(in)) {
                        if (!classes.contains(named) && prefixes.stream().anyMatch(named::startsWith)) {
                            missing.computeIfAbsent(named, k -> new ArrayList<>()).add(className(entry.getName()));
                        }
                    }
                }
            }
        }
        return missing;
    }

    private static String className(String entry) {
        String name = entry.substring(0, entry.length() - ".class".length());
        return name.startsWith(VERSIONED) ? name.substring(name.indexOf('/', VERSIONED.length()) + 1) : name;
    }

    /** Class constants, and every type a descriptor, a generic signature or an annotation names (JVMS 4.4). */
    private static Set<String> namedClasses(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        in.skipNBytes(8); // magic, minor, major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classIndexes = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classIndexes.add(in.readUnsignedShort());
                case 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        Set<String> named = new HashSet<>();
        for (int index : classIndexes) {
            String name = utf8[index].replaceFirst("^\\[+", "");
            named.add(name.startsWith("L") && name.endsWith(";") ? name.substring(1, name.length() - 1) : name);
        }
        for (String s : utf8) {
            if (s != null) {
                Matcher m = DESCRIPTOR.matcher(s);
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        return named;
    }
}
