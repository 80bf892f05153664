package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.plan.Check;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --target NAME=HOST} values and {@code --targets FILE} (one NAME=HOST a line, # comments). */
final class Targets {
    private Targets() {
    }

    static Map<String, String> parse(List<String> flags, Path file) throws InputException {
        Map<String, String> map = new LinkedHashMap<>();
        if (file != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InputException(file.toString(), 0, "cannot read: " + e.getMessage());
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    put(map, line, file.toString(), i + 1);
                }
            }
        }
        for (String flag : flags) {
            put(map, flag, null, 0);
        }
        return map;
    }

    /** Refuses a --target (or --targets line) whose NAME no planned check has, as --only does. */
    static void requireKnown(Map<String, String> targets, List<Check> planned) throws InputException {
        Set<String> names = new LinkedHashSet<>();
        for (Check c : planned) {
            names.add(c.name());
            if (c.workload() != null) {
                names.add(c.workload());
            }
        }
        for (String name : targets.keySet()) {
            if (!names.contains(name)) {
                throw new InputException("--target", 0, name + " is no Service or workload of the profile; names: "
                        + (names.isEmpty() ? "(none)" : String.join(", ", names)));
            }
        }
    }

    private static void put(Map<String, String> map, String entry, String file, int line) throws InputException {
        int eq = entry.indexOf('=');
        String where = file == null ? "--target " : "";
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new InputException(file, line, where + "'" + entry + "': expected NAME=HOST");
        }
        String name = entry.substring(0, eq).strip();
        String host = entry.substring(eq + 1).strip();
        if (name.isEmpty() || host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new InputException(file, line, where + "'" + entry + "': expected NAME=HOST");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1).strip();
            if (host.isEmpty()) { // found by CliFuzzTest: "a=[]" gave an empty host
                throw new InputException(file, line, where + "'" + entry + "': the brackets hold no address");
            }
        }
        map.put(name, host);
    }
}
