package dev.portprobe.plan;

import dev.portprobe.InputException;
import dev.portprobe.profile.Texts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --only NAME[:PORT]} and {@code --skip NAME[:PORT]}. NAME is a check's name (the Service name, or the workload
 * name of a workload-only check); PORT, when given, its port. Several values may be given in one argument separated
 * by commas. A check runs when it matches some --only (or there is none) and no --skip.
 */
public final class CheckFilter {
    /** One NAME[:PORT] selector; port null matches every port of NAME. */
    public record Selector(String name, Integer port, String option) {
        boolean matches(Check c) {
            return c.name().equals(name) && (port == null || c.port() == port);
        }

        @Override
        public String toString() {
            return port == null ? name : name + ":" + port;
        }
    }

    private final List<Selector> only;
    private final List<Selector> skip;

    private CheckFilter(List<Selector> only, List<Selector> skip) {
        this.only = List.copyOf(only);
        this.skip = List.copyOf(skip);
    }

    /** A filter that keeps every check. */
    public static final CheckFilter ALL = new CheckFilter(List.of(), List.of());

    public static CheckFilter parse(List<String> only, List<String> skip) throws InputException {
        return new CheckFilter(selectors("--only", only), selectors("--skip", skip));
    }

    public List<Selector> only() {
        return only;
    }

    public List<Selector> skip() {
        return skip;
    }

    /**
     * The checks to run, in plan order. An --only that matches no check is an error naming the available names (or
     * the ports of the name, when the name exists); a --skip that matches nothing is not (see {@link #unmatchedSkips}).
     */
    public List<Check> apply(List<Check> checks) throws InputException {
        for (Selector s : only) {
            if (checks.stream().noneMatch(s::matches)) {
                throw new InputException(s.option(), 0, s + " matches no check; " + available(checks, s.name()));
            }
        }
        List<Check> out = new ArrayList<>();
        for (Check c : checks) {
            boolean wanted = only.isEmpty() || only.stream().anyMatch(s -> s.matches(c));
            if (wanted && skip.stream().noneMatch(s -> s.matches(c))) {
                out.add(c);
            }
        }
        return out;
    }

    /** The --skip selectors that match no check, for a warning. */
    public List<Selector> unmatchedSkips(List<Check> checks) {
        return skip.stream().filter(s -> checks.stream().noneMatch(s::matches)).toList();
    }

    private static String available(List<Check> checks, String name) {
        List<String> ports = checks.stream().filter(c -> c.name().equals(name)).map(c -> String.valueOf(c.port()))
                .distinct().toList();
        if (!ports.isEmpty()) {
            return name + " has ports " + String.join(", ", ports);
        }
        Set<String> names = new LinkedHashSet<>();
        checks.forEach(c -> names.add(c.name()));
        return "names: " + (names.isEmpty() ? "(none)" : String.join(", ", names));
    }

    private static List<Selector> selectors(String option, List<String> values) throws InputException {
        List<Selector> out = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (value == null) {
                throw new InputException(option, 0, "missing value; expected NAME or NAME:PORT");
            }
            for (String part : value.split(",", -1)) {
                out.add(selector(option, part.strip()));
            }
        }
        return out;
    }

    private static Selector selector(String option, String text) throws InputException {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        if (name.isEmpty() || name.chars().anyMatch(ch -> Character.isWhitespace(ch) || Character.isISOControl(ch))) {
            throw new InputException(option, 0, "bad value " + Texts.quote(text) + "; expected NAME or NAME:PORT");
        }
        if (colon < 0) {
            return new Selector(name, null, option);
        }
        String port = text.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new InputException(option, 0, "bad port in " + Texts.quote(text)
                    + "; expected NAME:PORT with PORT from 1 to 65535");
        }
        return new Selector(name, Integer.parseInt(port), option);
    }
}
