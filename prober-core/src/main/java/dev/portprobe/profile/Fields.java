package dev.portprobe.profile;

import dev.portprobe.InputException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Typed, located access to the keys of one YAML mapping, rejecting keys it does not know. */
final class Fields {
    private final String source;
    private final YamlNode.Mapping mapping;
    private final String what;

    private Fields(String source, YamlNode.Mapping mapping, String what) {
        this.source = source;
        this.mapping = mapping;
        this.what = what;
    }

    /** Checks that {@code node} is a mapping whose keys are all in {@code allowed} (in the order given). */
    static Fields of(String source, YamlNode node, String what, List<String> allowed) throws InputException {
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new InputException(source, node.line(), what + " must be a mapping, found " + node.describe());
        }
        Set<String> known = Set.copyOf(allowed);
        for (YamlNode.Entry e : m.entries().values()) {
            if (!known.contains(e.key())) {
                throw new InputException(source, e.keyLine(), "unknown key " + Texts.quote(e.key()) + " in " + what
                        + suggestion(e.key(), allowed) + "; allowed keys: " + String.join(", ", allowed));
            }
        }
        return new Fields(source, m, what);
    }

    int line() {
        return mapping.line();
    }

    boolean has(String key) {
        return mapping.entries().containsKey(key);
    }

    /** Line of the key, or of the mapping when the key is absent. */
    int lineOf(String key) {
        YamlNode.Entry e = mapping.entries().get(key);
        return e == null ? mapping.line() : e.keyLine();
    }

    YamlNode node(String key) {
        YamlNode.Entry e = mapping.entries().get(key);
        return e == null ? null : e.value();
    }

    String requiredString(String key) throws InputException {
        String s = optionalString(key);
        if (s == null) {
            throw missing(key);
        }
        return s;
    }

    /** A scalar as text (numbers and booleans too, since names may look like numbers); null when absent. */
    String optionalString(String key) throws InputException {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        YamlNode.Scalar s = scalar(key, n);
        if (s.text().isBlank()) {
            throw new InputException(source, n.line(), key + " has no value; give one or remove the key");
        }
        return s.text();
    }

    Boolean optionalBoolean(String key) throws InputException {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        YamlNode.Scalar s = scalar(key, n);
        if (s.type() != YamlNode.ScalarType.BOOLEAN) {
            throw new InputException(source, n.line(), key + " must be true or false, found " + Texts.quote(s.text()));
        }
        return "true".equals(s.text());
    }

    int requiredPort(String key) throws InputException {
        Integer p = optionalPort(key);
        if (p == null) {
            throw missing(key);
        }
        return p;
    }

    /** A decimal integer, compiled once: a 10,000-port profile asks this 10,000 times. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");

    /** A port number 1..65535; null when absent. */
    Integer optionalPort(String key) throws InputException {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        YamlNode.Scalar s = scalar(key, n);
        String text = s.text().strip();
        if (s.type() != YamlNode.ScalarType.INTEGER || !DECIMAL.matcher(text).matches()) {
            throw new InputException(source, n.line(), key + " must be a port number from 1 to 65535, found "
                    + s.describe() + " " + Texts.quote(s.text()));
        }
        BigInteger value = new BigInteger(text);
        if (value.signum() <= 0 || value.compareTo(BigInteger.valueOf(65535)) > 0) {
            throw new InputException(source, n.line(), key + " " + Texts.escape(text) + " is out of range 1..65535");
        }
        return value.intValue();
    }

    YamlNode.Sequence optionalList(String key) throws InputException {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof YamlNode.Sequence seq)) {
            throw new InputException(source, n.line(), key + " must be a list, found " + n.describe());
        }
        return seq;
    }

    /** A mapping of scalars to scalars, e.g. a label selector; null when absent. */
    Map<String, String> optionalStringMap(String key) throws InputException {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof YamlNode.Mapping m)) {
            throw new InputException(source, n.line(), key + " must be a mapping, found " + n.describe());
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (YamlNode.Entry e : m.entries().values()) {
            out.put(e.key(), scalar(key + "." + e.key(), e.value()).text());
        }
        return out;
    }

    InputException missing(String key) {
        return new InputException(source, mapping.line(), what + " is missing required key '" + key + "'");
    }

    private YamlNode.Scalar scalar(String key, YamlNode n) throws InputException {
        if (!(n instanceof YamlNode.Scalar s)) {
            throw new InputException(source, n.line(), key + " must be a single value, found " + n.describe());
        }
        if (s.type() == YamlNode.ScalarType.NULL) {
            throw new InputException(source, n.line(), key + " has no value; give one or remove the key");
        }
        return s;
    }

    private static String suggestion(String key, List<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String a : allowed) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), a.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2 || a.length() > 40) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
